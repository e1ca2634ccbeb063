// The account: a new password, or the account gone, through KOReader's own routes.

import { api } from './api.js';
import { koreaderKey, signIn } from './auth.js';
import { busy, confirmed, field, h, say, show } from './dom.js';

export function accountView(session, onDeleted, onRenewed) {
  const byPassword = session.method === 'password';
  const passwordForm = h('form', { id: 'password-form' },
    byPassword
      ? field('current-password', 'Current password', { type: 'password', required: true, autocomplete: 'current-password' })
      : null,
    field('new-password', 'New password', { type: 'password', required: true, autocomplete: 'new-password' }),
    field('repeat-password', 'New password again', { type: 'password', required: true, autocomplete: 'new-password' }),
    h('button', { id: 'password-submit', type: 'submit' }, 'Change password'));
  passwordForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (id) => passwordForm.querySelector(`#${id}`)?.value;
    if (value('new-password') !== value('repeat-password')) {
      say('The two new passwords differ.');
      return;
    }
    // signed in by password, the current one authenticates the change (not just the tab's token)
    const headers = byPassword
      ? { 'X-Auth-User': unescape(encodeURIComponent(session.username)), 'X-Auth-Key': koreaderKey(value('current-password')) }
      : {};
    try {
      await busy(passwordForm, () => api('users/password', {
        method: 'PUT', headers, body: { password: koreaderKey(value('new-password')) },
        context: byPassword ? 'current-password' : undefined,
      }));
      // a new password ends every token of the account, this tab's too: sign in again with it
      const renewed = await signIn(session.username, value('new-password'));
      onRenewed({ ...renewed, method: session.method });
      passwordForm.reset();
      say('Password changed. Use the new one in KOReader too (devices with a sync key keep working).', 'info');
    } catch (error) {
      say(error.message);
    }
  });

  const confirmName = h('input', { id: 'delete-confirm-name', autocomplete: 'off', required: true });
  const deleteForm = h('form', { id: 'delete-form' },
    h('p', { class: 'field' },
      h('label', { for: 'delete-confirm-name' }, `Type your username (${session.username}) to confirm`),
      confirmName),
    h('button', { id: 'delete-account', type: 'submit', class: 'danger' }, 'Delete account'));
  deleteForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (confirmName.value.trim() !== session.username) {
      say('The username typed is not this account\'s.');
      return;
    }
    if (!await confirmed('Delete this account?', 'Every book position, its history and every sync key are deleted for good.', 'Delete for good')) return;
    try {
      await busy(deleteForm, () => api('users/me', { method: 'DELETE' }));
      onDeleted();
    } catch (error) {
      say(error.message);
    }
  });

  show('Account',
    h('section', { 'aria-labelledby': 'account-title' },
      h('h1', { id: 'account-title' }, 'Account'),
      h('p', {}, 'Signed in as ', h('strong', { id: 'account-name' }, session.username),
        { password: ' with a password.', provider: ' through your identity provider.', proxy: ' through your organisation\'s sign-on.' }[session.method] || '.'),
      h('h2', {}, 'Password'),
      h('p', {}, byPassword
        ? 'KOReader signs in with this password. Changing it signs out e-readers that use it.'
        : 'You sign in here through single sign-on. A password is only for KOReader; a sync key per e-reader (Devices) is better.'),
      passwordForm,
      h('h2', {}, 'Delete the account'),
      deleteForm));
  return () => {};
}

// Sync keys: one login per e-reader, revocable alone. The password is shown once, here.

import { api } from './api.js';
import { busy, confirmed, field, h, say, show } from './dom.js';
import { ago, isoTime, when } from './format.js';

function secretPanel(created) {
  const server = new URL('.', document.baseURI).href.replace(/\/$/, '');
  const line = (label, value, id) => [
    h('dt', {}, label),
    h('dd', {}, h('code', { id }, value)),
  ];
  return h('section', { id: 'device-secret', class: 'secret', 'aria-labelledby': 'secret-title', tabindex: '-1' },
    h('h2', { id: 'secret-title' }, `Sync key for ${created.name}`),
    h('p', {}, 'In KOReader: Tools → Progress sync → Custom sync server, then Login. ',
      h('strong', {}, 'The password is shown only now'), ': write it down or type it in before leaving this page.'),
    h('dl', {},
      line('Server', server, 'secret-server'),
      line('Username', created.username, 'secret-username'),
      line('Password', created.password, 'secret-password')));
}

function keyRow(key, onRevoke) {
  const revoke = h('button', { type: 'button', class: 'danger quiet revoke' }, 'Revoke');
  revoke.setAttribute('aria-label', `Revoke the sync key ${key.name}`);
  revoke.addEventListener('click', () => onRevoke(key));
  return h('li', { dataset: { id: key.id } },
    h('span', { class: 'name' }, key.name),
    h('span', { class: 'meta' },
      h('code', {}, key.username), ' · created ',
      h('time', { datetime: isoTime(key.created), title: when(key.created) }, ago(key.created)), ' · ',
      key.last_used
        ? h('span', { class: 'used' }, 'last used ',
          h('time', { datetime: isoTime(key.last_used), title: when(key.last_used) }, ago(key.last_used)))
        : h('span', { class: 'used' }, 'never used')),
    revoke);
}

export async function devicesView() {
  const list = h('ul', { id: 'devices', class: 'keys' });
  const secret = h('div', { id: 'secret-slot' });
  const form = h('form', { id: 'device-form', class: 'inline' },
    field('device-name', 'E-reader name', { required: true, maxlength: 100, placeholder: 'Kobo Libra', autocomplete: 'off' }),
    h('button', { id: 'device-create', type: 'submit' }, 'Create sync key'));

  const refresh = async () => {
    const keys = await api('api/devices');
    list.replaceChildren(...keys.map((key) => keyRow(key, revoke)));
    if (keys.length === 0) list.append(h('li', { class: 'empty' }, 'No sync keys yet.'));
  };
  const revoke = async (key) => {
    if (!await confirmed('Revoke this sync key?', `${key.name} will stop syncing at its next request.`, 'Revoke')) return;
    try {
      await api(`api/devices/${encodeURIComponent(key.id)}`, { method: 'DELETE' });
      say(`${key.name} can no longer sync.`, 'info');
      await refresh();
    } catch (error) {
      say(error.message);
    }
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await busy(form, () => api('api/devices', {
        method: 'POST', body: { name: form.querySelector('#device-name').value },
      }));
      form.reset();
      const panel = secretPanel(created);
      secret.replaceChildren(panel);
      panel.focus();
      await refresh();
    } catch (error) {
      say(error.message);
    }
  });

  show('Devices',
    h('section', { 'aria-labelledby': 'devices-title' },
      h('h1', { id: 'devices-title' }, 'Devices'),
      h('p', {}, 'Give each e-reader its own sync key instead of your password: it can only sync reading positions, and you can revoke it alone.'),
      form,
      secret,
      h('h2', {}, 'Sync keys'),
      list));
  try {
    await refresh();
  } catch (error) {
    say(error.message);
  }
  return () => {};
}

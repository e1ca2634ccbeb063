// Signing in: a password (its MD5 goes to /api/auth.jwt, as KOReader sends it), a new account
// when the server takes them, or the organisation's identity provider.

import { busy, field, h, say, show } from './dom.js';
import { register, signIn, startProviderSignIn } from './auth.js';

export function signInView(info, onSignedIn) {
  const signInForm = h('form', { id: 'signin-form', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in'),
    field('signin-username', 'Username', { required: true, autocomplete: 'username', autocapitalize: 'none' }),
    field('signin-password', 'Password', { type: 'password', required: true, autocomplete: 'current-password' }),
    h('button', { id: 'signin-submit', type: 'submit' }, 'Sign in'));
  signInForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (id) => signInForm.querySelector(`#${id}`).value;
    try {
      onSignedIn(await busy(signInForm, () => signIn(value('signin-username'), value('signin-password'))));
    } catch (error) {
      say(error.message);
    }
  });

  let providerPart = null;
  if (info.provider) {
    const button = h('button', { id: 'provider-signin', type: 'button' }, `Sign in with ${info.provider.name}`);
    button.addEventListener('click', async () => {
      try {
        await startProviderSignIn(info.provider);
      } catch (error) {
        say(error.message);
      }
    });
    providerPart = h('section', { class: 'provider', 'aria-label': 'Single sign-on' }, button);
  }

  let registerForm = null;
  if (info.registration) {
    registerForm = h('form', { id: 'register-form', 'aria-labelledby': 'register-title' },
      h('h2', { id: 'register-title' }, 'New here? Create an account'),
      field('register-username', 'Username', { required: true, autocomplete: 'username', autocapitalize: 'none' }),
      field('register-password', 'Password', { type: 'password', required: true, autocomplete: 'new-password' }),
      field('register-repeat', 'Password again', { type: 'password', required: true, autocomplete: 'new-password' }),
      h('button', { id: 'register-submit', type: 'submit' }, 'Create account'));
    registerForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = (id) => registerForm.querySelector(`#${id}`).value;
      if (value('register-password') !== value('register-repeat')) {
        say('The two passwords differ.');
        return;
      }
      try {
        onSignedIn(await busy(registerForm, () => register(value('register-username'), value('register-password'))));
      } catch (error) {
        say(error.message);
      }
    });
  }

  show('Sign in',
    h('div', { class: 'signin' },
      providerPart,
      signInForm,
      registerForm,
      h('p', { class: 'hint' }, 'KOReader signs in with the same username and password: Tools → Progress sync → Custom sync server.')));
}

// The page's start: who is signed in, which view the address names, and the live connection.

import { api, whenSignedOut } from './api.js';
import { finishProviderSignIn, keep, restore, signInByProxy, signOut } from './auth.js';
import { $, say } from './dom.js';
import { Library, booksView, keepTimesFresh } from './books.js';
import { bookView } from './book.js';
import { devicesView } from './devices.js';
import { accountView } from './account.js';
import { signInView } from './signin.js';
import { Live } from './live.js';

const library = new Library();
let info = { registration: false, provider: null, proxy_sign_in: false };
let current = null; // the signed-in session
let live = null;
let leaveView = () => {};

function showLive(state, text) {
  const status = $('#live');
  status.dataset.state = state;
  status.textContent = text;
  status.hidden = state === 'off' && !text;
}

async function route() {
  leaveView();
  leaveView = () => {};
  if (!current) return;
  say(''); // a message belongs to the view it was said in
  const hash = window.location.hash.replace(/^#/, '') || '/';
  document.querySelectorAll('#nav a').forEach((link) => {
    const active = link.getAttribute('href') === `#${hash}` || (hash.startsWith('/book/') && link.id === 'nav-books');
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  if (hash.startsWith('/book/')) leaveView = bookView(library, decodeURIComponent(hash.slice('/book/'.length)));
  else if (hash === '/devices') leaveView = await devicesView();
  else if (hash === '/account') {
    leaveView = accountView(current, () => end('Your account is deleted.', 'info'), renewed);
  }
  else leaveView = booksView(library);
}

// the same person with a new token, after a password change ended the old one
function renewed(session) {
  current = session;
  keep(session);
}

async function begin(session) {
  current = session;
  say('');
  $('#nav').hidden = false;
  $('#signout').hidden = false;
  try {
    await library.load();
  } catch (error) {
    say(error.message);
  }
  if (current !== session) return; // signed out meanwhile (the token was refused)
  live = new Live({
    onState: showLive,
    onChange: (doc) => library.apply(doc),
    onResync: () => library.load().catch((error) => say(error.message)),
  });
  live.start();
  await route();
}

function end(message, kind = 'error') {
  if (live) live.stop();
  live = null;
  current = null;
  leaveView();
  leaveView = () => {};
  signOut();
  library.docs = new Map();
  $('#nav').hidden = true;
  $('#signout').hidden = true;
  showLive('off', '');
  signInView(info, begin);
  say(message, kind);
}

async function start() {
  $('#signout').addEventListener('click', () => end('Signed out.', 'info'));
  window.addEventListener('hashchange', route);
  whenSignedOut((error) => {
    if (current && current.method === 'proxy') {
      signInByProxy().then(begin).catch(() => end(error.message));
    } else {
      end(error.message);
    }
  });
  keepTimesFresh();
  try {
    info = await api('api/server.info', { anonymous: true });
  } catch (error) {
    say(error.message);
  }
  try {
    const returned = await finishProviderSignIn();
    if (returned) return begin(returned);
  } catch (error) {
    signInView(info, begin);
    say(error.message);
    return undefined;
  }
  const restored = restore();
  if (restored) return begin(restored);
  if (info.proxy_sign_in) {
    try {
      return begin(await signInByProxy());
    } catch (error) {
      say(error.message);
    }
  }
  signInView(info, begin);
  return undefined;
}

start();

// Signing in and out. The token lives in this tab's sessionStorage (never a cookie), so closing the
// tab signs out and no other site's request ever carries it.

import { api, ApiError, useToken } from './api.js';

const SESSION = 'kosync.session';
const PENDING = 'kosync.oidc';

/** {token, username, method: 'password' | 'provider' | 'proxy'} or null */
export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION));
  } catch {
    return null;
  }
}

function begin(token, method) {
  const value = { token, username: claims(token).upn || '', method };
  sessionStorage.setItem(SESSION, JSON.stringify(value));
  useToken(token);
  return value;
}

/** Keeps a session (a renewed token, the same way of signing in) for this tab. */
export function keep(value) {
  sessionStorage.setItem(SESSION, JSON.stringify(value));
  useToken(value.token);
}

export function signOut() {
  sessionStorage.removeItem(SESSION);
  useToken(null);
}

/** KOReader's key for a password: its MD5, which is all the server ever sees. */
export function koreaderKey(password) {
  return window.md5(password);
}

function headersFor(username, password) {
  return { 'X-Auth-User': encodeHeader(username), 'X-Auth-Key': koreaderKey(password) };
}

// a header carries bytes: KOReader sends a name's UTF-8 bytes as they are, and the server reads
// them back as UTF-8 (auth/control/HeaderText), so the page sends the same bytes
function encodeHeader(text) {
  return unescape(encodeURIComponent(text));
}

export async function signIn(username, password) {
  const token = await api('api/auth.jwt', {
    method: 'POST', headers: headersFor(username, password), anonymous: true, context: 'sign-in',
  });
  return begin(token, 'password');
}

export async function register(username, password) {
  await api('users/create', {
    method: 'POST', body: { username, password: koreaderKey(password) }, anonymous: true,
  });
  return signIn(username, password);
}

/** Behind a trusted proxy that names the user, the token comes without asking anything. */
export async function signInByProxy() {
  const token = await api('api/auth.jwt', { method: 'POST', anonymous: true });
  return begin(token, 'proxy');
}

/** The identity provider's authorization code flow with PKCE, as a public client: step 1. */
export async function startProviderSignIn(provider) {
  if (!window.isSecureContext || !crypto.subtle) {
    throw new ApiError(0, 0, 'Signing in with the identity provider needs this page over HTTPS.');
  }
  const verifier = randomText(48);
  const state = randomText(24);
  const challenge = base64url(new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, provider }));
  const target = new URL(provider.authorization_endpoint);
  target.search = new URLSearchParams({
    response_type: 'code',
    client_id: provider.client_id,
    redirect_uri: redirectUri(),
    scope: provider.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    // the code comes back after '#', which the browser never sends: no server's log holds it
    response_mode: 'fragment',
  });
  window.location.assign(target);
}

/** Step 2, when the provider sends the browser back: null if this load is no such return. */
export async function finishProviderSignIn() {
  const returned = (params) => params.has('state') && (params.has('code') || params.has('error'));
  let query = new URLSearchParams(window.location.hash.slice(1));
  if (!returned(query)) query = new URLSearchParams(window.location.search); // a provider without fragments
  if (!returned(query)) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', document.baseURI); // the code is single-use; keep it out of history
  if (!pending || pending.state !== query.get('state')) {
    throw new ApiError(0, 0, 'That sign-in did not start here. Please sign in again.');
  }
  if (query.has('error')) {
    throw new ApiError(0, 0, `The identity provider did not sign you in (${query.get('error')}).`);
  }
  let answer;
  try {
    const response = await fetch(pending.provider.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: query.get('code'),
        redirect_uri: redirectUri(),
        client_id: pending.provider.client_id,
        code_verifier: pending.verifier,
      }),
      credentials: 'omit',
    });
    answer = await response.json();
  } catch {
    throw new ApiError(0, 0, 'The identity provider cannot be reached. Try again in a moment.');
  }
  if (!answer.access_token) {
    throw new ApiError(0, 0, 'The identity provider refused the sign-in. Please try again.');
  }
  // the provider's token opens KOsync's own, which lasts as long as any other session here
  const token = await api('api/auth.jwt', {
    method: 'POST', anonymous: true, headers: { Authorization: `Bearer ${answer.access_token}` },
    context: 'provider',
  });
  return begin(token, 'provider');
}

export function restore() {
  const saved = session();
  if (saved && claims(saved.token).exp * 1000 > Date.now()) {
    useToken(saved.token);
    return saved;
  }
  signOut();
  return null;
}

function redirectUri() {
  return new URL('.', document.baseURI).href;
}

function claims(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(payload))));
  } catch {
    return {};
  }
}

function randomText(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

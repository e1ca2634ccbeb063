// Every call to the server: KOsync's JSON API and KOReader's routes, with the signed-in token.
// A failure becomes an ApiError whose text a person can read; no raw JSON ever reaches the page.

const ACCEPT = 'application/vnd.koreader.v1+json'; // what KOReader sends: strict servers want it

export class ApiError extends Error {
  constructor(status, code, text, retryAfter) {
    super(text);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

let token = null;
let onSignedOut = () => {};

export function useToken(value) { token = value; }
export function whenSignedOut(callback) { onSignedOut = callback; }

/**
 * api('api/documents.all') → parsed JSON (or text for text/plain answers).
 * options: method, body (JSON), headers, anonymous (no token), context (words for errors).
 */
export async function api(path, options = {}) {
  const headers = { Accept: ACCEPT, ...options.headers };
  if (token && !options.anonymous && !headers['X-Auth-User']) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(new URL(path, document.baseURI), {
      method: options.method || 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 0, 'The server cannot be reached. Check the connection and try again.');
  }
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (response.ok) return body;
  const code = body && typeof body === 'object' ? body.code : 0;
  const error = new ApiError(response.status, code,
    explain(response.status, code, body && body.detail, options.context),
    Number(response.headers.get('Retry-After')) || 0);
  if (response.status === 401 && token && !options.anonymous && !headers['X-Auth-User']) onSignedOut(error);
  throw error;
}

/** What a person reads for each of the server's documented errors. */
export function explain(status, code, detail, context) {
  switch (code) {
    case 2001:
      if (context === 'sign-in') return 'The username or password is wrong.';
      if (context === 'current-password') return 'The current password is wrong.';
      return 'Your session has ended. Please sign in again.';
    case 2002: return 'That username is taken. Choose another one.';
    case 2005: return 'This server does not accept new accounts.';
    case 2006: return 'This account no longer exists.';
    case 2007: return 'This book is not on the server (any more).';
    case 2008: return 'Too many attempts. Wait a few minutes, then try again.';
    case 2010: return 'That sync key is gone already.';
    case 2003: return detail ? `That was not accepted: ${humanDetail(detail)}` : 'That was not accepted.';
    default:
      break;
  }
  if (status === 404) return 'The server does not know this.';
  if (status === 413) return 'That is too large for the server.';
  if (status >= 500 || status === 0) return 'The server has a problem right now. Try again in a moment.';
  return `The server refused this (HTTP ${status}).`;
}

// the API's details name JSON fields: a person knows them as the things on the page
function humanDetail(detail) {
  return String(detail)
    .replace(/'pretty_name'/g, 'the name')
    .replace(/'name'/g, 'the name')
    .replace(/'username'/g, 'the username')
    .replace(/'password'/g, 'the password');
}

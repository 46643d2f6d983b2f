// The admin API, as the page calls it: same-origin credentials (the person's session), the
// anti-CSRF token on every change, and every failure turned into a Problem that says in words
// what happened. Nothing here logs or stores a key.

import { meta } from './dom.js';

const BASE = meta('keyguard-api');
const CSRF = meta('keyguard-csrf');
const TIMEOUT_MS = 30000;

let inFlight = 0;

/** A failed call: status 0 when the server could not be reached. */
export class Problem extends Error {
  constructor(status, code, serverMessage, retryAfter) {
    super(code || `status ${status}`);
    this.status = status;
    this.code = code;
    this.serverMessage = serverMessage;
    this.retryAfter = retryAfter;
  }
}

function busy(delta) {
  inFlight += delta;
  if (inFlight > 0) document.body.dataset.kgBusy = 'true';
  else delete document.body.dataset.kgBusy;
}

/**
 * Calls the API at BASE + path and returns the envelope's data.
 * @throws Problem for every answer other than success, and when the server cannot be reached
 */
export async function call(method, path = '', body) {
  const headers = { Accept: 'application/json' };
  const change = method !== 'GET' && method !== 'HEAD';
  if (change) {
    headers['X-CSRF-Token'] = CSRF;
    headers['Content-Type'] = 'application/json';
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  busy(+1);
  try {
    let response;
    try {
      response = await fetch(BASE + path, {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        redirect: 'follow',
        signal: abort.signal,
        body: change ? JSON.stringify(body || {}) : undefined,
      });
    } catch (e) {
      throw new Problem(0, abort.signal.aborted ? 'timeout' : 'network', null, null);
    }
    let envelope = null;
    if ((response.headers.get('Content-Type') || '').includes('application/json')) {
      try {
        envelope = await response.json();
      } catch (e) {
        envelope = null;
      }
    }
    if (response.ok && envelope && envelope.success === true) {
      return envelope.data;
    }
    const error = envelope && envelope.error ? envelope.error : {};
    const retry = Number.parseInt(response.headers.get('Retry-After') || '', 10);
    throw new Problem(
      response.ok ? 0 : response.status,
      typeof error.code === 'string' ? error.code : (response.ok ? 'not_json' : null),
      typeof error.message === 'string' ? error.message : null,
      Number.isFinite(retry) ? retry : null);
  } finally {
    clearTimeout(timer);
    busy(-1);
  }
}

const RELOAD = 'Reload the page (log in again if the app asks you to), then try again.';

/**
 * What went wrong, in sentences for the person; `doing` says what they tried ("The key could not
 * be created"). Never the server's raw answer, only its message where it was written for people.
 */
export function describe(problem, doing) {
  const text = reason(problem);
  return doing ? `${doing}: ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
}

function reason(problem) {
  const code = problem.code;
  if (problem.status === 0) {
    if (code === 'timeout') {
      return `the server took too long to answer. Check your connection and try again.`;
    }
    if (code === 'not_json') {
      return `the server sent a page instead of an answer; your login may have ended. ${RELOAD}`;
    }
    return `the server could not be reached. Check your network connection and try again.`;
  }
  switch (code) {
    case 'csrf_failed':
      return `this page is out of date or its session has ended, so the change was refused for your safety. ${RELOAD}`;
    case 'unauthorized':
      return `you are no longer logged in. ${RELOAD}`;
    case 'insufficient_scope':
    case 'rights_exceeded':
    case 'forbidden':
      return `your account may not do this. Ask the app's administrator.`;
    case 'ip_not_allowed':
      return `this is not allowed from your network address.`;
    case 'key_limit_reached': {
      const count = /(\d+)/.exec(problem.serverMessage || '');
      const limit = count ? count[1] : '10';
      return `your organisation already has ${limit} active API keys, the most it may have. `
        + 'Revoke a key that is no longer used, then create the new one (or rotate a key to replace it). '
        + 'Expired keys, and keys being replaced by a rotation, do not count.';
    }
    case 'key_not_rotatable':
      return `the key has expired or is already being replaced by an earlier rotation, so it cannot be rotated again. `
        + 'Create a new key instead, and revoke this one when it is no longer used.';
    case 'not_found':
      return `the key no longer exists: it was probably revoked already, perhaps by someone else. The list has been refreshed.`;
    case 'validation_error':
      return `${problem.serverMessage || 'some of what you entered is not valid.'}`;
    case 'rate_limited':
    case 'too_many_requests':
      return `too many requests in a short time. Wait a minute and try again.`;
    case 'unavailable':
      return `the key store is unavailable at the moment. `
        + `Try again in ${problem.retryAfter && problem.retryAfter > 1 ? `${problem.retryAfter} seconds` : 'a few seconds'}.`;
    default:
      break;
  }
  if (problem.status === 401) return `you are no longer logged in. ${RELOAD}`;
  if (problem.status === 403) return `your account may not do this. Ask the app's administrator.`;
  if (problem.status === 429) return `too many requests in a short time. Wait a minute and try again.`;
  if (problem.status === 503) return `the service is unavailable at the moment. Try again in a few seconds.`;
  if (problem.status >= 500) {
    return `something went wrong on the server (error ${problem.status}). Try again; if it keeps happening, tell the app's administrator.`;
  }
  return `the request was refused (error ${problem.status}). ${RELOAD}`;
}

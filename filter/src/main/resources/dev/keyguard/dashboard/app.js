// Keyguard's dashboard: the organisation's API keys, their creation, rotation and revocation, and
// the audit trail, all through the admin API (api.js). No framework, no build step: ES modules
// served as they are, under the page's strict Content-Security-Policy.

import { $, el, fill, meta } from './dom.js';
import { call, describe } from './api.js';
import { refreshTimes, exact } from './time.js';
import { renderKeys, ownerName, keyLabel, describeKey } from './keys.js';
import { eventItem } from './events.js';
import { openDialog, setUpDialogs, showSecret } from './dialogs.js';
import { renderUsage, USAGE_DAYS } from './usage.js';

const EVENTS_PAGE = 25;
const ME = meta('keyguard-user');
const SCOPES = meta('keyguard-scopes').split(/\s+/).filter(Boolean);
const SCOPE_HINTS = { 'keys:manage': 'manage API keys, as on this page' };

const state = {
  keys: [],
  owners: new Map(), // keyId → the name of its creator, for every key this page has seen
  prefixes: new Map(), // keyId → prefix
  cursor: null,
};

// Messages ---------------------------------------------------------------------------------------

function showError(text, retry) {
  fill($('kg-status'));
  fill($('kg-alert'), el('p', {}, text),
    retry ? el('button', { type: 'button', class: 'kg-button kg-small', id: 'kg-retry' }, 'Try again') : null);
  if (retry) $('kg-retry').addEventListener('click', () => { clearMessages(); retry(); });
}

function showNotice(text) {
  fill($('kg-alert'));
  fill($('kg-status'), el('p', {}, text));
}

function clearMessages() {
  fill($('kg-alert'));
  fill($('kg-status'));
}

// Loading ----------------------------------------------------------------------------------------

async function loadKeys() {
  try {
    const keys = await call('GET');
    state.keys = keys;
    for (const key of keys) {
      const owner = ownerName(key.user);
      if (owner) state.owners.set(key.id, owner);
      state.prefixes.set(key.id, key.keyPrefix);
    }
    renderKeys($('kg-keys'), keys);
    $('kg-empty').hidden = keys.length > 0;
    fill($('kg-keys-count'), keys.length ? `(${keys.length})` : '');
    return true;
  } catch (problem) {
    $('kg-empty').hidden = true;
    fill($('kg-keys'), el('p', { class: 'kg-unloaded' }, 'The keys could not be loaded.'));
    showError(describe(problem, 'The keys could not be loaded'), refresh);
    return false;
  }
}

function context() {
  return { owners: state.owners, prefixes: state.prefixes, me: ME };
}

async function loadEvents(first) {
  const query = new URLSearchParams({ limit: String(EVENTS_PAGE) });
  if (!first && state.cursor) query.set('cursor', state.cursor);
  const list = $('kg-events');
  const more = $('kg-events-more');
  try {
    const page = await call('GET', `/events?${query}`);
    const items = page.events.map((event) => eventItem(event, context()));
    if (first) fill(list, items);
    else list.append(...items);
    state.cursor = page.nextCursor;
    const hadFocus = document.activeElement === more;
    more.hidden = !page.nextCursor;
    $('kg-events-empty').hidden = list.children.length > 0;
    if (hadFocus && more.hidden && items.length) {
      items[0].tabIndex = -1;
      items[0].focus();
    }
    return true;
  } catch (problem) {
    if (first) {
      fill(list);
      more.hidden = true;
    }
    showError(describe(problem, 'The audit trail could not be loaded'), first ? refresh : null);
    return false;
  }
}

/** The list and the first page of the trail, again (after every change). */
async function refresh() {
  if (await loadKeys()) await loadEvents(true);
}

// Row actions ------------------------------------------------------------------------------------

function findKey(id) {
  return state.keys.find((key) => key.id === id);
}

function rowButton(id, action) {
  for (const row of document.querySelectorAll('#kg-keys [data-key-id]')) {
    if (row.dataset.keyId === id) return row.querySelector(`button[data-action="${action}"]`);
  }
  return null;
}

let target = null; // the key the open revoke or rotate dialog is about
let revoked = false; // whether the revoke dialog closed on success (its row is gone)

function onRowAction(event) {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const key = findKey(button.closest('[data-key-id]').dataset.keyId);
  if (!key) return;
  target = key;
  if (button.dataset.action === 'revoke') {
    fill($('kg-revoke-error'));
    fill($('kg-revoke-title'), `Revoke ${keyLabel(key.name)}?`);
    fill($('kg-revoke-text'), `The key ${describeKey(key)} will stop working at once: every program that uses it `
      + 'is refused from its next request. This cannot be undone.');
    $('kg-revoke-confirm').disabled = false;
    revoked = false;
    openDialog($('kg-revoke'), () => (revoked ? $('kg-keys-title') : rowButton(key.id, 'revoke')));
    $('kg-revoke-cancel').focus();
  } else if (button.dataset.action === 'usage') {
    showUsage(key);
  } else if (button.dataset.action === 'rotate') {
    fill($('kg-rotate-error'));
    fill($('kg-rotate-title'), `Rotate ${keyLabel(key.name)}?`);
    fill($('kg-rotate-text'), `A new key replaces ${describeKey(key)}. You will see the new key once; `
      + 'the old one keeps working for the time you choose, then stops.');
    $('kg-rotate-grace').value = '86400';
    $('kg-rotate-confirm').disabled = false;
    openDialog($('kg-rotate'), () => rowButton(key.id, 'rotate'));
  }
}

async function showUsage(key) {
  const body = $('kg-usage-body');
  fill($('kg-usage-error'));
  fill($('kg-usage-title'), `Usage of ${keyLabel(key.name, key.keyPrefix)}`);
  fill(body, el('p', {}, 'Loading…'));
  openDialog($('kg-usage'), () => rowButton(key.id, 'usage'));
  $('kg-usage-close').focus();
  try {
    renderUsage(body, await call('GET', `/${encodeURIComponent(key.id)}/usage?days=${USAGE_DAYS}`));
  } catch (problem) {
    fill(body);
    fill($('kg-usage-error'), describe(problem, 'The usage could not be loaded'));
  }
}

async function revoke() {
  const key = target;
  const dialog = $('kg-revoke');
  const confirm = $('kg-revoke-confirm');
  confirm.disabled = true;
  try {
    await call('DELETE', `/${encodeURIComponent(key.id)}`);
    revoked = true;
    dialog.close();
    showNotice(`The key ${keyLabel(key.name, key.keyPrefix)} was revoked. Programs that use it are refused from now on.`);
    await refresh();
  } catch (problem) {
    confirm.disabled = false;
    if (problem.code === 'not_found') {
      revoked = true;
      dialog.close();
      showError(describe(problem, `${keyLabel(key.name)} could not be revoked`));
      await refresh();
    } else {
      fill($('kg-revoke-error'), describe(problem, 'The key could not be revoked'));
    }
  }
}

async function rotate() {
  const key = target;
  const dialog = $('kg-rotate');
  const confirm = $('kg-rotate-confirm');
  const grace = Number($('kg-rotate-grace').value);
  confirm.disabled = true;
  try {
    const rotated = await call('POST', `/${encodeURIComponent(key.id)}/rotate`, { gracePeriodSeconds: grace });
    dialog.close();
    const old = rotated.previousKey && rotated.previousKey.expiresAt;
    const until = grace === 0 || !old
      ? 'The old key no longer works.'
      : `The old key keeps working until ${exact(new Date(old))}.`;
    showSecret(`New key for ${keyLabel(rotated.name)}`,
      `${keyLabel(key.name, key.keyPrefix)} was rotated. ${until} Put the new key in its place now.`,
      rotated.key, () => rowButton(rotated.id, 'rotate'));
    showNotice(`The key ${keyLabel(key.name, key.keyPrefix)} was rotated.`);
    await refresh();
  } catch (problem) {
    confirm.disabled = false;
    if (problem.code === 'not_found') {
      dialog.close();
      showError(describe(problem, `${keyLabel(key.name)} could not be rotated`));
      await refresh();
    } else {
      fill($('kg-rotate-error'), describe(problem, 'The key could not be rotated'));
    }
  }
}

// Creating ---------------------------------------------------------------------------------------

function scopeBoxes() {
  return [...document.querySelectorAll('input[name="kg-scope"]')];
}

function setUpScopes() {
  const all = $('kg-create-all-scopes');
  fill($('kg-create-scopes'), SCOPES.map((scope, i) => {
    const id = `kg-scope-${i}`;
    return el('div', { class: 'kg-check' },
      el('input', { type: 'checkbox', id, name: 'kg-scope', value: scope }),
      el('label', { for: id }, el('code', {}, scope), SCOPE_HINTS[scope] ? ` — ${SCOPE_HINTS[scope]}` : ''));
  }));
  all.addEventListener('change', () => {
    if (all.checked) for (const box of scopeBoxes()) box.checked = false;
  });
  $('kg-create-scopes').addEventListener('change', (event) => {
    if (event.target.checked) all.checked = false;
  });
}

function localDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function openCreate() {
  $('kg-create-form').reset();
  for (const box of scopeBoxes()) box.checked = false;
  $('kg-create-all-scopes').checked = true;
  $('kg-create-expires').min = localDate(new Date());
  for (const input of document.querySelectorAll('#kg-create [aria-invalid]')) input.removeAttribute('aria-invalid');
  fill($('kg-create-error'));
  $('kg-create-submit').disabled = false;
  openDialog($('kg-create'), () => $('kg-new-key'));
  $('kg-create-name').focus();
}

function refuse(input, text) {
  input.setAttribute('aria-invalid', 'true');
  fill($('kg-create-error'), text);
  input.focus();
  return null;
}

/** The create request's body from the form, or null after saying what is wrong. */
function createBody() {
  const name = $('kg-create-name');
  const expires = $('kg-create-expires');
  const ips = $('kg-create-ips');
  for (const input of [name, expires, ips]) input.removeAttribute('aria-invalid');
  const body = { name: name.value.trim() };
  if (!body.name) return refuse(name, 'Give the key a name, so that people can tell what it is for.');
  if (expires.value) {
    const [y, m, d] = expires.value.split('-').map(Number);
    const end = new Date(y, m - 1, d + 1); // the end of that day, local time
    if (!y || Number.isNaN(end.getTime())) return refuse(expires, 'The expiry date is not a date.');
    if (end.getTime() <= Date.now()) return refuse(expires, 'The expiry date must be today or later.');
    body.expiresAt = end.toISOString();
  } else if (expires.validity && expires.validity.badInput) {
    return refuse(expires, 'The expiry date is not complete.');
  }
  if ($('kg-create-all-scopes').checked) {
    body.scopes = null;
  } else {
    body.scopes = scopeBoxes().filter((box) => box.checked).map((box) => box.value);
    if (body.scopes.length === 0) {
      return refuse($('kg-create-all-scopes'), 'Choose at least one scope, or “All scopes”.');
    }
  }
  const blocks = ips.value.split(/[\s,]+/).filter(Boolean);
  if (blocks.length) body.allowedIps = blocks;
  return body;
}

async function create(event) {
  event.preventDefault();
  const body = createBody();
  if (!body) return;
  const submit = $('kg-create-submit');
  submit.disabled = true;
  fill($('kg-create-error'));
  try {
    const created = await call('POST', '', body);
    $('kg-create').close();
    const expiry = created.expiresAt ? `It expires on ${exact(new Date(created.expiresAt))}.` : 'It does not expire.';
    showSecret(`Your new key ${keyLabel(created.name)}`,
      `The key ${keyLabel(created.name, created.keyPrefix)} was created. ${expiry}`,
      created.key, () => $('kg-new-key'));
    showNotice(`The key ${keyLabel(created.name, created.keyPrefix)} was created.`);
    await refresh();
  } catch (problem) {
    submit.disabled = false;
    fill($('kg-create-error'), describe(problem, 'The key could not be created'));
    if (problem.code === 'validation_error') $('kg-create-name').focus();
  }
}

// Start ------------------------------------------------------------------------------------------

function setUp() {
  setUpDialogs();
  setUpScopes();
  $('kg-new-key').addEventListener('click', openCreate);
  $('kg-create-form').addEventListener('submit', create);
  $('kg-create-cancel').addEventListener('click', () => $('kg-create').close());
  $('kg-revoke-cancel').addEventListener('click', () => $('kg-revoke').close());
  $('kg-revoke-confirm').addEventListener('click', revoke);
  $('kg-rotate-cancel').addEventListener('click', () => $('kg-rotate').close());
  $('kg-usage-close').addEventListener('click', () => $('kg-usage').close());
  $('kg-rotate-confirm').addEventListener('click', rotate);
  $('kg-keys').addEventListener('click', onRowAction);
  let loadingMore = false; // a second click while a page loads would append it twice
  $('kg-events-more').addEventListener('click', async () => {
    if (loadingMore) return;
    loadingMore = true;
    try {
      await loadEvents(false);
    } finally {
      loadingMore = false;
    }
  });
  setInterval(() => refreshTimes(), 60 * 1000);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && !document.querySelector('dialog[open]')) refreshTimes();
  });
}

async function start() {
  setUp();
  await refresh().catch(() => {});
  document.body.dataset.kgReady = 'true';
}

start();

// The key list: a table on wide screens, stacked cards on narrow ones (app.css), one row per key
// with the hooks the browser tests use (data-key-id, .kg-name, ..., data-action buttons).

import { el, fill } from './dom.js';
import { timeElement, day, DAY_MS } from './time.js';

const SOON_MS = 7 * DAY_MS;

/** "Alice Smith", else the e-mail address, else null. */
export function ownerName(user) {
  if (!user) return null;
  const full = [user.firstName, user.lastName].filter(Boolean).join(' ').trim();
  return full || user.email || null;
}

/** How a key is called in sentences: 'CI' (ll_9f8e7d6c5b). */
export function keyLabel(name, prefix) {
  if (name && prefix) return `“${name}” (${prefix}…)`;
  if (name) return `“${name}”`;
  if (prefix) return `the key ${prefix}…`;
  return 'a key';
}

function cell(label, className, ...content) {
  // One wrapper, so that the narrow layout's grid has two items: the label and the value.
  return el('td', { class: className, 'data-label': label }, el('div', { class: 'kg-value' }, ...content));
}

function createdBy(user) {
  const name = ownerName(user);
  if (!name) return 'Unknown';
  const email = user.email && user.email !== name ? el('span', { class: 'kg-sub' }, user.email) : null;
  return [el('span', {}, name), email];
}

function expiry(key, now) {
  if (!key.expiresAt) return { node: 'Never', warning: false };
  const at = new Date(key.expiresAt);
  const left = at.getTime() - now;
  if (left <= 0) {
    return {
      node: [el('strong', { class: 'kg-flag' }, 'Expired'), ' ', timeElement(key.expiresAt)],
      warning: true,
    };
  }
  if (left <= SOON_MS) {
    return {
      node: [el('strong', { class: 'kg-flag' }, 'Expires soon'), ' ', timeElement(key.expiresAt)],
      warning: true,
    };
  }
  return { node: timeElement(key.expiresAt, 'day'), warning: false };
}

function list(values, whenNull, whenEmpty) {
  if (values === null || values === undefined) return whenNull;
  if (values.length === 0) return whenEmpty;
  return el('ul', { class: 'kg-tags' }, values.map((v) => el('li', {}, v)));
}

function row(key, now) {
  const expires = expiry(key, now);
  const label = key.name || key.keyPrefix;
  return el('tr', { 'data-key-id': key.id, class: expires.warning ? 'kg-row-warning' : null },
    el('th', { scope: 'row', class: 'kg-key', 'data-label': 'Name' },
      el('span', { class: 'kg-name' }, key.name || '(no name)'),
      el('code', { class: 'kg-prefix', title: 'The start of the key, to recognise it' }, `${key.keyPrefix}…`)),
    cell('Created by', 'kg-created-by', createdBy(key.user)),
    cell('Created', 'kg-created', timeElement(key.createdAt, 'day')),
    cell('Last used', 'kg-last-used', key.lastUsedAt ? timeElement(key.lastUsedAt) : 'Never'),
    cell('Expires', expires.warning ? 'kg-expires kg-warning' : 'kg-expires', expires.node),
    cell('Scopes', 'kg-scopes', list(key.scopes, 'All scopes', 'None')),
    cell('Allowed from', 'kg-ips', list(key.allowedIps, 'Anywhere', 'Nowhere')),
    el('td', { class: 'kg-actions' },
      el('button', {
        type: 'button', class: 'kg-button kg-small', 'data-action': 'usage',
        'aria-label': `Usage of ${label}`,
      }, 'Usage'),
      el('button', {
        type: 'button', class: 'kg-button kg-small', 'data-action': 'rotate',
        'aria-label': `Rotate ${label}`,
      }, 'Rotate'),
      el('button', {
        type: 'button', class: 'kg-button kg-small kg-danger-outline', 'data-action': 'revoke',
        'aria-label': `Revoke ${label}`,
      }, 'Revoke')));
}

/** Shows keys (newest first) in container, or nothing (the empty state is the caller's). */
export function renderKeys(container, keys, now = Date.now()) {
  if (keys.length === 0) {
    fill(container);
    return;
  }
  const headings = ['Name', 'Created by', 'Created', 'Last used', 'Expires', 'Scopes', 'Allowed from',
    'Actions'];
  fill(container, el('table', { class: 'kg-table' },
    el('caption', { class: 'kg-visually-hidden' }, 'Your organisation\'s API keys, newest first'),
    el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, keys.map((key) => row(key, now)))));
}

/** A short description of a key for dialogs: its name, prefix and creation. */
export function describeKey(key) {
  const owner = ownerName(key.user);
  return `${keyLabel(key.name, key.keyPrefix)}, created ${day(new Date(key.createdAt))}${owner ? ` by ${owner}` : ''}`;
}

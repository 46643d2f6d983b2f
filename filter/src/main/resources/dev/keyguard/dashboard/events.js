// The audit trail in words: "Alice Smith's key “CI” (ll_9f8e…) was rotated by alice@acme (you)."
// Events carry the key's name and prefix and who acted (a person's user id, or the key that made
// the call and its creator's user id); the key's owner is known from the list when the page has
// seen the key.

import { el } from './dom.js';
import { timeElement } from './time.js';
import { keyLabel } from './keys.js';

const VERBS = {
  created: 'was created',
  rotated: 'was rotated (replaced by a new key)',
  revoked: 'was revoked',
  changed: 'was changed outside Keyguard, in the database',
};

function subject(event, owners) {
  const owner = owners.get(event.keyId);
  const label = keyLabel(event.keyName, event.keyPrefix);
  if (owner) return `${owner}'s key ${label}`;
  return event.keyName ? `The key ${label}` : label.charAt(0).toUpperCase() + label.slice(1);
}

function actor(event, me, prefixes) {
  const who = event.actor;
  if (event.type === 'changed') return '';
  if (!who) return ' by an administrator of the app (outside this page)';
  const user = who.userId ? `${who.userId}${who.userId === me ? ' (you)' : ''}` : null;
  if (who.keyId) {
    const prefix = prefixes.get(who.keyId);
    const key = prefix ? `the API key ${prefix}…` : 'an API key';
    return user ? ` by ${key} of ${user}` : ` by ${key}`;
  }
  return user ? ` by ${user}` : '';
}

/** The sentence for one event. */
export function sentence(event, context) {
  const verb = VERBS[event.type] || `had the event “${event.type}”`;
  return `${subject(event, context.owners)} ${verb}${actor(event, context.me, context.prefixes)}.`;
}

/** One <li> of the trail. */
export function eventItem(event, context) {
  return el('li', { 'data-event-type': event.type, class: `kg-event kg-event-${event.type}` },
    el('span', { class: 'kg-event-text' }, sentence(event, context)),
    ' ',
    el('span', { class: 'kg-sub' }, timeElement(event.occurredAt)));
}

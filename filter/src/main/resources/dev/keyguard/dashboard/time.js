// Times as people read them: relative ("3 minutes ago") in the text, exact in the title and the
// datetime attribute. refreshTimes() brings every relative time of the page up to date.

import { el } from './dom.js';

const lang = document.documentElement.lang || 'en';
const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
const EXACT = {
  year: 'numeric', month: 'long', day: 'numeric',
  hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short',
};
const UNITS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

export const DAY_MS = 24 * 3600 * 1000;

/** "3 minutes ago", "in 2 days", "just now". */
export function fromNow(date, now = Date.now()) {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const size = Math.abs(seconds);
  if (size < 60) return seconds <= 0 ? 'just now' : 'in less than a minute';
  for (const [unit, length] of UNITS) {
    if (size >= length) return relative.format(Math.trunc(seconds / length), unit);
  }
  return relative.format(Math.trunc(seconds / 60), 'minute');
}

/** The exact local time, with its time zone. */
export function exact(date) {
  return date.toLocaleString(lang, EXACT);
}

/** A calendar date, e.g. "5 May 2026". */
export function day(date) {
  return date.toLocaleDateString(lang, { year: 'numeric', month: 'short', day: 'numeric' });
}

/**
 * A <time> for an ISO instant. style "relative" keeps itself current (refreshTimes), "day" shows
 * the date; both carry the exact time in their title.
 */
export function timeElement(iso, style = 'relative') {
  const date = new Date(iso);
  const node = el('time', { datetime: iso, title: exact(date) },
    style === 'relative' ? fromNow(date) : day(date));
  if (style === 'relative') node.dataset.kgRelative = '';
  return node;
}

export function refreshTimes(root = document) {
  const now = Date.now();
  for (const node of root.querySelectorAll('time[data-kg-relative]')) {
    node.textContent = fromNow(new Date(node.dateTime), now);
  }
}

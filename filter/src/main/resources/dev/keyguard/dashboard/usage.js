// A key's requests per day, the last 30 days: a bar chart drawn as SVG through the DOM (the page's
// Content-Security-Policy allows no inline style, and needs none: bars are attributes), with the
// total, and the same numbers as a table for people who do not see the chart.

import { el, fill } from './dom.js';

export const USAGE_DAYS = 30;

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 300;
const HEIGHT = 100;
const BAR_GAP = 2;

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** "3 Dec" for "2026-12-03", in UTC: the days are UTC days. */
function shortDay(date) {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

function plural(n, one, many) {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

function chart(days, summary) {
  const most = Math.max(1, ...days.map((d) => d.requests));
  const step = WIDTH / days.length;
  const bars = days.map((day, i) => {
    const height = day.requests === 0 ? 0 : Math.max(1, (day.requests / most) * (HEIGHT - 2));
    return svg('rect', {
      class: day.requests === 0 ? 'kg-bar kg-bar-zero' : 'kg-bar',
      x: (i * step + BAR_GAP / 2).toFixed(2),
      y: (HEIGHT - height).toFixed(2),
      width: Math.max(1, step - BAR_GAP).toFixed(2),
      height: height.toFixed(2),
    }, svg('title', {}, `${shortDay(day.date)}: ${plural(day.requests, 'request', 'requests')}`));
  });
  return svg('svg', {
    class: 'kg-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: 'none',
    role: 'img', 'aria-label': summary,
  }, svg('line', { class: 'kg-axis', x1: 0, y1: HEIGHT - 0.5, x2: WIDTH, y2: HEIGHT - 0.5 }), ...bars);
}

function table(days) {
  return el('table', { class: 'kg-usage-table' },
    el('caption', { class: 'kg-visually-hidden' }, 'Requests per day, oldest first'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Day (UTC)'), el('th', { scope: 'col' }, 'Requests'))),
    el('tbody', {}, days.map((day) => el('tr', {},
      el('th', { scope: 'row' }, el('time', { datetime: day.date }, shortDay(day.date))),
      el('td', {}, day.requests.toLocaleString())))));
}

/** Shows usage ({keyId, days, total}) in container: the total, the chart, the table. */
export function renderUsage(container, usage) {
  const days = usage.days;
  const first = days.length ? shortDay(days[0].date) : '';
  const last = days.length ? shortDay(days[days.length - 1].date) : '';
  const peak = days.reduce((a, b) => (b.requests > a.requests ? b : a), days[0] || { requests: 0 });
  const summary = usage.total === 0
    ? `No requests from ${first} to ${last}.`
    : `${plural(usage.total, 'request', 'requests')} from ${first} to ${last}; `
      + `the most, ${peak.requests.toLocaleString()}, on ${shortDay(peak.date)}.`;
  fill(container,
    el('p', { class: 'kg-usage-total' }, el('strong', { 'data-usage-total': usage.total }, plural(usage.total, 'request', 'requests')),
      ` in the last ${days.length} days`),
    chart(days, summary),
    el('div', { class: 'kg-chart-ends', 'aria-hidden': 'true' }, el('span', {}, first), el('span', {}, last)),
    el('details', { class: 'kg-usage-details' }, el('summary', {}, 'Show as a table'), table(days)));
}

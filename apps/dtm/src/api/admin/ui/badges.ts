import { h } from './dom.js';
import { absolute, relative } from './format.js';

/** A coloured pill for a transaction or branch status (the colours are in console.css). */
export const statusBadge = (status: string) => h('span', { class: `badge status-${status}` }, status);

export const opBadge = (op: string) => h('span', { class: `badge op op-${op}` }, op);

/** "3 min ago", with the exact local time on hover; a dash when there is no time. */
export function when(iso: string | null, now: string) {
  if (!iso) return h('span', { class: 'muted' }, '–');
  return h('time', { datetime: iso, title: absolute(iso) }, relative(iso, now));
}

import type { AdminApi } from './api.js';
import { statusBadge, when } from './badges.js';
import { h, on } from './dom.js';
import { seconds } from './format.js';
import { listHash, transactionHash, type ListFilters } from './hash.js';
import type { AdminPage, AdminTransaction } from './wire.js';

const STATUSES = ['prepared', 'submitted', 'aborting', 'succeed', 'failed'];
const TYPES = ['saga', 'msg', 'tcc', 'xa', 'workflow'];

/** A `datetime-local` value (the browser's zone) for epoch milliseconds, and back. */
const toInput = (millis: string | undefined) => {
  if (!millis) return '';
  const date = new Date(Number(millis));
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromInput = (value: string) => (value ? String(new Date(value).getTime()) : undefined);

function select(name: string, label: string, options: string[], value: string | undefined) {
  return h(
    'label',
    {},
    label,
    h(
      'select',
      { name },
      h('option', { value: '' }, 'any'),
      ...options.map((option) => h('option', { value: option, selected: option === value }, option)),
    ),
  );
}

function filterForm(filters: ListFilters, go: (filters: ListFilters) => void): HTMLFormElement {
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': 'Filter transactions' },
    select('status', 'Status', STATUSES, filters.status),
    select('type', 'Type', TYPES, filters.type),
    h(
      'label',
      { class: 'wide' },
      'Gid starts with',
      h('input', { name: 'gid', type: 'search', value: filters.gid ?? '', spellcheck: 'false', class: 'mono' }),
    ),
    h('label', {}, 'Created from', h('input', { name: 'from', type: 'datetime-local', value: toInput(filters.from) })),
    h('label', {}, 'Created to', h('input', { name: 'to', type: 'datetime-local', value: toInput(filters.to) })),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Apply'),
      on(h('button', { type: 'button' }, 'Clear'), 'click', () => go({})),
    ),
  );
  on(form, 'submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (name: string) => {
      const value = data.get(name);
      return (typeof value === 'string' && value.trim()) || undefined;
    };
    go({
      status: text('status'),
      type: text('type'),
      gid: text('gid'),
      from: fromInput(text('from') ?? ''),
      to: fromInput(text('to') ?? ''),
    });
  });
  return form;
}

function row(trans: AdminTransaction, now: string) {
  const ended = trans.finishTime ?? trans.rollbackTime;
  return h(
    'tr',
    {},
    h('td', { class: 'mono muted' }, trans.id),
    h('td', {}, h('a', { href: transactionHash(trans.gid), class: 'mono gid' }, trans.gid)),
    h('td', {}, trans.transType),
    h('td', {}, statusBadge(trans.status)),
    h('td', {}, when(trans.createTime, now)),
    h('td', {}, when(ended, now)),
    h(
      'td',
      {},
      ended ? h('span', { class: 'muted' }, '–') : when(trans.nextCronTime, now),
      ended ? undefined : h('span', { class: 'muted small' }, ` every ${seconds(trans.nextCronInterval)}`),
    ),
    h('td', { class: 'reason', title: trans.rollbackReason }, trans.rollbackReason),
  );
}

function table(page: AdminPage) {
  if (page.transactions.length === 0) return h('p', { class: 'card empty' }, 'No transaction matches.');
  return h(
    'table',
    { class: 'card transactions' },
    h('caption', { class: 'visually-hidden' }, 'Transactions, newest first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['id', 'gid', 'type', 'status', 'created', 'finished', 'next retry', 'reason'].map((title) =>
          h('th', { scope: 'col' }, title),
        ),
      ),
    ),
    h('tbody', {}, ...page.transactions.map((trans) => row(trans, page.now))),
  );
}

/** Transactions newest first, with filters and an id cursor ("Older" pages on, "Newest" starts over). */
export async function listView(api: AdminApi, filters: ListFilters): Promise<HTMLElement> {
  const page = await api.get<AdminPage>('/transactions', { ...filters });
  const go = (next: ListFilters) => (location.hash = listHash(next));
  const base = { ...filters, cursor: undefined };
  return h(
    'section',
    { class: 'list' },
    h('h1', {}, 'Transactions'),
    filterForm(filters, go),
    table(page),
    h(
      'nav',
      { class: 'pager', 'aria-label': 'Pages' },
      filters.cursor ? h('a', { href: listHash(base), class: 'button' }, '⇤ Newest') : undefined,
      page.nextCursor
        ? h('a', { href: listHash({ ...base, cursor: page.nextCursor }), class: 'button', rel: 'next' }, 'Older →')
        : undefined,
    ),
  );
}

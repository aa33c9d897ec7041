// The page's own addresses live in the URL's fragment, so the server only ever serves /admin.

export interface ListFilters {
  status?: string;
  type?: string;
  gid?: string;
  /** Epoch milliseconds, as the API takes them. */
  from?: string;
  to?: string;
  cursor?: string;
}

export type View = { name: 'list'; filters: ListFilters } | { name: 'transaction'; gid: string };

const FILTER_KEYS = ['status', 'type', 'gid', 'from', 'to', 'cursor'] as const;

export function parseHash(hash: string): View {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const detail = /^\/tx\/(.+)$/.exec(path);
  if (detail?.[1]) return { name: 'transaction', gid: decodeURIComponent(detail[1]) };
  const params = new URLSearchParams(search);
  const filters: ListFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return { name: 'list', filters };
}

export function listHash(filters: ListFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `#/?${search}` : '#/';
}

export const transactionHash = (gid: string) => `#/tx/${encodeURIComponent(gid)}`;

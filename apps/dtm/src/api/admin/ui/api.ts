import type { AdminError } from './wire.js';

const TOKEN_KEY = 'dtm-admin-token';

/** The server refused the token: the page forgets it and asks again. */
export class Unauthorized extends Error {
  override readonly name = 'Unauthorized';
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
}

export type Query = Record<string, string | undefined>;

/**
 * The console's API client. The token lives in sessionStorage (gone when the tab closes, never sent
 * by the browser on its own) and goes with every call as a bearer token.
 */
export class AdminApi {
  constructor(private readonly storage: Storage = sessionStorage) {}

  get signedIn(): boolean {
    return this.storage.getItem(TOKEN_KEY) !== null;
  }

  signIn(token: string): void {
    this.storage.setItem(TOKEN_KEY, token);
  }

  signOut(): void {
    this.storage.removeItem(TOKEN_KEY);
  }

  get<T>(path: string, query: Query = {}): Promise<T> {
    const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => !!entry[1]));
    const search = params.size > 0 ? `?${params.toString()}` : '';
    return this.call<T>('GET', `${path}${search}`);
  }

  post<T>(path: string): Promise<T> {
    return this.call<T>('POST', path);
  }

  private async call<T>(method: string, path: string): Promise<T> {
    const response = await fetch(`/admin/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.storage.getItem(TOKEN_KEY) ?? ''}`, Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
    });
    const body = (await response.json().catch(() => ({ message: response.statusText }))) as unknown;
    if (response.status === 401) {
      this.signOut();
      throw new Unauthorized((body as AdminError).message);
    }
    if (!response.ok) throw new ApiError((body as AdminError).message || `HTTP ${response.status}`);
    return body as T;
  }
}

export const transactionPath = (gid: string) => `/transactions/${encodeURIComponent(gid)}`;

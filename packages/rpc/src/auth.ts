import { createHash, timingSafeEqual } from 'node:crypto';
import type { Metadata } from '@grpc/grpc-js';
import { AppError } from './app-error.js';

/** What a server answers when a caller's own credentials are missing or wrong. */
export const CREDENTIALS_REQUIRED = 'app/token required';
export const CREDENTIALS_REFUSED = 'access denied';

/** Checks the `app` + `token` metadata a caller sends (go-zero's RPC auth); throws UNAUTHENTICATED. */
export type Authenticator = (metadata: Metadata) => string;

function metadataValue(metadata: Metadata, key: string): string {
  const [value] = metadata.get(key);
  return typeof value === 'string' ? value : '';
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** `app1=token1,app2=token2` → Map; an empty or malformed entry is a configuration error. */
export function parseTokenList(list: string): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const entry of list.split(',').map((item) => item.trim())) {
    const separator = entry.indexOf('=');
    const app = entry.slice(0, separator).trim();
    const token = entry.slice(separator + 1).trim();
    if (separator <= 0 || !app || !token) throw new Error(`bad app=token entry "${entry.slice(0, 40)}"`);
    tokens.set(app, token);
  }
  return tokens;
}

/**
 * Accepts a call whose `app` is known and whose `token` matches it; returns the caller's app name.
 * Tokens are compared as SHA-256 digests (the expected ones made once, here), so neither the
 * content nor the length of a token leaks through timing.
 */
export function tokenAuthenticator(tokens: ReadonlyMap<string, string>): Authenticator {
  const expected = new Map([...tokens].map(([app, token]) => [app, digest(token)]));
  return (metadata) => {
    const app = metadataValue(metadata, 'app');
    const token = metadataValue(metadata, 'token');
    if (!app || !token) throw new AppError('UNAUTHENTICATED', CREDENTIALS_REQUIRED);
    const known = expected.get(app);
    if (known === undefined || !timingSafeEqual(known, digest(token)))
      throw new AppError('UNAUTHENTICATED', CREDENTIALS_REFUSED);
    return app;
  };
}

import { createHmac } from 'node:crypto';
import { inject } from 'vitest';
import './provided-context.js';

export const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token signed with the mall's real secret (unless told otherwise), with whatever header and claims a test needs. */
export function forge(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  secret = inject('jwtSecret'),
): string {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export const now = () => Math.floor(Date.now() / 1000);

/** A valid token for `uid`, whether or not such a user exists. */
export const tokenFor = (uid: number) => forge({ alg: 'HS256', typ: 'JWT' }, { uid, iat: now(), exp: now() + 600 });

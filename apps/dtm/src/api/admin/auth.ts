import { createHash, timingSafeEqual } from 'node:crypto';
import { sendJson, type DtmMiddleware } from '../http/context.js';

// Hashing first gives both sides the same length, so the comparison takes the same time whatever
// the caller sent, and the token's length does not leak either.
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** True when `given` is `expected`, compared in constant time. */
export function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Lets a request through only with `Authorization: Bearer <token>`. The page keeps the token in
 * sessionStorage and sends it on every call; there is no cookie, so another site cannot make a
 * browser call the API with the operator's rights (no CSRF).
 */
export function requireToken(token: string): DtmMiddleware {
  return async (ctx, next) => {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('Authorization'))?.[1];
    if (given === undefined || !sameToken(given, token)) {
      ctx.set('WWW-Authenticate', 'Bearer realm="dtm-admin"');
      const message = given === undefined ? 'the admin token is missing' : 'the admin token is wrong';
      return sendJson(ctx, { message }, 401);
    }
    await next();
  };
}

import { createHash, randomBytes } from 'node:crypto';

/**
 * The gid of a new order's saga. With an Idempotency-Key it is derived from the user and the key, so
 * a retried request names the same saga (and the same order) instead of starting another; the
 * user is part of it, so two users' keys can never meet.
 */
export function orderGid(uid: bigint, idempotencyKey?: string): string {
  const suffix = idempotencyKey
    ? createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 32)
    : randomBytes(16).toString('base64url');
  return `order-${uid}-${suffix}`;
}

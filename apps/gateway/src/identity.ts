import { AppError } from '@mall/rpc';
import type { GatewayContext } from './context.js';
import { INVALID_TOKEN } from './jwt.js';

/**
 * The acting user, from the verified token only. A `uid` in the body is accepted for
 * compatibility with go-zero-mall's clients, but must name that same user.
 */
export function actingUid(ctx: GatewayContext, claimed?: number): bigint {
  const { uid } = ctx.state;
  if (uid === undefined) throw new AppError('UNAUTHENTICATED', INVALID_TOKEN);
  if (claimed !== undefined && BigInt(claimed) !== uid) {
    throw new AppError('PERMISSION_DENIED', 'uid does not match the signed-in user');
  }
  return uid;
}

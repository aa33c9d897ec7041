import type { CreateRequest, CreateResponse } from '@mall/proto/order';
import { requireGid } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';

/**
 * The compensation of Create: cancels the unpaid order saga `Gid` created, and no other (bug 8).
 * Idempotent; an order never created is nothing to undo.
 */
export async function createRevert(request: CreateRequest, ctx: ServiceContext): Promise<CreateResponse> {
  await ctx.orders.cancelByGid(requireGid(request.Gid));
  return { id: 0n };
}

import { checkId } from '@mall/rpc';
import type { RemoveRequest, RemoveResponse } from '@mall/proto/order';
import { checkRemovable } from '../domain/status.js';
import { orderNotFound } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';

/** Deletes one of the caller's cancelled orders. */
export async function remove(request: RemoveRequest, ctx: ServiceContext): Promise<RemoveResponse> {
  checkId(request.id);
  checkId(request.Uid, 'Uid');
  const order = await ctx.orders.findOwned(request.id, request.Uid);
  if (!order) throw orderNotFound();
  checkRemovable(order.status);
  if (!(await ctx.orders.removeCancelled(order.id))) {
    const fresh = await ctx.orders.findById(order.id);
    if (fresh) checkRemovable(fresh.status);
  }
  return {};
}

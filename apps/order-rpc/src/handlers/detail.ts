import { AppError, type CallContext } from '@mall/rpc';
import type { DetailRequest, DetailResponse } from '@mall/proto/order';
import { checkId, orderNotFound } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';
import { toDetailResponse } from './detail-response.js';

/** The gateway acts for a user and must name them; other services may read any order with Uid 0. */
export async function detail(request: DetailRequest, ctx: ServiceContext, call: CallContext): Promise<DetailResponse> {
  const { id, Uid } = request;
  checkId(id);
  if (Uid < 0n || (Uid === 0n && call.caller === 'gateway')) {
    throw new AppError('INVALID_ARGUMENT', 'Uid must be a positive integer');
  }
  const order = Uid === 0n ? await ctx.orders.findById(id) : await ctx.orders.findOwned(id, Uid);
  if (!order) throw orderNotFound();
  return toDetailResponse(order);
}

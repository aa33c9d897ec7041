import { checkId } from '@mall/rpc';
import type { DetailRequest, DetailResponse } from '@mall/proto/order';
import { orderNotFound } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';
import { toDetailResponse } from './detail-response.js';

/** One of user `Uid`'s orders; every caller acts for a user and must name them. */
export async function detail(request: DetailRequest, ctx: ServiceContext): Promise<DetailResponse> {
  checkId(request.id);
  checkId(request.Uid, 'Uid');
  const order = await ctx.orders.findOwned(request.id, request.Uid);
  if (!order) throw orderNotFound();
  return toDetailResponse(order);
}

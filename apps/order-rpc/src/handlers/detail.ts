import { checkId } from '@mall/rpc';
import type { DetailRequest, DetailResponse } from '@mall/proto/order';
import { orderGid, orderNotFound } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';
import { toDetailResponse } from './detail-response.js';

/**
 * One of user `Uid`'s orders, named by its id or, when Gid is set, by the saga that created it;
 * every caller acts for a user and must name them.
 */
export async function detail(request: DetailRequest, ctx: ServiceContext): Promise<DetailResponse> {
  const gid = orderGid(request.Gid);
  if (gid === null) checkId(request.id);
  checkId(request.Uid, 'Uid');
  const order = await (gid === null
    ? ctx.orders.findOwned(request.id, request.Uid)
    : ctx.orders.findOwnedByGid(gid, request.Uid));
  if (!order) throw orderNotFound();
  return toDetailResponse(order);
}

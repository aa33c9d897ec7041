import { checkId } from '@mall/rpc';
import type { ListRequest, ListResponse } from '@mall/proto/order';
import { paging } from '../domain/paging.js';
import type { ServiceContext } from '../service-context.js';
import { toDetailResponse } from './detail-response.js';

export async function list(request: ListRequest, ctx: ServiceContext): Promise<ListResponse> {
  checkId(request.uid, 'uid');
  const orders = await ctx.orders.listByUid(request.uid, paging(request.Page, request.PageSize));
  return { data: orders.map(toDetailResponse) };
}

import type { DecrStockRequest, DecrStockResponse } from '@mall/proto/product';
import { checkId, checkNum } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';

/** Saga compensation: gives `num` units back. It must succeed, so a product removed since is a no-op. */
export async function decrStockRevert(request: DecrStockRequest, ctx: ServiceContext): Promise<DecrStockResponse> {
  checkId(request.id);
  checkNum(request.num);
  await ctx.products.giveBackStock(request.id, Number(request.num));
  return {};
}

import { checkId } from '@mall/rpc';
import type { DecrStockRequest, DecrStockResponse } from '@mall/proto/product';
import { checkNum } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';

/**
 * Saga compensation: gives `num` units back, also to a product removed since. It must succeed, so an
 * id that was never a product is a no-op.
 */
export async function decrStockRevert(request: DecrStockRequest, ctx: ServiceContext): Promise<DecrStockResponse> {
  checkId(request.id);
  checkNum(request.num);
  await ctx.products.giveBackStock(request.id, Number(request.num));
  return {};
}

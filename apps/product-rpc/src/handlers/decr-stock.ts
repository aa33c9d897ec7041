import { AppError, checkId } from '@mall/rpc';
import type { DecrStockRequest, DecrStockResponse } from '@mall/proto/product';
import { checkNum } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';

/** Saga action: takes `num` units atomically. ABORTED is DTM's FAILURE, which rolls the saga back. */
export async function decrStock(request: DecrStockRequest, ctx: ServiceContext): Promise<DecrStockResponse> {
  const { id, num } = request;
  checkId(id);
  checkNum(num);
  if (await ctx.products.takeStock(id, Number(num))) return {};
  const exists = (await ctx.products.findOwner(id)) !== undefined;
  throw new AppError('ABORTED', exists ? 'insufficient stock' : 'product not found');
}

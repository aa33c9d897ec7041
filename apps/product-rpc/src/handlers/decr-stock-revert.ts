import { barrierFromGrpcMetadata, carriesBranchInfo } from '@mall/dtm-client';
import { checkId, type CallContext } from '@mall/rpc';
import type { DecrStockRequest, DecrStockResponse } from '@mall/proto/product';
import { checkNum } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';

/**
 * Gives `num` units back, also to a product removed since; an id that was never a product is a
 * no-op, since a compensation must succeed. From DTM (the saga's compensation) it runs behind the
 * barrier, which skips a repeat and one whose action never committed; without DTM's metadata it is
 * order-rpc cancelling an order.
 */
export async function decrStockRevert(
  request: DecrStockRequest,
  call: CallContext,
  ctx: ServiceContext,
): Promise<DecrStockResponse> {
  const { id, num } = request;
  checkId(id);
  checkNum(num);
  if (carriesBranchInfo(call.metadata)) {
    const barrier = barrierFromGrpcMetadata(call.metadata, { tableName: ctx.barrierTable });
    await barrier.call(ctx.pool, (tx) => ctx.products.giveBackStock(id, Number(num), tx));
  } else {
    await ctx.products.giveBackStock(id, Number(num));
  }
  return {};
}

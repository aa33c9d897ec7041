import { barrierFromGrpcMetadata } from '@mall/dtm-client';
import { AppError, checkId, FAULT_KEY, type CallContext, type Fault } from '@mall/rpc';
import type { DecrStockRequest, DecrStockResponse } from '@mall/proto/product';
import { checkNum } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';

const AFTER_COMMIT: Fault = 'decr-stock-after-commit';

/**
 * Saga action, called by DTM only: takes `num` units atomically, behind the barrier, so a repeated
 * or late delivery takes nothing. ABORTED is DTM's FAILURE, which rolls the saga back.
 */
export async function decrStock(
  request: DecrStockRequest,
  call: CallContext,
  ctx: ServiceContext,
): Promise<DecrStockResponse> {
  const { id, num } = request;
  checkId(id);
  checkNum(num);
  const barrier = barrierFromGrpcMetadata(call.metadata, { tableName: ctx.barrierTable });
  await barrier.call(ctx.pool, async (tx) => {
    if (await ctx.products.takeStock(id, Number(num), tx)) return;
    const exists = (await ctx.products.findOwner(id, tx)) !== undefined;
    throw new AppError('ABORTED', exists ? 'insufficient stock' : 'product not found');
  });
  if (ctx.faultInjection && call.metadata.get(FAULT_KEY)[0] === AFTER_COMMIT) {
    call.logger.warn({ gid: barrier.info.gid }, 'injected fault: failing after commit');
    throw new AppError('ABORTED', 'injected fault: DecrStock failed after its commit');
  }
  return {};
}

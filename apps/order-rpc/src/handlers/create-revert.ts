import { barrierFromGrpcMetadata } from '@mall/dtm-client';
import type { CallContext } from '@mall/rpc';
import type { CreateRequest, CreateResponse } from '@mall/proto/order';
import { OrderStatus } from '../domain/status.js';
import type { ServiceContext } from '../service-context.js';

/**
 * The compensation of Create: cancels the unpaid order created by the saga calling, found by its
 * gid and never "the user's latest" (bug 8). It always succeeds, as DTM needs: no order (its action
 * never committed) or a cancelled one is nothing to undo, and a paid one is left for a refund.
 */
export async function createRevert(
  _request: CreateRequest,
  ctx: ServiceContext,
  call: CallContext,
): Promise<CreateResponse> {
  const barrier = barrierFromGrpcMetadata(call.metadata, { tableName: ctx.barrierTable });
  const { gid } = barrier.info;
  await barrier.call(ctx.pool, async (tx) => {
    if (await ctx.orders.cancelByGid(gid, tx)) return;
    const order = await ctx.orders.findByGid(gid, tx);
    if (order?.status === OrderStatus.Paid) {
      call.logger.error({ gid, orderId: String(order.id) }, 'saga compensation found its order paid; refund needed');
    }
  });
  return { id: 0n };
}

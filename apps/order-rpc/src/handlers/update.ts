import { AppError, type CallContext, checkId, isAppError } from '@mall/rpc';
import type { UpdateRequest, UpdateResponse } from '@mall/proto/order';
import { checkFixedFields, orderNotFound } from '../domain/rules.js';
import { OrderStatus, planStatusChange } from '../domain/status.js';
import { stockCompensationMetadata } from '../domain/stock-compensation.js';
import type { OrderRow } from '../repo/order-repo.js';
import type { ServiceContext } from '../service-context.js';

/**
 * The only change an owner can make is cancelling an unpaid order (Status 9), which gives its stock
 * back — as its saga's stock compensation, so it cannot give back stock the saga has not taken yet,
 * nor twice. If product-rpc cannot be reached the order stays unpaid. Pid and Amount may be sent but
 * must equal the stored values.
 */
export async function update(request: UpdateRequest, ctx: ServiceContext, call: CallContext): Promise<UpdateResponse> {
  checkId(request.id);
  checkId(request.Uid, 'Uid');
  const order = await ctx.orders.findOwned(request.id, request.Uid);
  if (!order) throw orderNotFound();
  checkFixedFields(order, request);
  if (request.Status !== undefined && planStatusChange(order.status, request.Status) === 'cancel') {
    await cancel(order, ctx, call);
  }
  return {};
}

async function cancel(order: OrderRow, ctx: ServiceContext, call: CallContext): Promise<void> {
  if (!(await ctx.orders.cancel(order.id))) {
    // Paid or cancelled since it was read: judge again.
    const fresh = await ctx.orders.findById(order.id);
    if (!fresh) throw orderNotFound();
    if (planStatusChange(fresh.status, BigInt(OrderStatus.Cancelled)) === 'keep') return;
    throw new AppError('ABORTED', 'the order changed while cancelling it; try again');
  }
  try {
    const stock = { id: order.pid, num: BigInt(order.num) };
    await ctx.products.decrStockRevert(stock, order.gid === null ? undefined : stockCompensationMetadata(order.gid));
  } catch (error) {
    // UNAVAILABLE: the call never reached product-rpc. After any other failure the stock may have
    // come back, and reopening would let a second cancel give it back twice.
    if (isAppError(error) && error.code === 'UNAVAILABLE') {
      await ctx.orders.reopen(order.id);
    } else {
      call.logger.error(
        { err: error, orderId: String(order.id), pid: String(order.pid), num: order.num },
        'stock give-back uncertain; reconcile',
      );
    }
    throw error;
  }
}

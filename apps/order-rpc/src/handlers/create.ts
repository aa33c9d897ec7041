import { barrierFromGrpcMetadata } from '@mall/dtm-client';
import { AppError, type CallContext, checkId } from '@mall/rpc';
import type { CreateRequest, CreateResponse } from '@mall/proto/order';
import { orderAmount } from '../domain/amount.js';
import { orderNum, sagaOrderGid } from '../domain/rules.js';
import { OrderStatus } from '../domain/status.js';
import { DuplicateGidError, type Executor, type NewOrder, type OrderRepo } from '../repo/order-repo.js';
import type { ServiceContext } from '../service-context.js';
import { notFoundAs } from './not-found-as.js';

type SagaOrder = NewOrder & { gid: string };

/**
 * The order saga's first action: records an unpaid order keyed by the saga's gid, priced by the
 * product (the request's Amount and Status are ignored). Taking the stock is the saga's next step.
 * Answers the order's id, also when DTM delivers the action again.
 */
export async function create(request: CreateRequest, ctx: ServiceContext, call: CallContext): Promise<CreateResponse> {
  const barrier = barrierFromGrpcMetadata(call.metadata, { tableName: ctx.barrierTable });
  const gid = sagaOrderGid(barrier.info.gid, request.Gid);
  const { Uid: uid, Pid: pid } = request;
  checkId(uid, 'Uid');
  checkId(pid, 'Pid');
  const num = orderNum(request.Num);
  // Other services are asked, together, before the local transaction starts, so it holds no locks meanwhile.
  const [, product] = await Promise.all([
    ctx.users.userInfo({ Id: uid }).catch(notFoundAs('user not found')),
    ctx.products.detail({ id: pid }).catch(notFoundAs('product not found')),
  ]);
  const order: SagaOrder = { uid, pid, amount: orderAmount(product.Amount, num), num, gid };

  const outcome = await barrier.call(ctx.pool, (tx) => insertOnce(ctx.orders, order, tx));
  if (!outcome.skipped) return { id: outcome.value };
  // A repeated action: the order it made, or none when it arrived after its compensation.
  return { id: (await ctx.orders.findByGid(gid))?.id ?? 0n };
}

/**
 * An order already keyed by this gid (its barrier rows were lost, or cleaned up by the janitor) is this one if it
 * is the same purchase and still stands. A cancelled one is not: its stock was given back, and taking it again for
 * an order that stays cancelled would lose it (an Idempotency-Key repeated after the retention).
 */
async function insertOnce(orders: OrderRepo, order: SagaOrder, tx: Executor): Promise<bigint> {
  try {
    return await orders.insert(order, tx);
  } catch (error) {
    if (!(error instanceof DuplicateGidError)) throw error;
    const existing = await orders.findByGid(order.gid, tx);
    const same = existing?.uid === order.uid && existing.pid === order.pid && existing.num === order.num;
    if (same && existing.status === OrderStatus.Cancelled) {
      throw new AppError('FAILED_PRECONDITION', 'the order of this Gid was cancelled');
    }
    if (same) return existing.id;
    throw new AppError('ALREADY_EXISTS', 'an order for another purchase has this Gid');
  }
}

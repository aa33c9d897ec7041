import type { Metadata } from '@grpc/grpc-js';
import { branchMetadata as dtmBranchMetadata } from '@mall/dtm-client';
import type { OrderService } from '@mall/proto/order';
import type { ProductService } from '@mall/proto/product';
import { AppError, FAULT_KEY, isAppError, type Fault, type RpcClient } from '@mall/rpc';
import type { OrderSagas, PlacementOutcome } from './order-saga.js';

/** The saga's branch methods, called as app `dtm` (the only caller they let in). */
export type BranchOrderClient = Pick<RpcClient<typeof OrderService>, 'create' | 'createRevert'>;
export type BranchProductClient = Pick<RpcClient<typeof ProductService>, 'decrStock' | 'decrStockRevert'>;

export interface DirectOrderOptions {
  /** Clients built with app `dtm` and DTM_BRANCH_TOKEN. */
  order: BranchOrderClient;
  product: BranchProductClient;
}

/** The branch ids of order-saga.ts's two steps, which order-rpc relies on too (its STOCK_STEP_BRANCH). */
const ORDER_STEP = '01';
const STOCK_STEP = '02';

type Op = 'action' | 'compensate';

/** What DTM sends with a saga branch call, so the barrier treats this call as that branch. */
function branchMetadata(gid: string, branchId: string, op: Op, fault?: Fault): Metadata {
  const metadata = dtmBranchMetadata({ gid, transType: 'saga', branchId, op });
  if (fault) metadata.set(FAULT_KEY, fault);
  return metadata;
}

/** Anything but ABORTED (DTM's FAILURE) is a step whose outcome is unknown: nothing retries it here. */
function stopped(step: string, error: unknown): AppError {
  const cause = isAppError(error) ? `${error.code}: ${error.message}` : String(error);
  return new AppError(
    'UNAVAILABLE',
    `direct order placement stopped at ${step} (${cause}); the order may be half done`,
  );
}

type Attempt<T> = { done: true; value: T } | { done: false; reason: string };

/** A step's answer, or the reason it was refused for good (ABORTED). */
async function attempt<T>(step: string, call: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { done: true, value: await call() };
  } catch (error) {
    if (isAppError(error) && error.code === 'ABORTED') return { done: false, reason: error.message };
    throw stopped(step, error);
  }
}

async function compensate(step: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    throw stopped(step, error);
  }
}

/**
 * ORDER_CREATE_MODE=direct, the no-saga baseline of the order benchmark: the gateway runs the
 * saga's two steps itself, with the metadata DTM would send, so order-rpc and product-rpc (and
 * their barriers) do exactly the work they do under DTM, without the coordinator's storage and hops.
 *
 * - Create (branch 01), then DecrStock (02); a step answering ABORTED is undone in reverse order,
 *   as DTM does: DecrStockRevert (02, which gives stock back only if DecrStock had committed, e.g.
 *   the decr-stock-after-commit fault, and otherwise blocks a late DecrStock of this gid), then
 *   CreateRevert (01); the answer is `rolled-back` with the step's reason.
 * - Any other failure (unreachable, deadline, internal) is UNAVAILABLE and nothing retries or
 *   compensates it: with no coordinator, a crash or timeout between the steps leaves an order
 *   without its stock taken, or the reverse. That is why this mode is a benchmark baseline only.
 * - `wait: false` (Prefer: respond-async) is treated as wait: there is nobody to finish the order later.
 * - Repeats (same Idempotency-Key) go through the barriers: a repeat of a placed order succeeds
 *   without taking stock again; a repeat of a rolled-back one takes nothing either, but answers
 *   `succeeded` (the route then shows the cancelled order) where DTM would answer rolled-back, unless
 *   the order never existed.
 */
export function createDirectOrders({ order, product }: DirectOrderOptions): OrderSagas {
  return {
    async place({ uid, pid, num, gid, fault }): Promise<PlacementOutcome> {
      const orderRequest = { Uid: uid, Pid: pid, Amount: 0n, Status: 0n, Num: BigInt(num), Gid: gid };
      const stockRequest = { id: pid, num: BigInt(num) };
      const revertOrder = () =>
        compensate('CreateRevert', () =>
          order.createRevert(orderRequest, branchMetadata(gid, ORDER_STEP, 'compensate', fault)),
        );

      const created = await attempt('Create', () =>
        order.create(orderRequest, branchMetadata(gid, ORDER_STEP, 'action', fault)),
      );
      if (!created.done) {
        await revertOrder();
        return { kind: 'rolled-back', reason: created.reason };
      }
      // A repeated Create whose compensation ran first: this gid's order was rolled back earlier.
      if (created.value.id === 0n) return { kind: 'rolled-back', reason: 'this order was rolled back earlier' };

      const taken = await attempt('DecrStock', () =>
        product.decrStock(stockRequest, branchMetadata(gid, STOCK_STEP, 'action', fault)),
      );
      if (taken.done) return { kind: 'succeeded' };
      await compensate('DecrStockRevert', () =>
        product.decrStockRevert(stockRequest, branchMetadata(gid, STOCK_STEP, 'compensate', fault)),
      );
      await revertOrder();
      return { kind: 'rolled-back', reason: taken.reason };
    },
  };
}

import { CreateRequest } from '@mall/proto/order';
import { DecrStockRequest } from '@mall/proto/product';
import {
  createGrpcSaga,
  DtmFailureError,
  readSubmitFailure,
  type GrpcDtmClient,
  type SubmitFailure,
} from '@mall/dtm-client';
import { AppError, FAULT_KEY, REQUEST_ID, type Fault } from '@mall/rpc';

export interface PlaceOrder {
  uid: bigint;
  pid: bigint;
  num: number;
  gid: string;
  /** Wait for the outcome (DTM's wait_result), or return once DTM has stored the saga. */
  wait: boolean;
  requestId?: string;
  fault?: Fault;
}

/**
 * - `succeeded`: the order exists and its stock is taken;
 * - `accepted`: stored by DTM, not waited for;
 * - `unfinished`: waited for, but a branch is being retried, so the outcome is not known yet;
 * - `rolled-back`: a step failed for good and the saga undid what it had done.
 */
export type PlacementOutcome =
  { kind: 'succeeded' } | { kind: 'accepted' } | { kind: 'unfinished' } | { kind: 'rolled-back'; reason: string };

/** Places orders as sagas; the HTTP route depends on this, so its tests can stand in for DTM. */
export interface OrderSagas {
  place(order: PlaceOrder): Promise<PlacementOutcome>;
}

export interface OrderSagaOptions {
  dtm: GrpcDtmClient;
  /** Where DTM reaches order-rpc and product-rpc, e.g. `etcd://etcd:2379/order.rpc`. */
  orderTarget: string;
  productTarget: string;
  /** The token DTM presents as app `dtm`, the one caller the saga branches let in. */
  branchToken: string;
}

function outcomeOf(failure: SubmitFailure): PlacementOutcome {
  switch (failure.kind) {
    case 'rolled-back':
      return failure;
    case 'unfinished':
      return { kind: 'unfinished' };
    case 'already-finished':
      // A repeated request (same Idempotency-Key) for a saga that ended earlier.
      return failure.status === 'succeed'
        ? { kind: 'succeeded' }
        : { kind: 'rolled-back', reason: `this order was rolled back earlier (saga ${failure.status})` };
  }
}

/**
 * The order saga: step 1 records the order (order.Order/Create ⇄ CreateRevert), step 2 takes the
 * stock (product.Product/DecrStock ⇄ DecrStockRevert). Both branches get the same payloads for
 * action and compensation, and DTM calls them with the barrier's metadata. order-rpc relies on
 * this layout: cancelling an order compensates branch `02` (its STOCK_STEP_BRANCH).
 */
export function createOrderSagas({ dtm, orderTarget, productTarget, branchToken }: OrderSagaOptions): OrderSagas {
  return {
    async place({ uid, pid, num, gid, wait, requestId, fault }) {
      const branchHeaders: Record<string, string> = { app: 'dtm', token: branchToken };
      if (requestId) branchHeaders[REQUEST_ID] = requestId;
      if (fault) branchHeaders[FAULT_KEY] = fault;
      const order = CreateRequest.encode({ Uid: uid, Pid: pid, Amount: 0n, Status: 0n, Num: BigInt(num), Gid: gid });
      const stock = DecrStockRequest.encode({ id: pid, num: BigInt(num) });
      const saga = createGrpcSaga(dtm, gid, { waitResult: wait, branchHeaders })
        .add(`${orderTarget}/order.Order/Create`, `${orderTarget}/order.Order/CreateRevert`, order.finish())
        .add(
          `${productTarget}/product.Product/DecrStock`,
          `${productTarget}/product.Product/DecrStockRevert`,
          stock.finish(),
        );
      try {
        await saga.submit();
      } catch (error) {
        if (error instanceof DtmFailureError) return outcomeOf(readSubmitFailure(error));
        // Unreachable, timed out, refused: whether DTM stored the saga is unknown; retrying with the
        // same Idempotency-Key is safe.
        throw new AppError('UNAVAILABLE', (error as Error).message);
      }
      return wait ? { kind: 'succeeded' } : { kind: 'accepted' };
    },
  };
}

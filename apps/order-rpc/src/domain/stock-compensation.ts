import type { Metadata } from '@grpc/grpc-js';
import { branchMetadata } from '@mall/dtm-client';

/**
 * The order saga's stock step is its second step, branch `02` (see the gateway's order-saga.ts).
 * Cancelling a saga's order gives its stock back as that branch's compensation, through DTM's
 * barrier: if the saga has not taken the stock yet, nothing comes back and the late DecrStock is
 * skipped; if the saga is compensated as well, the stock still comes back once.
 */
export const STOCK_STEP_BRANCH = '02';

/** The barrier metadata of the stock step's compensation in saga `gid`. */
export const stockCompensationMetadata = (gid: string): Metadata =>
  branchMetadata({ gid, transType: 'saga', branchId: STOCK_STEP_BRANCH, op: 'compensate' });

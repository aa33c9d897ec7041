import { Metadata } from '@grpc/grpc-js';

/**
 * The order saga's stock step is its second step, branch `02` (see the gateway's order-saga.ts).
 * Cancelling a saga's order gives its stock back as that branch's compensation, through DTM's
 * barrier: if the saga has not taken the stock yet, nothing comes back and the late DecrStock is
 * skipped; if the saga is compensated as well, the stock still comes back once.
 */
export const STOCK_STEP_BRANCH = '02';

/** The barrier metadata of the stock step's compensation in saga `gid`. */
export function stockCompensationMetadata(gid: string): Metadata {
  const metadata = new Metadata();
  metadata.set('dtm-gid', gid);
  metadata.set('dtm-trans_type', 'saga');
  metadata.set('dtm-branch_id', STOCK_STEP_BRANCH);
  metadata.set('dtm-op', 'compensate');
  return metadata;
}

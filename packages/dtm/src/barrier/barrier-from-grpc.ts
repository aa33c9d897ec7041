import { Metadata } from '@grpc/grpc-js';
import { BranchBarrier, type BarrierOptions } from './branch-barrier.js';
import { readTransInfo, type TransInfo } from './trans-info.js';

const metadataKeys = { transType: 'dtm-trans_type', gid: 'dtm-gid', branchId: 'dtm-branch_id', op: 'dtm-op' };

/** A barrier for the gRPC branch call carrying `metadata`. Build one per call, never share it. */
export function barrierFromGrpcMetadata(metadata: Metadata, options?: BarrierOptions): BranchBarrier {
  const info = readTransInfo((key) => {
    const [first] = metadata.get(key);
    return first === undefined ? undefined : String(first);
  }, metadataKeys);
  return new BranchBarrier(info, options);
}

/** Whether DTM sent this call (it carries a gid), as opposed to a direct call from another service. */
export const carriesBranchInfo = (metadata: Metadata): boolean => metadata.get(metadataKeys.gid).length > 0;

/**
 * The metadata DTM sends with a gRPC branch call, for a caller that must be taken for that branch by
 * its barrier (e.g. a service cancelling an order as its saga's compensation would).
 */
export function branchMetadata(info: TransInfo): Metadata {
  const metadata = new Metadata();
  for (const field of Object.keys(metadataKeys) as (keyof TransInfo)[]) metadata.set(metadataKeys[field], info[field]);
  return metadata;
}

import type { Metadata } from '@grpc/grpc-js';
import { BranchBarrier, type BarrierOptions } from './branch-barrier.js';
import { readTransInfo } from './trans-info.js';

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

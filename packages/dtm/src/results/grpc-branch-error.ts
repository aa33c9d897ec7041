import type { StatusObject } from '@grpc/grpc-js';
import { AppError, toServiceError } from '@mall/rpc';
import { DtmFailureError, DtmOngoingError } from './dtm-errors.js';

/**
 * What a gRPC branch handler served by `@mall/rpc` throws so DTM reads its outcome:
 * DtmFailureError → ABORTED, DtmOngoingError → FAILED_PRECONDITION. Other errors are returned
 * unchanged (an AppError keeps its code; anything else becomes INTERNAL, which DTM retries).
 */
export function toBranchAppError(error: unknown): unknown {
  if (error instanceof DtmFailureError) return new AppError('ABORTED', error.message);
  if (error instanceof DtmOngoingError) return new AppError('FAILED_PRECONDITION', error.message);
  return error;
}

/** The same mapping as a status for a plain grpc-js handler's callback. */
export function branchServiceError(error: unknown): Partial<StatusObject> {
  return toServiceError(toBranchAppError(error));
}

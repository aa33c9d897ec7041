import type { StatusObject } from '@grpc/grpc-js';
import { AppError, toServiceError, type ErrorCode } from '@mall/rpc';
import { DtmFailureError, DtmOngoingError } from './dtm-errors.js';

/**
 * Refusals that no retry can turn into a success. DTM would retry them for ever (it only reads
 * ABORTED as FAILURE, and FAILED_PRECONDITION as ONGOING), so a branch answers them as FAILURE.
 */
const PERMANENT: ReadonlySet<ErrorCode> = new Set([
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'FAILED_PRECONDITION',
]);

/**
 * What a gRPC branch handler served by `@mall/rpc` throws so DTM reads its outcome:
 * DtmFailureError and permanent AppErrors (bad input, not found, …) → ABORTED, which rolls a saga
 * back; DtmOngoingError → FAILED_PRECONDITION. Anything else is returned unchanged, and DTM retries
 * it (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL).
 */
export function toBranchAppError(error: unknown): unknown {
  if (error instanceof DtmFailureError) return new AppError('ABORTED', error.message);
  if (error instanceof DtmOngoingError) return new AppError('FAILED_PRECONDITION', error.message);
  if (error instanceof AppError && PERMANENT.has(error.code)) return new AppError('ABORTED', error.message);
  return error;
}

/**
 * Wraps a branch handler so whatever it throws reaches DTM with the right meaning (see
 * toBranchAppError), including refusals from services it called before its transaction.
 */
export function sagaBranch<A extends unknown[], R>(handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) =>
    handler(...args).catch((error: unknown) => {
      throw toBranchAppError(error);
    });
}

/** The same mapping as a status for a plain grpc-js handler's callback. */
export function branchServiceError(error: unknown): Partial<StatusObject> {
  return toServiceError(toBranchAppError(error));
}

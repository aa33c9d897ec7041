import { status, type ServiceError } from '@grpc/grpc-js';
import { DtmFailureError, DtmOngoingError, DtmRequestError } from './dtm-errors.js';

/** The typed error for a failed gRPC call that follows DTM's conventions. */
export function errorFromGrpcError(error: ServiceError, what: string): Error {
  const text = `${what}: ${error.details}`;
  if (error.code === status.FAILED_PRECONDITION) return new DtmOngoingError(text);
  if (error.code === status.ABORTED) {
    // SDKs older than v1.10 signalled ONGOING as ABORTED with exactly this message.
    return error.details === 'ONGOING' ? new DtmOngoingError(text) : new DtmFailureError(text, error.details);
  }
  return new DtmRequestError(`${what} failed with gRPC status ${status[error.code]}: ${error.details}`);
}

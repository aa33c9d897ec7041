import { Metadata, status, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { AppError, type ErrorCode } from './app-error.js';
import { CREDENTIALS_REFUSED, CREDENTIALS_REQUIRED } from './auth.js';

const toGrpc: Record<ErrorCode, status> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  PERMISSION_DENIED: status.PERMISSION_DENIED,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
  ABORTED: status.ABORTED,
  UNAVAILABLE: status.UNAVAILABLE,
  DEADLINE_EXCEEDED: status.DEADLINE_EXCEEDED,
  INTERNAL: status.INTERNAL,
};

const fromGrpc = new Map<number, ErrorCode>(
  Object.entries(toGrpc).map(([code, grpcStatus]) => [grpcStatus, code as ErrorCode]),
);

/** The status a handler's error goes out as. Anything but an AppError is an internal error, worded blandly. */
export function toServiceError(error: unknown): Partial<StatusObject> {
  if (error instanceof AppError) {
    return { code: toGrpc[error.code], details: error.message, metadata: new Metadata() };
  }
  return { code: status.INTERNAL, details: 'internal error', metadata: new Metadata() };
}

/**
 * The AppError a failed outgoing call becomes, so a downstream NOT_FOUND stays NOT_FOUND as it
 * travels up. Codes outside the vocabulary (UNKNOWN, RESOURCE_EXHAUSTED, …) become INTERNAL.
 */
export function fromServiceError(error: ServiceError, target: string): AppError {
  const code = fromGrpc.get(error.code);
  if (code === 'UNAUTHENTICATED' && (error.details === CREDENTIALS_REQUIRED || error.details === CREDENTIALS_REFUSED)) {
    // The callee refused *this service's* credentials: a deployment fault, not the end user's.
    return new AppError('INTERNAL', `${target} refused this service's RPC credentials (${error.details})`);
  }
  if (code === 'UNAVAILABLE' || code === 'DEADLINE_EXCEEDED') {
    // Already worded by the service that first could not reach its target: pass that on unchanged.
    const firstHop = / is unavailable: /.test(error.details);
    return new AppError(code, firstHop ? error.details : `${target} is unavailable: ${error.details}`);
  }
  if (code && code !== 'INTERNAL') return new AppError(code, error.details);
  return new AppError('INTERNAL', `${target} failed`);
}

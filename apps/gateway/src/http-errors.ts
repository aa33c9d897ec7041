import { isAppError, type ErrorCode } from '@mall/rpc';

/** A failure that only exists at the HTTP edge (405, 413), outside the services' vocabulary. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpFailure {
  status: number;
  body: { code: string; message: string };
  /** The real error must be logged: the client only sees a generic message. */
  hidden: boolean;
}

/** The HTTP status of each code of the services' vocabulary. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  FAILED_PRECONDITION: 409,
  ABORTED: 409,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 503,
  INTERNAL: 500,
};

const INTERNAL: HttpFailure = { status: 500, body: { code: 'INTERNAL', message: 'internal error' }, hidden: true };

/** The one translation from an error to what the client sees. */
export function toHttpFailure(error: unknown): HttpFailure {
  if (error instanceof HttpError) {
    return { status: error.status, body: { code: error.code, message: error.message }, hidden: false };
  }
  if (!isAppError(error) || error.code === 'INTERNAL') return INTERNAL;
  const status = HTTP_STATUS[error.code];
  if (status === 503) {
    return { status, body: { code: error.code, message: 'service unavailable, try again' }, hidden: true };
  }
  return { status, body: { code: error.code, message: error.message }, hidden: false };
}

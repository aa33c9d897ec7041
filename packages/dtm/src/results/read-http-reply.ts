import { DtmFailureError, DtmOngoingError, DtmRequestError } from './dtm-errors.js';

/**
 * The error a DTM-style HTTP reply stands for, or undefined for success. Like the Go SDK, the body
 * counts as well as the status (DTM before v1.10 answered 200 with a `dtm_result`), and ONGOING is
 * checked before FAILURE.
 */
export function errorFromHttpReply(status: number, body: string, what: string): Error | undefined {
  if (status === 425 || body.includes('ONGOING')) return new DtmOngoingError(`${what}: ${body}`);
  if (status === 409 || body.includes('FAILURE')) return new DtmFailureError(`${what}: ${body}`, body);
  if (status !== 200) return new DtmRequestError(`${what} answered HTTP ${status}: ${body}`);
  return undefined;
}

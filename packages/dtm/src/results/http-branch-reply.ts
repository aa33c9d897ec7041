import { DtmFailureError, DtmOngoingError } from './dtm-errors.js';

export interface HttpBranchReply {
  status: 200 | 409 | 425 | 500;
  body: { dtm_result?: 'SUCCESS' | 'FAILURE' | 'ONGOING'; message?: string };
}

/**
 * What an HTTP branch handler answers DTM after finishing with `error` (undefined = success):
 * DtmFailureError → 409 FAILURE (the saga rolls back), DtmOngoingError → 425 ONGOING (asked again
 * later), anything else → 500, which DTM retries.
 */
export function httpBranchReply(error?: unknown): HttpBranchReply {
  if (error === undefined) return { status: 200, body: { dtm_result: 'SUCCESS' } };
  if (error instanceof DtmFailureError) return { status: 409, body: { dtm_result: 'FAILURE', message: error.message } };
  if (error instanceof DtmOngoingError) return { status: 425, body: { dtm_result: 'ONGOING', message: error.message } };
  const message = error instanceof Error ? error.message : 'the branch failed';
  // DTM reads these words anywhere in a body as a result, so a retryable error must not carry them.
  return { status: 500, body: { message: message.replace(/FAILURE|ONGOING/g, (word) => word.toLowerCase()) } };
}

import { status } from '@grpc/grpc-js';

/** What one branch call came back with (reference §3.1). */
export type Outcome =
  | { result: 'SUCCESS' }
  | { result: 'FAILURE'; message: string }
  | { result: 'ONGOING'; message: string }
  | { result: 'ERROR'; message: string };

export const SUCCESS: Outcome = { result: 'SUCCESS' };

/** HTTP: 425 or a body saying ONGOING first, then 409 or a body saying FAILURE; only a clean 200 succeeds. */
export function httpOutcome(httpStatus: number, body: string): Outcome {
  const message = `status ${httpStatus}: ${body.slice(0, 512)}`;
  if (httpStatus === 425 || body.includes('ONGOING')) return { result: 'ONGOING', message };
  if (httpStatus === 409 || body.includes('FAILURE')) return { result: 'FAILURE', message: body.slice(0, 512) };
  if (httpStatus === 200) return SUCCESS;
  return { result: 'ERROR', message };
}

/** gRPC: ABORTED is FAILURE (unless its text is `ONGOING`, from old SDKs), FAILED_PRECONDITION is ONGOING. */
export function grpcOutcome(code: status, details: string): Outcome {
  if (code === status.OK) return SUCCESS;
  if (code === status.ABORTED && details !== 'ONGOING') return { result: 'FAILURE', message: details };
  if (code === status.ABORTED || code === status.FAILED_PRECONDITION) return { result: 'ONGOING', message: details };
  return { result: 'ERROR', message: `${status[code] ?? code}: ${details}` };
}

import { DtmService } from '@mall/proto/dtmgimp';
import { isDatabaseUnreachable } from '@mall/db';
import { AppError, type Handlers } from '@mall/rpc';
import type { TraceHeaders } from '@mall/tracing';
import { DtmError, STORAGE_UNAVAILABLE, type DtmErrorKind } from '../../errors.js';
import { newGid } from '../../gid.js';
import { abort } from '../../usecases/abort.js';
import type { UseCaseDeps } from '../../usecases/deps.js';
import { prepare } from '../../usecases/prepare.js';
import { registerBranch } from '../../usecases/register-branch.js';
import { submit } from '../../usecases/submit.js';
import { decodeDtmRequest } from './decode.js';

/**
 * The methods served; the workflow and topic ones are left out, so grpc-js answers them
 * UNIMPLEMENTED.
 */
export const SERVED_METHODS: Pick<typeof DtmService, 'newGid' | 'submit' | 'prepare' | 'abort' | 'registerBranch'> = {
  newGid: DtmService.newGid,
  submit: DtmService.submit,
  prepare: DtmService.prepare,
  abort: DtmService.abort,
  registerBranch: DtmService.registerBranch,
};

// DTM's own mapping: FAILURE → ABORTED, ONGOING → FAILED_PRECONDITION.
const CODES: Record<DtmErrorKind, AppError['code']> = {
  FAILURE: 'ABORTED',
  ONGOING: 'FAILED_PRECONDITION',
  INVALID: 'INVALID_ARGUMENT',
  NOT_FOUND: 'NOT_FOUND',
};

/** Runs a use case that answers nothing, translating its refusals to gRPC statuses. */
async function answered(work: () => Promise<void>): Promise<Record<string, never>> {
  try {
    await work();
    return {};
  } catch (error) {
    if (error instanceof DtmError) throw new AppError(CODES[error.kind], error.message);
    if (isDatabaseUnreachable(error)) throw new AppError('UNAVAILABLE', STORAGE_UNAVAILABLE);
    throw error;
  }
}

/** `callTrace` is the trace context of the call being served, stored with the transaction it creates. */
export function dtmHandlers(
  deps: UseCaseDeps,
  callTrace: () => TraceHeaders | undefined = () => undefined,
): Handlers<typeof SERVED_METHODS> {
  return {
    newGid: () => Promise.resolve({ Gid: newGid() }),
    submit: (request) => answered(() => submit(deps, { ...decodeDtmRequest(request), trace: callTrace() })),
    prepare: (request) => answered(() => prepare(deps, { ...decodeDtmRequest(request), trace: callTrace() })),
    abort: (request) => answered(() => abort(deps, request.Gid)),
    registerBranch: (request) =>
      answered(() => {
        const body = { ...request.Data, gid: request.Gid, trans_type: request.TransType, branch_id: request.BranchID };
        return registerBranch(deps, body, Buffer.from(request.BusiPayload));
      }),
  };
}

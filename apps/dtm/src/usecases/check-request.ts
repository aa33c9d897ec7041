import { canProcess } from '../engine/processor.js';
import { invalid } from '../errors.js';
import type { BranchInvoker } from '../invoke/invoker.js';
import { layoutProblem, sagaLayout } from '../saga/layout.js';
import type { TransRequest } from '../trans/request.js';
import { checkLength, checkPayload, COLUMN_LIMITS } from './column-limits.js';

const STEP_OPS = { saga: ['action', 'compensate'], msg: ['action'] } as const;

/** Refuses a value that does not fit its column. */
function checkStorable(request: TransRequest): void {
  checkLength('gid', request.gid, COLUMN_LIMITS.gid);
  checkLength('custom_data', request.customData, COLUMN_LIMITS.customData);
  checkLength('query_prepared', request.queryPrepared, COLUMN_LIMITS.queryPrepared);
  checkLength('rollback_reason', request.rollbackReason, COLUMN_LIMITS.rollbackReason);
  checkLength('the options', JSON.stringify(request.options), COLUMN_LIMITS.options);
  request.payloads.forEach((payload, index) => checkPayload(`payloads[${index}]`, payload));
  request.steps.forEach((step, index) => {
    for (const [op, url] of Object.entries(step)) checkLength(`steps[${index}].${op}`, url, COLUMN_LIMITS.url);
  });
}

/**
 * Refuses, before anything is stored, a transaction this server could never store or finish: a
 * value too long for its column, a type it does not drive, a step without its URLs, missing
 * payloads, a branch URL it cannot call, or saga steps that wait for a step that never comes.
 */
export function checkRequest(request: TransRequest, invoker: BranchInvoker, { forSubmit }: { forSubmit: boolean }) {
  checkStorable(request);
  if (forSubmit && !canProcess(request.transType)) {
    throw invalid(`trans_type ${request.transType} is not supported by this server yet (saga is)`);
  }
  const ops = request.transType === 'saga' || request.transType === 'msg' ? STEP_OPS[request.transType] : [];
  if (ops.length === 0) return;
  if (request.payloads.length > 0 && request.payloads.length < request.steps.length) {
    throw invalid(`${request.steps.length} steps but only ${request.payloads.length} payloads`);
  }
  request.steps.forEach((step, index) => {
    for (const op of ops) {
      const url = step[op];
      if (url === undefined) throw invalid(`steps[${index}] has no "${op}" (use "" for a no-op)`);
      invoker.check(url, request.protocol);
    }
  });
  if (request.transType === 'saga') {
    const problem = layoutProblem(sagaLayout(request.customData), request.steps.length);
    if (problem) throw invalid(`custom_data: ${problem}`);
  }
}

import { canProcess } from '../engine/processor.js';
import { invalid } from '../errors.js';
import type { BranchInvoker } from '../invoke/invoker.js';
import type { TransRequest } from '../trans/request.js';

const STEP_OPS = { saga: ['action', 'compensate'], msg: ['action'] } as const;

/**
 * Refuses, before anything is stored, a transaction this server could never finish: a type it
 * does not drive, a step without its URLs, missing payloads, or a branch URL it cannot call.
 */
export function checkRequest(request: TransRequest, invoker: BranchInvoker, { forSubmit }: { forSubmit: boolean }) {
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
}

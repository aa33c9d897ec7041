import { failure } from '../errors.js';
import type { TransRequest } from '../trans/request.js';
import { msgBranches, newTransGlobal, sagaBranches } from '../trans/new-trans.js';
import type { Branch, TransGlobal } from '../trans/types.js';
import { checkRequest } from './check-request.js';
import type { UseCaseDeps } from './deps.js';

export const branchesFor = (request: TransRequest, now: Date): Branch[] =>
  request.transType === 'saga'
    ? sagaBranches(request, now)
    : request.transType === 'msg'
      ? msgBranches(request, now)
      : [];

/** Stores a new transaction as submitted, or picks up the stored one when submitting it again is allowed (§4.8). */
async function submitted(
  deps: UseCaseDeps,
  request: TransRequest,
): Promise<{ trans: TransGlobal; branches?: Branch[] }> {
  const now = deps.clock.now();
  const fresh = newTransGlobal(request, 'submitted', now, deps.settings);
  const branches = branchesFor(request, now);
  if (await deps.store.saveNew(fresh, branches)) return { trans: fresh, branches };
  const stored = await deps.store.findGlobal(request.gid);
  if (stored?.status === 'submitted') return { trans: stored };
  if (stored?.status === 'prepared') {
    if (!(await deps.store.changeStatus(stored.gid, 'prepared', 'submitted', { now }))) {
      throw failure(`transaction ${stored.gid} changed status while being submitted`);
    }
    return { trans: { ...stored, status: 'submitted' } };
  }
  throw failure(`current status '${stored?.status ?? 'unknown'}', cannot submit.`);
}

/**
 * Submit: store, then run the first pass — inside the request with wait_result (answering FAILURE
 * unless it ended `succeed`), otherwise in the background.
 */
export async function submit(deps: UseCaseDeps, request: TransRequest): Promise<void> {
  checkRequest(request, deps.invoker, { forSubmit: true });
  const { trans, branches } = await submitted(deps, request);
  if (!request.options.wait_result) {
    deps.processor.processLater(trans, branches);
    return;
  }
  // A pass that ran to its end knows the status it committed last; `succeed` is final.
  if ((await deps.processor.process(trans, branches)) && trans.status === 'succeed') return;
  const after = await deps.store.findGlobal(trans.gid);
  if (after?.status !== 'succeed') throw failure(after?.rollbackReason || 'wait result not return success');
}

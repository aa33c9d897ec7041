import { failure } from '../errors.js';
import type { TransRequest } from '../trans/request.js';
import { newTransGlobal } from '../trans/new-trans.js';
import { checkRequest } from './check-request.js';
import type { UseCaseDeps } from './deps.js';
import { branchesFor } from './submit.js';

/** Prepare: stores the transaction as `prepared`; preparing it again is fine while it still is. */
export async function prepare(deps: UseCaseDeps, request: TransRequest): Promise<void> {
  checkRequest(request, deps.invoker, { forSubmit: false });
  const now = deps.clock.now();
  const trans = newTransGlobal(request, 'prepared', now, deps.settings);
  if (await deps.store.saveNew(trans, branchesFor(request, now))) return;
  const stored = await deps.store.findGlobal(request.gid);
  if (stored?.status !== 'prepared') throw failure(`current status '${stored?.status ?? 'unknown'}', cannot prepare.`);
}

import { failure, notFound } from '../errors.js';
import type { UseCaseDeps } from './deps.js';

/** Marks an unfinished transaction `failed` at once, running no compensation. */
export async function forceStop(deps: UseCaseDeps, gid: string): Promise<void> {
  const trans = await deps.store.findGlobal(gid);
  if (!trans) throw notFound(gid);
  if (trans.status === 'succeed' || trans.status === 'failed') {
    throw failure(`current status '${trans.status}', cannot force stop.`);
  }
  const now = deps.clock.now();
  if (!(await deps.store.changeStatus(gid, trans.status, 'failed', { now, rollbackTime: now }))) {
    throw failure(`transaction ${gid} changed status while being stopped`);
  }
}

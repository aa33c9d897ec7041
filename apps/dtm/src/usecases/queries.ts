import { addSeconds } from '../clock.js';
import { invalid, notFound } from '../errors.js';
import type { GlobalScan, Page } from '../store/store.js';
import type { Branch, TransGlobal } from '../trans/types.js';
import type { UseCaseDeps } from './deps.js';

export async function queryTransaction(
  deps: UseCaseDeps,
  gid: string,
): Promise<{ transaction: TransGlobal | undefined; branches: Branch[] }> {
  if (!gid) throw invalid('no gid specified');
  const transaction = await deps.store.findGlobal(gid);
  return { transaction, branches: transaction ? await deps.store.findBranches(gid) : [] };
}

/** `all`: one gid (filters ignored) or a page of the newest transactions. */
export async function listTransactions(deps: UseCaseDeps, gid: string, scan: GlobalScan): Promise<Page<TransGlobal>> {
  if (!gid) return deps.store.scanGlobals(scan);
  const found = await deps.store.findGlobal(gid);
  return { items: found ? [found] : [], nextPosition: '' };
}

/** Makes every unfinished transaction scheduled more than `timeoutSeconds` ahead due now, `limit` at a time. */
export async function resetCronTime(deps: UseCaseDeps, timeoutSeconds: number, limit: number) {
  const now = deps.clock.now();
  return deps.store.resetCronTime(addSeconds(now, timeoutSeconds), now, limit);
}

export async function resetNextCronTime(deps: UseCaseDeps, gid: string): Promise<void> {
  if (!gid) throw invalid('no gid specified');
  if (!(await deps.store.resetNextCronTime(gid, deps.clock.now()))) throw notFound(gid);
}

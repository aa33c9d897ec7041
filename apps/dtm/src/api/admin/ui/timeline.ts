import type { AdminBranch } from './wire.js';

/** "01" < "02" < … < "99" < "100", and sub-branches ("0101") after their parent. */
const byBranchId = (a: string, b: string) => a.length - b.length || a.localeCompare(b);
const isForward = (op: string) => op === 'action' || op === 'try' || op === 'confirm' || op === 'commit';

/**
 * Branch rows in the order things happened: finished ones by finish time (stored to the second,
 * so ties are broken the way a saga runs: actions forward, then compensations backward), then the
 * ones that have not run, in step order.
 */
export function timelineOrder(branches: AdminBranch[]): AdminBranch[] {
  const done = branches.filter((branch) => branch.finishTime !== null);
  const waiting = branches.filter((branch) => branch.finishTime === null);
  done.sort((a, b) => {
    const time = Date.parse(a.finishTime!) - Date.parse(b.finishTime!);
    if (time !== 0) return time;
    const forward = Number(isForward(b.op)) - Number(isForward(a.op));
    if (forward !== 0) return forward;
    return isForward(a.op) ? byBranchId(a.branchId, b.branchId) : byBranchId(b.branchId, a.branchId);
  });
  waiting.sort((a, b) => byBranchId(a.branchId, b.branchId) || Number(isForward(b.op)) - Number(isForward(a.op)));
  return [...done, ...waiting];
}

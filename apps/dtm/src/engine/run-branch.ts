import { addSeconds } from '../clock.js';
import type { Outcome } from '../invoke/outcome.js';
import { isNoop } from '../invoke/target.js';
import { backedOff, baseInterval, requestTimeout } from '../trans/schedule.js';
import type { Branch } from '../trans/types.js';
import { recordResults, type Pass } from './pass.js';
import { startBranchSpan } from './pass-trace.js';

// A slow pass renews its lease on success after this long (reference §4.6).
const RENEW_AFTER_MS = 1500;

async function reschedule(pass: Pass, interval: number): Promise<void> {
  const { trans, deps } = pass;
  const now = deps.clock.now();
  trans.nextCronInterval = interval;
  trans.nextCronTime = addSeconds(now, interval);
  pass.lastTouch = now;
  await deps.store.touchCronTime(trans.gid, trans.status, interval, trans.nextCronTime, now);
}

async function updateSchedule(pass: Pass, outcome: Outcome, terminal: boolean): Promise<void> {
  const { trans, deps } = pass;
  const base = baseInterval(trans.options, deps.settings);
  if (outcome.result === 'ONGOING') return reschedule(pass, trans.nextCronInterval || base);
  if (!terminal) return reschedule(pass, backedOff(trans.nextCronInterval || base, deps.settings));
  const since = deps.clock.now().getTime() - Math.max(pass.startedAt.getTime(), pass.lastTouch.getTime());
  if (since >= RENEW_AFTER_MS || trans.nextCronInterval > base) await reschedule(pass, base);
}

/**
 * Calls one branch and records what it said: SUCCESS marks it `succeed`; FAILURE marks a saga
 * action `failed` (anywhere else it is retried like an error, since compensations must succeed);
 * ONGOING and errors leave it as is and move the retry schedule. A no-op branch (empty URL)
 * succeeds without a call.
 *
 * A result is written with the pass's next write (the next result, or the status change that
 * ends the pass), which is never later than the start of the next real call; while other calls
 * of the pass are under way, it is written at once, as DTM's synchronous mode does.
 */
export async function runBranch(pass: Pass, branch: Branch): Promise<Outcome> {
  const { trans, deps } = pass;
  const noop = isNoop(branch.url);
  if (!noop) {
    await recordResults(pass);
    pass.calling++;
  }
  const span =
    !noop && pass.span && deps.tracing ? startBranchSpan(deps.tracing, pass.span, trans.gid, branch) : undefined;
  const headers = trans.options.branch_headers ?? {};
  const call = deps.invoker.invoke(
    {
      gid: trans.gid,
      transType: trans.transType,
      branchId: branch.branchId,
      op: branch.op,
      url: branch.url,
      payload: branch.payload,
      headers: span ? { ...headers, ...span.headers } : headers,
      timeoutMs: requestTimeout(trans.options, deps.settings) * 1000,
    },
    trans.protocol,
  );
  const outcome = noop ? await call : await call.finally(() => pass.calling--);
  span?.end(outcome);
  const fails = outcome.result === 'FAILURE' && branch.op === 'action' && trans.transType === 'saga';
  const terminal = outcome.result === 'SUCCESS' || fails;
  deps.metrics.branchProcessed(trans.transType, branch.branchId, branch.op, outcome.result === 'SUCCESS');
  if (outcome.result !== 'SUCCESS' || deps.logger.isLevelEnabled('debug')) {
    const logFields = { branch_id: branch.branchId, op: branch.op, url: branch.url, result: outcome.result };
    if (outcome.result === 'SUCCESS') pass.logger.debug(logFields, 'branch called');
    else pass.logger.info({ ...logFields, message: outcome.message }, 'branch did not succeed');
  }
  if (terminal) {
    const now = deps.clock.now();
    branch.status = fails ? 'failed' : 'succeed';
    branch.finishTime = now;
    branch.updateTime = now;
    pass.unrecorded.push(branch);
    if (pass.calling > 0) await recordResults(pass);
  }
  await updateSchedule(pass, outcome, terminal);
  return outcome;
}

import { moveTo, timedOut, type Pass } from '../engine/pass.js';
import type { Branch } from '../trans/types.js';
import { runActions } from './actions.js';
import { runCompensations } from './compensations.js';
import { sagaLayout, sagaSteps } from './layout.js';

/**
 * One processing pass of a saga (reference §4.3): time out if due, run actions forward, then
 * either finish, or abort and compensate backwards. Whatever is left (ONGOING, errors, a pass
 * that ran out of time) stays for the cron.
 */
export async function runSagaPass(pass: Pass, branches: Branch[]): Promise<void> {
  const { trans, deps } = pass;
  const layout = sagaLayout(trans.customData);
  const steps = sagaSteps(branches);
  const timeoutReason = () => `Timeout after ${trans.options.timeout_to_fail} seconds`;

  if (trans.status === 'submitted' && timedOut(pass))
    await moveTo(pass, 'aborting', { rollbackReason: timeoutReason() });

  let started = new Set<number>();
  if (trans.status === 'submitted') {
    const actions = await runActions(pass, steps, layout);
    started = actions.started;
    if (trans.status === 'submitted' && steps.every((step) => step.action.status === 'succeed')) {
      await moveTo(pass, 'succeed', { finishTime: deps.clock.now() });
      return;
    }
    const failedEarlier = steps.some((step) => step.action.status === 'failed');
    const reason =
      actions.abortReason ?? (failedEarlier ? 'fail message lost' : timedOut(pass) ? timeoutReason() : undefined);
    if (trans.status === 'submitted' && reason !== undefined)
      await moveTo(pass, 'aborting', { rollbackReason: reason });
  }

  if (trans.status === 'aborting' && (await runCompensations(pass, steps, layout, started))) {
    await moveTo(pass, 'failed', { rollbackTime: deps.clock.now() });
  }
}

import type { Pass } from '../engine/pass.js';
import { timedOut } from '../engine/pass.js';
import { runBranch } from '../engine/run-branch.js';
import type { SagaLayout, SagaStep } from './layout.js';
import { runUntilSettled } from './run-until-settled.js';

export interface ActionResult {
  /** Steps whose action was called in this pass. */
  started: Set<number>;
  /** The rollback reason when an action said FAILURE, or the retry limit ran out. */
  abortReason?: string;
}

/** An action may start when it has not run yet and what it waits for has succeeded. */
export function actionReady(steps: SagaStep[], layout: SagaLayout, step: SagaStep): boolean {
  if (step.action.status !== 'prepared') return false;
  if (!layout.concurrent && step.index > 0 && steps[step.index - 1]?.action.status !== 'succeed') return false;
  return layout.prerequisites(step.index).every((before) => steps[before]?.action.status === 'succeed');
}

/** The forward half of a pass (reference §4.3 step 4), with retry_limit's immediate retries (§4.7). */
export async function runActions(pass: Pass, steps: SagaStep[], layout: SagaLayout): Promise<ActionResult> {
  const { options } = pass.trans;
  const retryLimit = options.retry_limit ?? 0;
  let retryCount = options.retry_count ?? 0;
  let abortReason: string | undefined;

  const runAction = async (index: number) => {
    const branch = steps[index]!.action;
    for (;;) {
      const outcome = await runBranch(pass, branch);
      if (outcome.result === 'SUCCESS') return;
      if (outcome.result === 'FAILURE') {
        abortReason ??= `url:${branch.url} return failed: ${outcome.message} FAILURE`;
        return;
      }
      if (retryLimit <= 0) return;
      if (retryCount >= retryLimit) {
        abortReason ??= `RetryCount is greater than RetryLimit, RetryLimit: ${retryLimit}`;
        return;
      }
      retryCount++;
    }
  };

  const started = await runUntilSettled(pass, {
    ready: (begun) =>
      steps.filter((step) => !begun.has(step.index) && actionReady(steps, layout, step)).map((s) => s.index),
    run: runAction,
    stop: () => abortReason !== undefined || pass.trans.status !== 'submitted' || timedOut(pass),
  });
  return { started, abortReason };
}

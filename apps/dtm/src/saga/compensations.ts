import type { Pass } from '../engine/pass.js';
import { runBranch } from '../engine/run-branch.js';
import { actionReady } from './actions.js';
import type { SagaLayout, SagaStep } from './layout.js';
import { runUntilSettled } from './run-until-settled.js';

/**
 * Which steps must be rolled back (reference §4.3 step 7): every step whose action ran or may
 * have run — finished, failed, started in this pass, or next in line (it may have been in flight
 * when a previous server died) — and whose compensation has not succeeded yet. The failed step
 * is included: a saga always compensates it.
 */
export function stepsToCompensate(
  steps: SagaStep[],
  layout: SagaLayout,
  startedThisPass: ReadonlySet<number>,
): (step: SagaStep) => boolean {
  const mayHaveRun = new Set(
    steps
      .filter(
        (step) =>
          step.action.status !== 'prepared' || startedThisPass.has(step.index) || actionReady(steps, layout, step),
      )
      .map((step) => step.index),
  );
  return (step) => mayHaveRun.has(step.index) && step.compensate.status !== 'succeed';
}

/**
 * The backward half of a pass: compensations in reverse, each after the steps that came after it
 * (sequential) or depended on it (concurrent orders) have been rolled back. Returns whether
 * nothing is left to compensate.
 */
export async function runCompensations(
  pass: Pass,
  steps: SagaStep[],
  layout: SagaLayout,
  startedThisPass: ReadonlySet<number>,
): Promise<boolean> {
  const needed = stepsToCompensate(steps, layout, startedThisPass);
  const rolledBack = (index: number) => {
    const step = steps[index];
    return !step || !needed(step);
  };
  const after = (step: SagaStep) => (layout.concurrent ? layout.dependents(step.index) : [step.index + 1]);

  await runUntilSettled(pass, {
    ready: (begun) =>
      steps
        .filter((step) => !begun.has(step.index) && needed(step) && after(step).every(rolledBack))
        .map((step) => step.index)
        .reverse(),
    run: async (index) => {
      await runBranch(pass, steps[index]!.compensate);
    },
    stop: () => pass.trans.status !== 'aborting',
  });
  return steps.every((step) => !needed(step));
}

import { throughput } from '../load/operation.js';
import type { StepRecord } from './scenario.js';

/** The variant's closed-loop step with the highest throughput. */
export function bestStep(steps: readonly StepRecord[], variant: string): StepRecord | undefined {
  let best: StepRecord | undefined;
  for (const step of steps) {
    if (step.variant !== variant || step.shape.kind !== 'closed') continue;
    if (!best || throughput(step.result) > throughput(best.result)) best = step;
  }
  return best;
}

/** Best throughput of `variant` over best throughput of `baseline`, when both ran. */
export function bestRatio(steps: readonly StepRecord[], variant: string, baseline: string): number | undefined {
  const [ours, theirs] = [bestStep(steps, variant), bestStep(steps, baseline)];
  if (!ours || !theirs) return undefined;
  const base = throughput(theirs.result);
  return base > 0 ? throughput(ours.result) / base : undefined;
}

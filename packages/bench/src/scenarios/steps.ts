import type { BenchContext } from '../context.js';
import { runClosedLoop } from '../load/closed-loop.js';
import { runFixedRate } from '../load/fixed-rate.js';
import { throughput, type LoadResult, type Operation } from '../load/operation.js';
import { beginMeasuring, type WatchedProcess } from '../measure/meter.js';
import { figure, perSecond, shapeLabel } from '../report/format.js';
import { summarizeLatencies } from '../stats.js';
import { bestStep } from './best-step.js';
import type { LoadShape, StepRecord } from './scenario.js';

export interface Variant {
  name: string;
  op: Operation;
}

const MAX_IN_FLIGHT = 2048;

/** The failure a scenario reports when Ctrl-C cut it short: what was running is stopping too. */
export const INTERRUPTED = 'interrupted (the invariants were not checked)';

function describe(scenario: string, step: StepRecord): string {
  const { p50, p99 } = summarizeLatencies(step.result.latenciesMs);
  return (
    `${scenario} ${step.variant} ${shapeLabel(step.shape)}: ${perSecond(throughput(step.result))} ops/s, ` +
    `p50 ${figure(p50)} ms, p99 ${figure(p99)} ms, ${step.result.errors} errors`
  );
}

/**
 * Every variant at every concurrency (variants interleaved, so slow drift hits them alike), each
 * step after a warm-up at the same load; then, with --rate, each variant open-loop at that fraction
 * of its best throughput.
 */
export async function measureVariants(
  ctx: BenchContext,
  scenario: string,
  variants: readonly Variant[],
  processes: readonly WatchedProcess[],
): Promise<StepRecord[]> {
  const { options, signal } = ctx;
  const watched = [...processes, ...ctx.baseProcesses];
  const steps: StepRecord[] = [];
  const measure = async (variant: Variant, shape: LoadShape, run: () => Promise<LoadResult>) => {
    const finish = await beginMeasuring({ db: ctx.admin, clockTicks: ctx.clockTicks, processes: watched });
    const result = await run();
    const step: StepRecord = { variant: variant.name, shape, result, usage: await finish(result.ok) };
    steps.push(step);
    ctx.progress(describe(scenario, step));
  };

  for (const concurrency of options.concurrency) {
    for (const variant of variants) {
      if (signal.aborted) return steps;
      const plan = { concurrency, maxOps: options.maxOps, signal };
      if (options.warmupSeconds > 0) await runClosedLoop(variant.op, { ...plan, seconds: options.warmupSeconds });
      await measure(variant, { kind: 'closed', concurrency }, () =>
        runClosedLoop(variant.op, { ...plan, seconds: options.seconds }),
      );
    }
  }
  const fraction = options.rate;
  if (fraction === undefined) return steps;
  for (const variant of variants) {
    const best = bestStep(steps, variant.name);
    const ratePerSecond = best ? throughput(best.result) * fraction : 0;
    if (signal.aborted || ratePerSecond <= 0) continue;
    const plan = {
      ratePerSecond,
      seconds: options.seconds,
      maxOps: options.maxOps,
      maxInFlight: MAX_IN_FLIGHT,
      signal,
    };
    await measure(variant, { kind: 'rate', fraction, ratePerSecond }, () => runFixedRate(variant.op, plan));
  }
  return steps;
}

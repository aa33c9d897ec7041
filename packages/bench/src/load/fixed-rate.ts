import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadResult, Operation } from './operation.js';
import { Tally } from './tally.js';

export interface FixedRatePlan {
  /** Operations offered per second, evenly spaced, whatever the answers' pace (open loop). */
  ratePerSecond: number;
  seconds: number;
  maxOps: number;
  /** Operations due while this many are still running are not started, and count as errors. */
  maxInFlight: number;
  signal?: AbortSignal;
}

/** How many operations of a schedule starting at 0 are due at `elapsedMs` (the first one at once). */
export function dueCount(elapsedMs: number, ratePerSecond: number, total: number): number {
  return Math.min(total, Math.floor((elapsedMs * ratePerSecond) / 1000) + 1);
}

/**
 * Starts operation i at i / rate seconds. Latency counts from when an operation was due, not when it
 * was started, so a slow system cannot hide its queueing (no coordinated omission).
 */
export async function runFixedRate(op: Operation, plan: FixedRatePlan): Promise<LoadResult> {
  const { ratePerSecond, seconds, maxOps, maxInFlight, signal } = plan;
  const total = Math.max(1, Math.min(maxOps, Math.round(ratePerSecond * seconds)));
  const interval = 1000 / ratePerSecond;
  const tally = new Tally();
  const running = new Set<Promise<void>>();
  const started = performance.now();
  let lastDone = started;
  let launched = 0;

  const launch = (dueAt: number) => {
    if (running.size >= maxInFlight) {
      tally.failed(new Error(`more than ${maxInFlight} operations in flight: not started`));
      return;
    }
    const run = op().then(
      () => {
        lastDone = performance.now();
        tally.succeeded(lastDone - dueAt);
      },
      (error: unknown) => {
        lastDone = performance.now();
        tally.failed(error);
      },
    );
    const tracked = run.finally(() => running.delete(tracked));
    running.add(tracked);
  };

  while (launched < total && !signal?.aborted) {
    const due = dueCount(performance.now() - started, ratePerSecond, total);
    for (; launched < due; launched++) launch(started + launched * interval);
    if (launched < total) await sleep(Math.max(0, started + launched * interval - performance.now()));
  }
  await Promise.all(running);
  return tally.result(lastDone - started);
}

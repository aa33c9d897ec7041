import type { LoadResult, Operation } from './operation.js';
import { Tally } from './tally.js';

export interface ClosedLoopPlan {
  concurrency: number;
  seconds: number;
  maxOps: number;
  signal?: AbortSignal;
}

/**
 * `concurrency` clients, each starting its next operation as soon as the previous one ends, until
 * `seconds` have passed or `maxOps` were started (whichever comes first); then waits for the
 * operations still running.
 */
export async function runClosedLoop(
  op: Operation,
  { concurrency, seconds, maxOps, signal }: ClosedLoopPlan,
): Promise<LoadResult> {
  const tally = new Tally();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let launched = 0;
  let lastDone = started;
  const more = () => launched < maxOps && performance.now() < deadline && !signal?.aborted;

  async function client(): Promise<void> {
    while (more()) {
      launched += 1;
      const begin = performance.now();
      try {
        await op();
        lastDone = performance.now();
        tally.succeeded(lastDone - begin);
      } catch (error) {
        lastDone = performance.now();
        tally.failed(error);
      }
    }
  }

  await Promise.all(Array.from({ length: concurrency }, client));
  return tally.result(lastDone - started);
}

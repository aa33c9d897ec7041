import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'mysql2/promise';
import { pruneBarriers, type PruneBarriersOptions, type PruneReport } from './prune-barriers.js';

export interface BarrierJanitorOptions extends Omit<PruneBarriersOptions, 'signal'> {
  /** Seconds between runs; the first run comes one interval after the start. */
  intervalSeconds: number;
  /** Told what each run did (for the service's log). */
  onRun?: (report: PruneReport) => void;
  /** Told why a run stopped early (DTM or the database unreachable); the next run starts over. */
  onError?: (error: unknown) => void;
}

export interface BarrierJanitor {
  /** Stops between two batches and waits for the run in progress. */
  stop(): Promise<void>;
}

/** Runs pruneBarriers on `pool` every `intervalSeconds` until stopped. */
export function startBarrierJanitor(
  pool: Pool,
  { intervalSeconds, onRun, onError, ...prune }: BarrierJanitorOptions,
): BarrierJanitor {
  const stopping = new AbortController();
  const { signal } = stopping;
  const loop = (async () => {
    while (!signal.aborted) {
      await sleep(intervalSeconds * 1000, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) break;
      try {
        onRun?.(await pruneBarriers(pool, { ...prune, signal }));
      } catch (error) {
        onError?.(error);
      }
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

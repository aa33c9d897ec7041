import type { Logger } from '@mall/logger';
import { addSeconds, type Clock } from '../clock.js';
import type { Processor } from '../engine/processor.js';
import { newGid } from '../gid.js';
import type { Store } from '../store/store.js';

export interface CronOptions {
  store: Store;
  processor: Processor;
  clock: Clock;
  logger: Logger;
  /** Seconds between looks when nothing is due (a random second is taken off, to spread instances). */
  intervalSeconds: number;
  /** Seconds a leased transaction stays hidden from other instances. */
  leaseSeconds: number;
  /**
   * Loops leasing and resuming transactions side by side (default 1, DTM's). Each lease is taken by a
   * conditional update, as between instances, so they never share a transaction; more loops drain a
   * backlog (e.g. after an outage of a branch's service) that many times faster.
   */
  workers?: number;
}

export interface Cron {
  /** Leases one due transaction and runs a pass over it; false when nothing was due. */
  runOnce(): Promise<boolean>;
  start(): void;
  /** Stops looking for work and waits for the pass in progress. */
  stop(): Promise<void>;
}

/** Recovery (reference §5): every instance keeps leasing due transactions and resuming them. */
export function createCron({
  store,
  processor,
  clock,
  logger,
  intervalSeconds,
  leaseSeconds,
  workers = 1,
}: CronOptions): Cron {
  const stopping = new AbortController();
  let loops: Promise<void> | undefined;

  const runOnce = async () => {
    const now = clock.now();
    const trans = await store.leaseDue({ now, until: addSeconds(now, leaseSeconds), owner: newGid() });
    if (!trans) return false;
    logger.info({ gid: trans.gid, status: trans.status }, 'cron resumes transaction');
    await processor.process(trans, undefined, 'cron');
    return true;
  };

  const run = async () => {
    while (!stopping.signal.aborted) {
      let found = false;
      try {
        found = await runOnce();
      } catch (error) {
        logger.error({ err: error }, 'cron round failed');
      }
      if (!found) await clock.sleep(Math.max(0, intervalSeconds - Math.random()) * 1000, stopping.signal);
    }
  };

  return {
    runOnce,
    start() {
      loops ??= Promise.all(Array.from({ length: workers }, run)).then(() => undefined);
    },
    async stop() {
      stopping.abort();
      await loops;
    },
  };
}

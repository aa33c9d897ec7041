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
}

export interface Cron {
  /** Leases one due transaction and runs a pass over it; false when nothing was due. */
  runOnce(): Promise<boolean>;
  start(): void;
  /** Stops looking for work and waits for the pass in progress. */
  stop(): Promise<void>;
}

/** Recovery (reference §5): every instance keeps leasing due transactions and resuming them. */
export function createCron({ store, processor, clock, logger, intervalSeconds, leaseSeconds }: CronOptions): Cron {
  const stopping = new AbortController();
  let loop: Promise<void> | undefined;

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
      loop ??= run();
    },
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

import type { Logger } from '@mall/logger';
import { addSeconds, type Clock } from '../clock.js';
import type { Store } from '../store/store.js';

export interface JanitorOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Seconds between runs. */
  intervalSeconds: number;
  /** Seconds a finished transaction is kept after its end (and after its last scheduled retry). */
  retentionSeconds: number;
  /** Transactions deleted per batch, each batch its own short local transaction. */
  batchSize?: number;
}

/** What one run deleted. */
export interface JanitorRun {
  transactions: number;
  branches: number;
  batches: number;
}

export interface Janitor {
  /** Deletes every transaction finished more than the retention ago, batch after batch. */
  runOnce(): Promise<JanitorRun>;
  start(): void;
  /** Stops between two batches and waits for the one in progress. */
  stop(): Promise<void>;
}

export const DEFAULT_JANITOR_BATCH = 100;

/** A breath between batches, so a large backlog never keeps the database busy for long at a time. */
const BATCH_PAUSE_MS = 50;

/**
 * Keeps DTM's tables from growing forever (DTM leaves it to a DBA's cron, dtm#389): finished
 * transactions and their branch rows go once they are older than the retention. Only `succeed` and
 * `failed` rows are touched, whose transactions nothing calls or changes any more; a saga that is
 * still retrying stays however old it is. Instances sharing a database may all run it.
 */
export function createJanitor({
  store,
  clock,
  logger,
  intervalSeconds,
  retentionSeconds,
  batchSize = DEFAULT_JANITOR_BATCH,
}: JanitorOptions): Janitor {
  const stopping = new AbortController();
  let loop: Promise<void> | undefined;

  const runOnce = async (): Promise<JanitorRun> => {
    const before = addSeconds(clock.now(), -retentionSeconds);
    const run: JanitorRun = { transactions: 0, branches: 0, batches: 0 };
    while (!stopping.signal.aborted) {
      const purged = await store.purgeFinished(before, batchSize);
      run.batches += 1;
      run.transactions += purged.transactions;
      run.branches += purged.branches;
      if (purged.transactions < batchSize) break;
      await clock.sleep(BATCH_PAUSE_MS, stopping.signal);
    }
    const level = run.transactions > 0 ? 'info' : 'debug';
    logger[level]({ ...run, before: before.toISOString() }, 'janitor deleted finished transactions');
    return run;
  };

  const run = async () => {
    while (!stopping.signal.aborted) {
      await clock.sleep(intervalSeconds * 1000, stopping.signal);
      if (stopping.signal.aborted) break;
      try {
        await runOnce();
      } catch (error) {
        logger.error({ err: error }, 'janitor run failed');
      }
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

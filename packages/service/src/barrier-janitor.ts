import type { Pool } from '@mall/db';
import { createHttpDtmClient, dtmGidFate, startBarrierJanitor, type BarrierJanitor } from '@mall/dtm-client';
import type { Logger } from '@mall/logger';

/** What an app that keeps DTM's barrier table validated with barrierJanitorShape. */
export interface BarrierJanitorSettings {
  BARRIER_TABLE: string;
  BARRIER_JANITOR_INTERVAL: number;
  BARRIER_RETENTION: number;
  DTM_JANITOR_RETENTION?: number | undefined;
  DTM_HTTP_SERVER?: string | undefined;
}

/**
 * Deletes the barrier rows of sagas DTM reports finished for BARRIER_RETENTION, when
 * BARRIER_JANITOR_INTERVAL is set (docs/10-distributed-transaction.md); undefined when it is off.
 * `compensatedLater`: a branch whose compensation may still be called after its saga ended keeps its
 * rows until that compensation has run.
 */
export function startConfiguredBarrierJanitor(
  config: BarrierJanitorSettings,
  pool: Pool,
  logger: Logger,
  { compensatedLater = false }: { compensatedLater?: boolean } = {},
): BarrierJanitor | undefined {
  if (config.BARRIER_JANITOR_INTERVAL === 0 || config.DTM_HTTP_SERVER === undefined) return undefined;
  return startBarrierJanitor(pool, {
    tableName: config.BARRIER_TABLE,
    intervalSeconds: config.BARRIER_JANITOR_INTERVAL,
    retentionSeconds: config.BARRIER_RETENTION,
    fateOf: dtmGidFate(createHttpDtmClient(config.DTM_HTTP_SERVER)),
    compensatedLater,
    ...(config.DTM_JANITOR_RETENTION === undefined ? {} : { forgottenAfterSeconds: config.DTM_JANITOR_RETENTION }),
    onRun: (report) => logger.info(report, 'barrier janitor run'),
    onError: (error) => logger.warn({ err: error }, 'barrier janitor run stopped; the next one starts over'),
  });
}

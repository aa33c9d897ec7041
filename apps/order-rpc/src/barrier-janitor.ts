import type { Pool } from '@mall/db';
import { createHttpDtmClient, dtmGidFate, startBarrierJanitor, type BarrierJanitor } from '@mall/dtm-client';
import type { Logger } from '@mall/logger';
import type { OrderRpcConfig } from './config.js';

/**
 * Deletes the barrier rows of sagas DTM reports finished for BARRIER_RETENTION, when
 * BARRIER_JANITOR_INTERVAL is set. Nothing but DTM calls Create / CreateRevert with a saga's
 * metadata, so a finished saga's rows are not needed any more (docs/10-distributed-transaction.md).
 */
export function startOrderBarrierJanitor(
  config: OrderRpcConfig,
  pool: Pool,
  logger: Logger,
): BarrierJanitor | undefined {
  if (config.BARRIER_JANITOR_INTERVAL === 0 || config.DTM_HTTP_SERVER === undefined) return undefined;
  return startBarrierJanitor(pool, {
    tableName: config.BARRIER_TABLE,
    intervalSeconds: config.BARRIER_JANITOR_INTERVAL,
    retentionSeconds: config.BARRIER_RETENTION,
    fateOf: dtmGidFate(createHttpDtmClient(config.DTM_HTTP_SERVER)),
    ...(config.DTM_JANITOR_RETENTION === undefined ? {} : { forgottenAfterSeconds: config.DTM_JANITOR_RETENTION }),
    onRun: (report) => logger.info(report, 'barrier janitor run'),
    onError: (error) => logger.warn({ err: error }, 'barrier janitor run stopped; the next one starts over'),
  });
}

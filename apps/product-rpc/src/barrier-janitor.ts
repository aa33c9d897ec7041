import type { Pool } from '@mall/db';
import { createHttpDtmClient, dtmGidFate, startBarrierJanitor, type BarrierJanitor } from '@mall/dtm-client';
import type { Logger } from '@mall/logger';
import type { ProductRpcConfig } from './config.js';

/**
 * Deletes the barrier rows of sagas DTM reports finished for BARRIER_RETENTION, when
 * BARRIER_JANITOR_INTERVAL is set (docs/10-distributed-transaction.md). order-rpc cancels an
 * unpaid order, at any time after its saga, by calling DecrStockRevert with the saga's metadata;
 * that call needs the DecrStock row to give the stock back. So a branch's rows go only once its
 * compensation has run (compensatedLater).
 */
export function startProductBarrierJanitor(
  config: ProductRpcConfig,
  pool: Pool,
  logger: Logger,
): BarrierJanitor | undefined {
  if (config.BARRIER_JANITOR_INTERVAL === 0 || config.DTM_HTTP_SERVER === undefined) return undefined;
  return startBarrierJanitor(pool, {
    tableName: config.BARRIER_TABLE,
    intervalSeconds: config.BARRIER_JANITOR_INTERVAL,
    retentionSeconds: config.BARRIER_RETENTION,
    fateOf: dtmGidFate(createHttpDtmClient(config.DTM_HTTP_SERVER)),
    compensatedLater: true,
    ...(config.DTM_JANITOR_RETENTION === undefined ? {} : { forgottenAfterSeconds: config.DTM_JANITOR_RETENTION }),
    onRun: (report) => logger.info(report, 'barrier janitor run'),
    onError: (error) => logger.warn({ err: error }, 'barrier janitor run stopped; the next one starts over'),
  });
}

import { ensureBarrierTable } from '@mall/dtm-client';
import { FAULT_KEY } from '@mall/rpc';
import { runRpcApp, startConfiguredBarrierJanitor, type RunningRpcApp } from '@mall/service';
import type { ProductRpcConfig } from './config.js';
import { ProductRepo } from './repo/product-repo.js';
import { addProductService } from './server.js';

export const ETCD_KEY = 'product.rpc';

export function startProductRpc(config: ProductRpcConfig, etcdKey = ETCD_KEY): Promise<RunningRpcApp> {
  return runRpcApp({
    name: 'product-rpc',
    etcdKey,
    config,
    migrations: new URL('../sql/', import.meta.url),
    prepare: (pool) => ensureBarrierTable(pool, config.BARRIER_TABLE),
    wire: ({ pool, server, logger }) => {
      if (config.FAULT_INJECTION) logger.warn(`FAULT_INJECTION is on: calls carrying ${FAULT_KEY} fail on purpose`);
      addProductService(server, {
        pool,
        products: new ProductRepo(pool),
        barrierTable: config.BARRIER_TABLE,
        faultInjection: config.FAULT_INJECTION,
      });
      // order-rpc cancels an unpaid order, at any time after its saga, by calling DecrStockRevert with the
      // saga's metadata; that call needs the DecrStock row to give the stock back.
      const janitor = startConfiguredBarrierJanitor(config, pool, logger, { compensatedLater: true });
      return () => janitor?.stop();
    },
  });
}

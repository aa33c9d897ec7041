import { ensureBarrierTable } from '@mall/dtm-client';
import { ProductService } from '@mall/proto/product';
import { UserService } from '@mall/proto/user';
import { createRpcClient } from '@mall/rpc';
import { runRpcApp, startConfiguredBarrierJanitor, type RunningRpcApp } from '@mall/service';
import type { OrderRpcConfig } from './config.js';
import { OrderRepo } from './repo/order-repo.js';
import { addOrderService } from './server.js';

export const ETCD_KEY = 'order.rpc';

export function startOrderRpc(config: OrderRpcConfig, etcdKey = ETCD_KEY): Promise<RunningRpcApp> {
  return runRpcApp({
    name: 'order-rpc',
    etcdKey,
    config,
    migrations: new URL('../sql/', import.meta.url),
    prepare: (pool) => ensureBarrierTable(pool, config.BARRIER_TABLE),
    wire: ({ pool, server, logger, clientMetrics, tracing }) => {
      const options = {
        app: config.RPC_APP,
        token: config.RPC_TOKEN,
        deadlineMs: config.RPC_DEADLINE_MS,
        inherit: () => server.inherited(),
        metrics: clientMetrics,
        tracing,
      };
      const users = createRpcClient(UserService, config.USER_RPC_TARGET, options);
      const products = createRpcClient(ProductService, config.PRODUCT_RPC_TARGET, options);
      addOrderService(server, {
        pool,
        barrierTable: config.BARRIER_TABLE,
        orders: new OrderRepo(pool),
        users,
        products,
      });
      const janitor = startConfiguredBarrierJanitor(config, pool, logger);
      return async () => {
        await janitor?.stop();
        users.close();
        products.close();
      };
    },
  });
}

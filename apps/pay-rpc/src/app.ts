import { OrderService } from '@mall/proto/order';
import { createRpcClient } from '@mall/rpc';
import { runRpcApp, type RunningRpcApp } from '@mall/service';
import type { PayRpcConfig } from './config.js';
import { PayRepo } from './repo/pay-repo.js';
import { addPayService } from './server.js';

export const ETCD_KEY = 'pay.rpc';

export function startPayRpc(config: PayRpcConfig, etcdKey = ETCD_KEY): Promise<RunningRpcApp> {
  return runRpcApp({
    name: 'pay-rpc',
    etcdKey,
    config,
    migrations: new URL('../sql/', import.meta.url),
    wire: ({ pool, server, clientMetrics, tracing }) => {
      const orders = createRpcClient(OrderService, config.ORDER_RPC_TARGET, {
        app: config.RPC_APP,
        token: config.RPC_TOKEN,
        deadlineMs: config.RPC_DEADLINE_MS,
        inherit: () => server.inherited(),
        metrics: clientMetrics,
        tracing,
      });
      addPayService(server, { payments: new PayRepo(pool), orders });
      return () => orders.close();
    },
  });
}

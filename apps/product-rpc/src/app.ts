import { runRpcApp, type RunningRpcApp } from '@mall/service';
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
    wire: ({ pool, server }) => addProductService(server, { products: new ProductRepo(pool) }),
  });
}

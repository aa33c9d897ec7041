import { sagaBranch } from '@mall/dtm-client';
import { ProductService } from '@mall/proto/product';
import type { RpcServer } from '@mall/rpc';
import { create } from './handlers/create.js';
import { decrStockRevert } from './handlers/decr-stock-revert.js';
import { decrStock } from './handlers/decr-stock.js';
import { detail } from './handlers/detail.js';
import { remove } from './handlers/remove.js';
import { update } from './handlers/update.js';
import type { ServiceContext } from './service-context.js';

export function addProductService(server: RpcServer, ctx: ServiceContext): void {
  server.addService(
    'product.Product',
    ProductService,
    {
      create: (request) => create(request, ctx),
      update: (request) => update(request, ctx),
      remove: (request) => remove(request, ctx),
      detail: (request) => detail(request, ctx),
      decrStock: sagaBranch((request, call) => decrStock(request, call, ctx)),
      decrStockRevert: sagaBranch((request, call) => decrStockRevert(request, call, ctx)),
    },
    // Only DTM runs the saga's action; order-rpc also gives stock back when it cancels an order.
    { decrStock: ['dtm'], decrStockRevert: ['order-rpc', 'dtm'] },
  );
}

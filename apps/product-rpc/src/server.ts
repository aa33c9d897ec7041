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
      decrStock: (request) => decrStock(request, ctx),
      decrStockRevert: (request) => decrStockRevert(request, ctx),
    },
    { decrStock: ['order-rpc', 'dtm'], decrStockRevert: ['order-rpc', 'dtm'] },
  );
}

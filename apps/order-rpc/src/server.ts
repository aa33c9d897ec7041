import { sagaBranch } from '@mall/dtm-client';
import { OrderService } from '@mall/proto/order';
import type { RpcServer } from '@mall/rpc';
import { create } from './handlers/create.js';
import { createRevert } from './handlers/create-revert.js';
import { detail } from './handlers/detail.js';
import { list } from './handlers/list.js';
import { paid } from './handlers/paid.js';
import { remove } from './handlers/remove.js';
import { update } from './handlers/update.js';
import type { ServiceContext } from './service-context.js';

export function addOrderService(server: RpcServer, ctx: ServiceContext): void {
  server.addService(
    'order.Order',
    OrderService,
    {
      create: sagaBranch((request, call) => create(request, ctx, call)),
      createRevert: sagaBranch((request, call) => createRevert(request, ctx, call)),
      update: (request, call) => update(request, ctx, call),
      remove: (request) => remove(request, ctx),
      detail: (request) => detail(request, ctx),
      list: (request) => list(request, ctx),
      paid: (request) => paid(request, ctx),
    },
    // Create and CreateRevert are the order saga's first step, called only by the DTM server.
    { create: ['dtm'], createRevert: ['dtm'], paid: ['pay-rpc'] },
  );
}

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
      create: (request, call) => create(request, ctx, call),
      createRevert: (request) => createRevert(request, ctx),
      update: (request, call) => update(request, ctx, call),
      remove: (request) => remove(request, ctx),
      detail: (request) => detail(request, ctx),
      list: (request) => list(request, ctx),
      paid: (request) => paid(request, ctx),
    },
    { paid: ['pay-rpc'], createRevert: ['dtm'] },
  );
}

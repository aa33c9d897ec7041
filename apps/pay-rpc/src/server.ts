import { PayService } from '@mall/proto/pay';
import type { RpcServer } from '@mall/rpc';
import { callback } from './handlers/callback.js';
import { create } from './handlers/create.js';
import { detail } from './handlers/detail.js';
import type { ServiceContext } from './service-context.js';

export function addPayService(server: RpcServer, ctx: ServiceContext): void {
  server.addService('pay.Pay', PayService, {
    create: (request) => create(request, ctx),
    detail: (request) => detail(request, ctx),
    callback: (request) => callback(request, ctx),
  });
}

import { Router } from '@koa/router';
import type { OrderClient } from '../clients.js';
import type { GatewayMiddleware, GatewayState } from '../context.js';
import { actingUid } from '../identity.js';
import { jsonBody } from '../middleware/json-body.js';
import { createOrder, type CreateOrderOptions } from '../orders/create-order.js';
import { orderJson } from '../orders/order-json.js';
import type { OrderSagas } from '../orders/order-saga.js';
import { emptyReply } from '../schemas/fields.js';
import {
  orderIdBody,
  orderListBody,
  orderListReply,
  orderLookupBody,
  orderReply,
  orderUpdateBody,
} from '../schemas/order.js';
import { handle, optionalBig } from './handle.js';

export function orderRouter(
  order: OrderClient,
  sagas: OrderSagas,
  requireUser: GatewayMiddleware,
  options: CreateOrderOptions,
): Router<GatewayState> {
  const router = new Router<GatewayState>({ prefix: '/api/order' });
  router.use(requireUser, jsonBody);

  router.post('/create', createOrder(sagas, order, options));

  router.post(
    '/update',
    handle(orderUpdateBody, emptyReply, async ({ id, uid, pid, amount, status }, ctx) => {
      await order.update({
        id: BigInt(id),
        Uid: actingUid(ctx, uid),
        Pid: optionalBig(pid),
        Amount: optionalBig(amount),
        Status: optionalBig(status),
      });
      return {};
    }),
  );

  router.post(
    '/remove',
    handle(orderIdBody, emptyReply, async ({ id }, ctx) => {
      await order.remove({ id: BigInt(id), Uid: actingUid(ctx) });
      return {};
    }),
  );

  router.post(
    '/detail',
    handle(orderLookupBody, orderReply, async ({ id, gid }, ctx) =>
      orderJson(await order.detail({ id: BigInt(id ?? 0), Uid: actingUid(ctx), Gid: gid ?? '' })),
    ),
  );

  // A bare array, as go-zero-mall answers (its .api file says otherwise).
  router.post(
    '/list',
    // Absent paging is sent as 0: order-rpc owns the defaults (first page, 100 rows).
    handle(orderListBody, orderListReply, async ({ uid, page = 0, pageSize = 0 }, ctx) => {
      const { data } = await order.list({ uid: actingUid(ctx, uid), Page: BigInt(page), PageSize: BigInt(pageSize) });
      return data.map(orderJson);
    }),
  );

  return router;
}

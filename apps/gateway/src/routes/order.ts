import { Router } from '@koa/router';
import type { DetailResponse } from '@mall/proto/order';
import type { OrderClient } from '../clients.js';
import type { GatewayMiddleware, GatewayState } from '../context.js';
import { actingUid } from '../identity.js';
import { jsonBody } from '../middleware/json-body.js';
import { orderCreateBody, orderIdBody, orderListBody, orderUpdateBody } from '../schemas/order.js';
import { handle, optionalBig } from './handle.js';

const orderJson = (order: DetailResponse) => ({
  id: order.id,
  uid: order.Uid,
  pid: order.Pid,
  amount: order.Amount,
  status: order.Status,
  num: order.Num,
});

export function orderRouter(order: OrderClient, requireUser: GatewayMiddleware): Router<GatewayState> {
  const router = new Router<GatewayState>({ prefix: '/api/order' });
  router.use(requireUser, jsonBody);

  router.post(
    '/create',
    handle(orderCreateBody, async ({ uid, pid, num = 1 }, ctx) => {
      const { id } = await order.create({
        Uid: actingUid(ctx, uid),
        Pid: BigInt(pid),
        Amount: 0n,
        Status: 0n,
        Num: BigInt(num),
        Gid: '',
      });
      return { id };
    }),
  );

  router.post(
    '/update',
    handle(orderUpdateBody, async ({ id, uid, pid, amount, status }, ctx) => {
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
    handle(orderIdBody, async ({ id }, ctx) => {
      await order.remove({ id: BigInt(id), Uid: actingUid(ctx) });
      return {};
    }),
  );

  router.post(
    '/detail',
    handle(orderIdBody, async ({ id }, ctx) => orderJson(await order.detail({ id: BigInt(id), Uid: actingUid(ctx), Gid: '' }))),
  );

  // A bare array, as go-zero-mall answers (its .api file says otherwise).
  router.post(
    '/list',
    // Absent paging is sent as 0: order-rpc owns the defaults (first page, 100 rows).
    handle(orderListBody, async ({ uid, page = 0, pageSize = 0 }, ctx) => {
      const { data } = await order.list({ uid: actingUid(ctx, uid), Page: BigInt(page), PageSize: BigInt(pageSize) });
      return data.map(orderJson);
    }),
  );

  return router;
}

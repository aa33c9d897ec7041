import { Router } from '@koa/router';
import type { PayClient } from '../clients.js';
import type { GatewayMiddleware, GatewayState } from '../context.js';
import { actingUid } from '../identity.js';
import { jsonBody } from '../middleware/json-body.js';
import { payCallbackBody, payCreateBody, payIdBody } from '../schemas/pay.js';
import { handle } from './handle.js';

export function payRouter(pay: PayClient, requireUser: GatewayMiddleware): Router<GatewayState> {
  const router = new Router<GatewayState>({ prefix: '/api/pay' });
  router.use(requireUser, jsonBody);

  router.post(
    '/create',
    handle(payCreateBody, async ({ uid, oid, amount }, ctx) => {
      const { id } = await pay.create({ Uid: actingUid(ctx, uid), Oid: BigInt(oid), Amount: BigInt(amount) });
      return { id };
    }),
  );

  router.post(
    '/detail',
    handle(payIdBody, async ({ id }, ctx) => {
      const found = await pay.detail({ id: BigInt(id), Uid: actingUid(ctx) });
      return {
        id: found.id,
        uid: found.Uid,
        oid: found.Oid,
        amount: found.Amount,
        source: found.Source,
        status: found.Status,
      };
    }),
  );

  router.post(
    '/callback',
    handle(payCallbackBody, async ({ id, uid, oid, amount, source, status }, ctx) => {
      await pay.callback({
        id: BigInt(id),
        Uid: actingUid(ctx, uid),
        Oid: BigInt(oid),
        Amount: BigInt(amount),
        Source: BigInt(source),
        Status: BigInt(status),
      });
      return {};
    }),
  );

  return router;
}

import { Router } from '@koa/router';
import type { PayClient } from '../clients.js';
import type { GatewayContext, GatewayMiddleware, GatewayState } from '../context.js';
import { actingUid } from '../identity.js';
import { jsonBody } from '../middleware/json-body.js';
import { requirePaymentSignature } from '../middleware/payment-signature.js';
import { createdReply, emptyReply } from '../schemas/fields.js';
import { payCallbackBody, payCreateBody, payIdBody, payReply, signedPayCallbackBody } from '../schemas/pay.js';
import { handle } from './handle.js';

export interface PayRouterOptions {
  /**
   * When set, /api/pay/callback is the payment provider's: authenticated by its signature of the body
   * instead of a user's token, and the body names the user. Unset, it is go-zero-mall's simulated
   * callback, sent by the signed-in user.
   */
  callbackSecret?: string;
}

export function payRouter(
  pay: PayClient,
  requireUser: GatewayMiddleware,
  { callbackSecret }: PayRouterOptions = {},
): Router<GatewayState> {
  const router = new Router<GatewayState>({ prefix: '/api/pay' });

  router.post(
    '/create',
    requireUser,
    jsonBody,
    handle(payCreateBody, createdReply, async ({ uid, oid, amount }, ctx) => {
      const { id } = await pay.create({ Uid: actingUid(ctx, uid), Oid: BigInt(oid), Amount: BigInt(amount) });
      return { id };
    }),
  );

  router.post(
    '/detail',
    requireUser,
    jsonBody,
    handle(payIdBody, payReply, async ({ id }, ctx) => {
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

  type Callback = { id: number; oid: number; amount: number; source: number; status: number };
  const callback = async ({ id, oid, amount, source, status }: Callback, uid: bigint) => {
    await pay.callback({
      id: BigInt(id),
      Uid: uid,
      Oid: BigInt(oid),
      Amount: BigInt(amount),
      Source: BigInt(source),
      Status: BigInt(status),
    });
    return {};
  };

  if (callbackSecret) {
    router.post(
      '/callback',
      jsonBody,
      requirePaymentSignature(callbackSecret),
      handle(signedPayCallbackBody, emptyReply, (body) => callback(body, BigInt(body.uid))),
    );
  } else {
    router.post(
      '/callback',
      requireUser,
      jsonBody,
      handle(payCallbackBody, emptyReply, (body, ctx: GatewayContext) => callback(body, actingUid(ctx, body.uid))),
    );
  }

  return router;
}

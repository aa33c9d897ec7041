import { AppError, FAULT_KEY, isFault, type Fault } from '@mall/rpc';
import type { OrderClient } from '../clients.js';
import type { GatewayContext, GatewayMiddleware } from '../context.js';
import { actingUid } from '../identity.js';
import { sendJson } from '../json.js';
import { orderCreateBody, orderReply, type orderAcceptedReply } from '../schemas/order.js';
import { validate, type Reply } from '../schemas/fields.js';
import type { HandledRoute } from '../routes/handle.js';
import { orderGid } from './order-gid.js';
import { orderJson } from './order-json.js';
import type { OrderSagas } from './order-saga.js';

export interface CreateOrderOptions {
  /** Honour `X-Mall-Fault` (the tutorial's third flow); off, the header is ignored. */
  faultInjection: boolean;
}

/** 1-128 visible ASCII characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

function idempotencyKey(ctx: GatewayContext): string | undefined {
  const key = ctx.get('Idempotency-Key');
  if (key === '') return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('INVALID_ARGUMENT', 'Idempotency-Key: must be 1-128 visible ASCII characters');
  }
  return key;
}

/** RFC 7240: `Prefer: respond-async` asks for 202 before the outcome is known. */
const prefersAsync = (ctx: GatewayContext) =>
  ctx
    .get('Prefer')
    .split(',')
    .some((preference) => preference.split(';')[0]!.trim().toLowerCase() === 'respond-async');

function requestedFault(ctx: GatewayContext, enabled: boolean): Fault | undefined {
  const value = ctx.get(FAULT_KEY);
  if (!enabled || value === '') return undefined;
  if (!isFault(value)) throw new AppError('INVALID_ARGUMENT', `${FAULT_KEY}: unknown fault "${value.slice(0, 40)}"`);
  return value;
}

/**
 * `POST /api/order/create`: runs the order saga and answers what happened — 200 with the order,
 * 409 with the reason it was rolled back, or 202 with the gid when the outcome is not known yet
 * (asked for with `Prefer: respond-async`, or a branch is being retried). The order can then be
 * read by gid through /api/order/detail; the `X-Order-Gid` header names it on every answer.
 */
export function createOrder(
  sagas: OrderSagas,
  order: OrderClient,
  { faultInjection }: CreateOrderOptions,
): HandledRoute {
  const handler: GatewayMiddleware = async (ctx) => {
    const { uid: claimed, pid, num = 1 } = validate(orderCreateBody, ctx.request.body);
    const uid = actingUid(ctx, claimed);
    const key = idempotencyKey(ctx);
    const wait = !prefersAsync(ctx);
    const gid = orderGid(uid, key);
    // On every answer, 409 and 503 included, so a client can always look the saga's order up.
    ctx.set('X-Order-Gid', gid);
    const outcome = await sagas.place({
      uid,
      pid: BigInt(pid),
      num,
      gid,
      wait,
      requestId: ctx.state.requestId,
      fault: requestedFault(ctx, faultInjection),
    });
    switch (outcome.kind) {
      case 'rolled-back':
        throw new AppError('ABORTED', outcome.reason);
      case 'accepted':
        ctx.set('Preference-Applied', 'respond-async');
        sendJson(ctx, { gid } satisfies Reply<typeof orderAcceptedReply>, 202);
        return;
      case 'unfinished':
        sendJson(ctx, { gid } satisfies Reply<typeof orderAcceptedReply>, 202);
        return;
      case 'succeeded': {
        const created = await order.detail({ id: 0n, Uid: uid, Gid: gid });
        if (key !== undefined && (created.Pid !== BigInt(pid) || created.Num !== BigInt(num))) {
          throw new AppError('INVALID_ARGUMENT', 'Idempotency-Key: already used for a different order');
        }
        sendJson(ctx, orderJson(created));
      }
    }
  };
  return Object.assign(handler, { schemas: { request: orderCreateBody, reply: orderReply } });
}

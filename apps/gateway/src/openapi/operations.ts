import { z } from 'zod';
import { FAULT_KEY, FAULTS } from '@mall/rpc';
import { SIGNATURE_HEADER } from '../middleware/payment-signature.js';
import { IDEMPOTENCY_KEY } from '../orders/create-order.js';
import { createdReply, emptyReply } from '../schemas/fields.js';
import { healthReply } from '../schemas/health.js';
import {
  orderAcceptedReply,
  orderCreateBody,
  orderIdBody,
  orderListBody,
  orderListReply,
  orderLookupBody,
  orderReply,
  orderUpdateBody,
} from '../schemas/order.js';
import { payCallbackBody, payCreateBody, payIdBody, payReply, signedPayCallbackBody } from '../schemas/pay.js';
import { productCreateBody, productIdBody, productReply, productUpdateBody } from '../schemas/product.js';
import { loginBody, loginReply, registerBody, userReply } from '../schemas/user.js';

/** Who may call: anyone, a signed-in user (bearer JWT), or the payment provider (signed body). */
export type Caller = 'anyone' | 'user' | 'payment-provider';

/** A failure a route answers beyond those every route of its kind does, with what it means there. */
export type RouteErrors = Partial<Record<400 | 401 | 403 | 404 | 409, string>>;

export interface HeaderParameter {
  name: string;
  description: string;
  schema: z.ZodType;
}

export interface OtherSuccess {
  status: number;
  description: string;
  reply: z.ZodType;
  headers?: Record<string, string>;
}

/** One route as the API reference shows it; the schemas are the ones the route validates and answers with. */
export interface Operation {
  method: 'get' | 'post';
  path: string;
  tag: 'health' | 'user' | 'product' | 'order' | 'pay';
  summary: string;
  description?: string;
  caller: Caller;
  /** The JSON body the route validates; absent when it reads none. */
  request?: z.ZodType;
  /** The 200 answer. */
  reply: z.ZodType;
  /** Whether the route calls a service (and so can answer 500 and 503). */
  callsServices: boolean;
  errors: RouteErrors;
  headers?: HeaderParameter[];
  /** Response headers, with the statuses that carry them. */
  replyHeaders?: { name: string; description: string; on: number[] }[];
  otherSuccesses?: OtherSuccess[];
}

/** What the running gateway was configured with: the reference describes this gateway, not another. */
export interface ReferenceOptions {
  /** PAY_CALLBACK_SECRET is set: /api/pay/callback is the provider's, authenticated by its signature. */
  signedPayCallback: boolean;
  /** FAULT_INJECTION is on: /api/order/create honours X-Mall-Fault. */
  faultInjection: boolean;
}

const notFound = (what: string) => `${what} not found, or not yours`;
const uidMismatch = 'the body names another user (`uid`)';

const idempotencyKey: HeaderParameter = {
  name: 'Idempotency-Key',
  description:
    'Makes a retry safe: the same key (per user) names the same saga, so it answers the same order instead of ' +
    'placing another. 1-128 visible ASCII characters; reused for a different order, it is a 400.',
  schema: z.string().regex(IDEMPOTENCY_KEY),
};

const prefer: HeaderParameter = {
  name: 'Prefer',
  description: '`respond-async` (RFC 7240): answer 202 with the gid as soon as the saga is accepted.',
  schema: z.string(),
};

const fault: HeaderParameter = {
  name: FAULT_KEY,
  description: 'Tutorial only (FAULT_INJECTION=on): makes a step of the saga fail, to watch the compensation.',
  schema: z.enum(FAULTS),
};

function payCallback({ signedPayCallback }: ReferenceOptions): Operation {
  const common = {
    method: 'post',
    path: '/api/pay/callback',
    tag: 'pay',
    reply: emptyReply,
    callsServices: true,
  } as const;
  const errors = { 404: notFound('payment'), 409: 'the payment already succeeded' };
  if (signedPayCallback) {
    return {
      ...common,
      summary: "The payment provider's callback",
      description:
        `Sent by the payment provider, not by a user: \`${SIGNATURE_HEADER}\` is \`sha256=<hex HMAC-SHA256 of ` +
        'the exact body bytes>` with the secret shared with the provider, and the body names the user.',
      caller: 'payment-provider',
      request: signedPayCallbackBody,
      errors: { ...errors, 401: `missing or invalid \`${SIGNATURE_HEADER}\`` },
    };
  }
  return {
    ...common,
    summary: 'Report the outcome of a payment',
    description:
      "go-zero-mall's simulated provider callback, sent by the signed-in user. Status 1 marks the payment and " +
      'its order paid; replaying the same callback changes nothing.',
    caller: 'user',
    request: payCallbackBody,
    errors: { ...errors, 403: uidMismatch },
  };
}

/** Every route of the gateway except the reference's own. */
export function operations(options: ReferenceOptions): Operation[] {
  return [
    {
      method: 'get',
      path: '/healthz',
      tag: 'health',
      summary: 'Is the gateway up?',
      description: 'Answers as long as the process serves HTTP; it does not call the services.',
      caller: 'anyone',
      reply: healthReply,
      callsServices: false,
      errors: {},
    },
    {
      method: 'post',
      path: '/api/user/register',
      tag: 'user',
      summary: 'Register a user',
      caller: 'anyone',
      request: registerBody,
      reply: userReply,
      callsServices: true,
      errors: {
        400: 'e.g. `gender must be 0, 1 or 2`, `password must be 6-128 characters`',
        409: 'this mobile is already registered',
      },
    },
    {
      method: 'post',
      path: '/api/user/login',
      tag: 'user',
      summary: 'Sign in: get an access token',
      caller: 'anyone',
      request: loginBody,
      reply: loginReply,
      callsServices: true,
      errors: { 401: 'wrong mobile or password' },
    },
    {
      method: 'post',
      path: '/api/user/userinfo',
      tag: 'user',
      summary: 'The signed-in user',
      description: 'Reads no body: the user is the token’s.',
      caller: 'user',
      reply: userReply,
      callsServices: true,
      errors: { 404: 'the user no longer exists' },
    },
    {
      method: 'post',
      path: '/api/product/create',
      tag: 'product',
      summary: 'Create a product, owned by the signed-in user',
      caller: 'user',
      request: productCreateBody,
      reply: createdReply,
      callsServices: true,
      errors: { 400: 'e.g. `Name must be 1-255 characters, not blank`' },
    },
    {
      method: 'post',
      path: '/api/product/update',
      tag: 'product',
      summary: 'Change some fields of a product',
      description: 'Only the fields sent change; a field sent as 0 or "" is set to it.',
      caller: 'user',
      request: productUpdateBody,
      reply: emptyReply,
      callsServices: true,
      errors: { 403: 'the product belongs to another user', 404: 'product not found' },
    },
    {
      method: 'post',
      path: '/api/product/remove',
      tag: 'product',
      summary: 'Remove a product',
      caller: 'user',
      request: productIdBody,
      reply: emptyReply,
      callsServices: true,
      errors: { 403: 'the product belongs to another user', 404: 'product not found' },
    },
    {
      method: 'post',
      path: '/api/product/detail',
      tag: 'product',
      summary: 'A product',
      caller: 'user',
      request: productIdBody,
      reply: productReply,
      callsServices: true,
      errors: { 404: 'product not found' },
    },
    {
      method: 'post',
      path: '/api/order/create',
      tag: 'order',
      summary: 'Place an order (runs the order saga)',
      description:
        'Runs a saga on the DTM server: the order is written and the stock taken together, or both are undone. ' +
        'Answers 200 with the order, 409 with the reason the saga was rolled back, or 202 with the gid when the ' +
        'outcome is not known yet (asked for with `Prefer: respond-async`, or a step is being retried); the order ' +
        'is then read by gid through /api/order/detail.',
      caller: 'user',
      request: orderCreateBody,
      reply: orderReply,
      callsServices: true,
      errors: {
        400: 'a bad body, or `Idempotency-Key` malformed or already used for a different order',
        403: uidMismatch,
        409: 'the saga was rolled back: `ABORTED` with the failed step’s reason, e.g. `insufficient stock`',
      },
      headers: [idempotencyKey, prefer, ...(options.faultInjection ? [fault] : [])],
      replyHeaders: [
        {
          name: 'X-Order-Gid',
          description: 'the gid of the order’s saga: the order can be read by it through /api/order/detail',
          on: [200, 202, 409, 503],
        },
      ],
      otherSuccesses: [
        {
          status: 202,
          description:
            'The saga is accepted but its outcome is not known yet: read the order by this gid through ' +
            '/api/order/detail.',
          reply: orderAcceptedReply,
          headers: { 'Preference-Applied': '`respond-async` when the 202 was asked for with `Prefer`' },
        },
      ],
    },
    {
      method: 'post',
      path: '/api/order/update',
      tag: 'order',
      summary: 'Cancel an order (status 9)',
      caller: 'user',
      request: orderUpdateBody,
      reply: emptyReply,
      callsServices: true,
      errors: {
        403: uidMismatch,
        404: notFound('order'),
        409: 'not allowed in the order’s status, e.g. `a paid order cannot be changed`',
      },
    },
    {
      method: 'post',
      path: '/api/order/remove',
      tag: 'order',
      summary: 'Remove a cancelled order',
      caller: 'user',
      request: orderIdBody,
      reply: emptyReply,
      callsServices: true,
      errors: { 404: notFound('order'), 409: 'e.g. `cancel the order before removing it`' },
    },
    {
      method: 'post',
      path: '/api/order/detail',
      tag: 'order',
      summary: 'An order, by id or by the gid of its saga',
      caller: 'user',
      request: orderLookupBody,
      reply: orderReply,
      callsServices: true,
      errors: { 400: 'give either id or gid', 404: notFound('order') },
    },
    {
      method: 'post',
      path: '/api/order/list',
      tag: 'order',
      summary: 'The signed-in user’s orders, a page at a time',
      description: 'A bare JSON array, as go-zero-mall answers.',
      caller: 'user',
      request: orderListBody,
      reply: orderListReply,
      callsServices: true,
      errors: { 403: uidMismatch },
    },
    {
      method: 'post',
      path: '/api/pay/create',
      tag: 'pay',
      summary: 'Create the payment of an order',
      caller: 'user',
      request: payCreateBody,
      reply: createdReply,
      callsServices: true,
      errors: {
        400: "the amount is not the order's",
        403: uidMismatch,
        404: notFound('order'),
        409: 'the order already has a payment, or is paid or cancelled',
      },
    },
    {
      method: 'post',
      path: '/api/pay/detail',
      tag: 'pay',
      summary: 'A payment',
      caller: 'user',
      request: payIdBody,
      reply: payReply,
      callsServices: true,
      errors: { 404: notFound('payment') },
    },
    payCallback(options),
  ];
}

// The gateway's routes and what each field accepts, as docs/03-user.md … 06-pay.md and docs/errors.md
// promise it: the oracle the hostile-input properties check the answers against.
import { uniqueMobile } from '../http.js';

/** Whether the gateway's schema accepts a field's (parsed JSON) value. */
export type Accepts = (value: unknown) => boolean;

const integer =
  (min: number, max: number): Accepts =>
  (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** UTF-16 units, as JavaScript counts them; lone surrogates are not text. */
const text =
  (max: number, pattern?: RegExp): Accepts =>
  (value) =>
    typeof value === 'string' && value.length <= max && !/\p{Cs}/u.test(value) && (!pattern || pattern.test(value));

const id = integer(1, Number.MAX_SAFE_INTEGER);
const uint32 = integer(0, 4_294_967_295);
const uint8 = integer(0, 255);

/** The fuzzing user's own things, which a wrongly accepted request would change. */
export interface Mine {
  uid: number;
  mobile: string;
  productId: number;
  orderId: number;
  orderGid: string;
  payId: number;
  payAmount: number;
}

export interface Route {
  path: string;
  /** Needs `Authorization: bearer <token>`. */
  auth: boolean;
  fields: Record<string, Accepts>;
  required: string[];
  /** A body the route accepts, about the fuzzing user's own things. */
  valid(mine: Mine): Record<string, unknown>;
}

export const ROUTES: Route[] = [
  {
    path: '/api/user/register',
    auth: false,
    fields: { name: text(255), gender: uint8, mobile: text(20), password: text(128) },
    required: ['name', 'gender', 'mobile', 'password'],
    valid: () => ({ name: 'fuzz', gender: 1, mobile: uniqueMobile(), password: '123456' }),
  },
  {
    path: '/api/user/login',
    auth: false,
    fields: { mobile: text(20), password: text(128) },
    required: ['mobile', 'password'],
    valid: (mine) => ({ mobile: mine.mobile, password: '123456' }),
  },
  {
    path: '/api/product/create',
    auth: true,
    fields: { name: text(255), desc: text(255), stock: uint32, amount: uint32, status: uint8 },
    required: ['name', 'desc', 'stock', 'amount', 'status'],
    valid: () => ({ name: 'pear', desc: 'green', stock: 5, amount: 3, status: 0 }),
  },
  {
    path: '/api/product/update',
    auth: true,
    fields: { id, name: text(255), desc: text(255), stock: uint32, amount: uint32, status: uint8 },
    required: ['id'],
    valid: (mine) => ({ id: mine.productId, stock: 0, desc: '' }),
  },
  {
    path: '/api/product/remove',
    auth: true,
    fields: { id },
    required: ['id'],
    valid: (mine) => ({ id: mine.productId }),
  },
  {
    path: '/api/product/detail',
    auth: true,
    fields: { id },
    required: ['id'],
    valid: (mine) => ({ id: mine.productId }),
  },
  {
    path: '/api/order/create',
    auth: true,
    fields: { uid: id, pid: id, amount: uint32, status: uint8, num: integer(1, 1000) },
    required: ['pid'],
    valid: (mine) => ({ pid: mine.productId, num: 1 }),
  },
  {
    path: '/api/order/update',
    auth: true,
    fields: { id, uid: id, pid: id, amount: uint32, status: uint8 },
    required: ['id'],
    valid: (mine) => ({ id: mine.orderId, status: 9 }),
  },
  {
    path: '/api/order/remove',
    auth: true,
    fields: { id },
    required: ['id'],
    valid: (mine) => ({ id: mine.orderId }),
  },
  {
    path: '/api/order/detail',
    auth: true,
    fields: { id, gid: text(128, /^[\w-]+$/) },
    // One of the two: a body without either is refused as a whole, not for a field.
    required: [],
    valid: (mine) => ({ id: mine.orderId }),
  },
  {
    path: '/api/order/list',
    auth: true,
    fields: { uid: id, page: id, pageSize: integer(1, 1000) },
    required: [],
    valid: () => ({ page: 1, pageSize: 10 }),
  },
  {
    path: '/api/pay/create',
    auth: true,
    fields: { uid: id, oid: id, amount: uint32 },
    required: ['oid', 'amount'],
    valid: (mine) => ({ oid: mine.orderId, amount: mine.payAmount }),
  },
  {
    path: '/api/pay/detail',
    auth: true,
    fields: { id },
    required: ['id'],
    valid: (mine) => ({ id: mine.payId }),
  },
  {
    path: '/api/pay/callback',
    auth: true,
    fields: { id, uid: id, oid: id, amount: uint32, source: uint8, status: uint8 },
    required: ['id', 'oid', 'amount', 'source', 'status'],
    valid: (mine) => ({ id: mine.payId, oid: mine.orderId, amount: mine.payAmount, source: 1, status: 1 }),
  },
];

/** /api/user/userinfo reads no body (as in go-zero-mall): only its token matters. */
export const USERINFO = '/api/user/userinfo';

export const AUTH_PATHS = [...ROUTES.filter((route) => route.auth).map((route) => route.path), USERINFO];

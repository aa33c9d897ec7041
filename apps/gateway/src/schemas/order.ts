import { z } from 'zod';
import { body, claimedUid, id, integer, text, uint32, uint8 } from './fields.js';

export const orderCreateBody = body({
  uid: claimedUid,
  pid: id,
  // Accepted for go-zero-mall's clients and ignored: the price comes from the product, a new order is unpaid.
  amount: uint32.optional().describe("ignored: the amount is the product's price × num"),
  status: uint8.optional().describe('ignored: a new order is unpaid (0)'),
  num: integer(1, 1000).optional().describe('how many pieces; 1 when absent'),
});

export const orderUpdateBody = body({
  id,
  uid: claimedUid,
  pid: id.optional(),
  amount: uint32.optional(),
  status: uint8.optional().describe('9 cancels an unpaid order; an order becomes paid (1) only through its payment'),
});

export const orderIdBody = body({ id });

/** A saga's gid, as the gateway makes them (letters, digits, `_`, `-`). */
const gid = text(128).regex(/^[\w-]+$/, { error: 'must be a gid (letters, digits, _ or -)' });

/** An order named by its id or by the gid of the saga that created it. */
export const orderLookupBody = body({ id: id.optional(), gid: gid.optional() })
  .refine((value) => (value.id === undefined) !== (value.gid === undefined), { error: 'give either id or gid' })
  // The refinement, as JSON Schema can say it.
  .meta({ oneOf: [{ required: ['id'] }, { required: ['gid'] }] });

export const orderListBody = body({
  uid: claimedUid,
  page: id.optional().describe('1 when absent'),
  pageSize: integer(1, 1000).optional().describe('100 when absent'),
});

export const orderReply = z.object({
  id,
  uid: id,
  pid: id,
  amount: uint32.describe("the product's price × num, when ordered"),
  status: uint8.describe('0 unpaid, 1 paid, 9 cancelled'),
  num: uint32,
  gid: z.string().describe('the gid of the saga that created the order (empty for an order stored without one)'),
});

export const orderListReply = z.array(orderReply);

/** 202: the saga is under way; the order is read by this gid through /api/order/detail. */
export const orderAcceptedReply = z.object({ gid: z.string() });

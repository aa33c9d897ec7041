import { body, id, integer, text, uint32, uint8 } from './fields.js';

export const orderCreateBody = body({
  uid: id.optional(),
  pid: id,
  // Accepted for go-zero-mall's clients and ignored: the price comes from the product, a new order is unpaid.
  amount: uint32.optional(),
  status: uint8.optional(),
  num: integer(1, 1000).optional(),
});

export const orderUpdateBody = body({
  id,
  uid: id.optional(),
  pid: id.optional(),
  amount: uint32.optional(),
  status: uint8.optional(),
});

export const orderIdBody = body({ id });

/** A saga's gid, as the gateway makes them (letters, digits, `_`, `-`). */
const gid = text(128).regex(/^[\w-]+$/, { error: 'must be a gid (letters, digits, _ or -)' });

/** An order named by its id or by the gid of the saga that created it. */
export const orderLookupBody = body({ id: id.optional(), gid: gid.optional() }).refine(
  (value) => (value.id === undefined) !== (value.gid === undefined),
  { error: 'give either id or gid' },
);

export const orderListBody = body({
  uid: id.optional(),
  page: id.optional(),
  pageSize: integer(1, 1000).optional(),
});

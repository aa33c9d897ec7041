import { body, id, integer, uint32, uint8 } from './fields.js';

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

export const orderListBody = body({
  uid: id.optional(),
  page: id.optional(),
  pageSize: integer(1, 1000).optional(),
});

import { z } from 'zod';
import { body, claimedUid, id, uint32, uint8 } from './fields.js';

export const payCreateBody = body({
  uid: claimedUid,
  oid: id,
  amount: uint32.describe("must equal the order's amount"),
});

export const payIdBody = body({ id });

const callback = <Uid extends z.ZodType>(uid: Uid) =>
  body({
    id,
    uid,
    oid: id,
    amount: uint32.describe("must equal the order's amount"),
    source: uint8.describe('the payment method'),
    status: uint8.describe('1 paid, 2 failed'),
  });

export const payCallbackBody = callback(claimedUid);

/** The provider's signed callback names the user itself: there is no signed-in user. */
export const signedPayCallbackBody = callback(id.describe('the user who paid'));

export const payReply = z.object({
  id,
  uid: id,
  oid: id,
  amount: uint32,
  source: uint8,
  status: uint8.describe('0 created, 1 paid, 2 failed'),
});

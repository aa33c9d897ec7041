import type { DetailResponse } from '@mall/proto/order';
import type { Reply } from '../schemas/fields.js';
import type { orderReply } from '../schemas/order.js';

/** An order as the API shows it: go-zero-mall's fields, plus the quantity and the saga's gid. */
export const orderJson = (order: DetailResponse): Reply<typeof orderReply> => ({
  id: order.id,
  uid: order.Uid,
  pid: order.Pid,
  amount: order.Amount,
  status: order.Status,
  num: order.Num,
  gid: order.Gid,
});

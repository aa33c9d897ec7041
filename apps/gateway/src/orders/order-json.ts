import type { DetailResponse } from '@mall/proto/order';

/** An order as the API shows it: go-zero-mall's fields, plus the quantity and the saga's gid. */
export const orderJson = (order: DetailResponse) => ({
  id: order.id,
  uid: order.Uid,
  pid: order.Pid,
  amount: order.Amount,
  status: order.Status,
  num: order.Num,
  gid: order.Gid,
});

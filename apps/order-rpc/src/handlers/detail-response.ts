import type { DetailResponse } from '@mall/proto/order';
import type { OrderRow } from '../repo/order-repo.js';

export function toDetailResponse(order: OrderRow): DetailResponse {
  return {
    id: order.id,
    Uid: order.uid,
    Pid: order.pid,
    Amount: order.amount,
    Status: BigInt(order.status),
    Gid: order.gid ?? '',
    Num: BigInt(order.num),
  };
}

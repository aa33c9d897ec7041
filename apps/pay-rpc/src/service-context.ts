import type { DetailRequest, DetailResponse, PaidRequest, PaidResponse } from '@mall/proto/order';
import type { PayRepo } from './repo/pay-repo.js';

/** What pay-rpc needs from order-rpc. */
export interface Orders {
  detail(request: DetailRequest): Promise<DetailResponse>;
  paid(request: PaidRequest): Promise<PaidResponse>;
}

/** Everything the handlers use, built once in main. */
export interface ServiceContext {
  payments: PayRepo;
  orders: Orders;
}

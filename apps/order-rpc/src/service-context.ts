import type { Metadata } from '@grpc/grpc-js';
import type { Pool } from '@mall/db';
import type {
  DecrStockRequest,
  DecrStockResponse,
  DetailRequest as ProductDetailRequest,
  DetailResponse as ProductDetailResponse,
} from '@mall/proto/product';
import type { UserInfoRequest, UserInfoResponse } from '@mall/proto/user';
import type { OrderRepo } from './repo/order-repo.js';

/** What order-rpc needs from user-rpc. */
export interface Users {
  userInfo(request: UserInfoRequest): Promise<UserInfoResponse>;
}

/** What order-rpc needs from product-rpc: the price, and the stock of a cancelled order back. */
export interface Products {
  detail(request: ProductDetailRequest): Promise<ProductDetailResponse>;
  decrStockRevert(request: DecrStockRequest, metadata?: Metadata): Promise<DecrStockResponse>;
}

/** Everything the handlers use, built once in main. */
export interface ServiceContext {
  /** For the saga branches' local transactions (barrier rows and order writes together). */
  pool: Pool;
  /** DTM's barrier table, `table` or `schema.table`. */
  barrierTable: string;
  orders: OrderRepo;
  users: Users;
  products: Products;
}

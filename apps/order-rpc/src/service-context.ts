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

/** What order-rpc needs from product-rpc. */
export interface Products {
  detail(request: ProductDetailRequest): Promise<ProductDetailResponse>;
  decrStock(request: DecrStockRequest): Promise<DecrStockResponse>;
  decrStockRevert(request: DecrStockRequest): Promise<DecrStockResponse>;
}

/** Everything the handlers use, built once in main. */
export interface ServiceContext {
  orders: OrderRepo;
  users: Users;
  products: Products;
}

import type { OrderService } from '@mall/proto/order';
import type { PayService } from '@mall/proto/pay';
import type { ProductService } from '@mall/proto/product';
import type { UserService } from '@mall/proto/user';
import type { RpcClient } from '@mall/rpc';

// Only the methods the gateway calls, so test fakes implement no more than that.
export type UserClient = Pick<RpcClient<typeof UserService>, 'register' | 'login' | 'userInfo'>;
export type ProductClient = Pick<RpcClient<typeof ProductService>, 'create' | 'update' | 'remove' | 'detail'>;
export type OrderClient = Pick<RpcClient<typeof OrderService>, 'update' | 'remove' | 'detail' | 'list'>;
export type PayClient = Pick<RpcClient<typeof PayService>, 'create' | 'detail' | 'callback'>;

export interface Clients {
  user: UserClient;
  product: ProductClient;
  order: OrderClient;
  pay: PayClient;
}

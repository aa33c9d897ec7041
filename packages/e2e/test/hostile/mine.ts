import { expect } from 'vitest';
import { createProduct, orderDetail, placeOrder, post, signUp, type TestUser } from '../http.js';
import type { Mine } from './routes.js';

/** A user with one of everything: a product, an unpaid order of it, and a payment waiting for it. */
export async function signUpWithThings(name: string): Promise<{ user: TestUser; mine: Mine }> {
  const user = await signUp(name);
  const productId = await createProduct(user, { stock: 1000, amount: 7 });
  const orderId = await placeOrder(user, productId, 2);
  const order = await orderDetail(user, orderId);
  const pay = await post<{ id: number }>('/api/pay/create', { oid: orderId, amount: order.amount }, user.token);
  expect(pay.status, pay.text).toBe(200);
  return {
    user,
    mine: {
      uid: user.id,
      mobile: user.mobile,
      productId,
      orderId,
      orderGid: order.gid,
      payId: pay.body.id,
      payAmount: order.amount,
    },
  };
}

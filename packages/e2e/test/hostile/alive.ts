import { expect, inject } from 'vitest';
import { post, type TestUser } from '../http.js';
import type { Mine } from './routes.js';
import '../provided-context.js';

/**
 * After a hostile run, every process still serves: the gateway and DTM answer their health checks,
 * and one read through each of the four services gets the fuzzing user's own things back.
 */
export async function expectMallAlive(user: TestUser, mine: Mine): Promise<void> {
  expect((await fetch(`${inject('gatewayUrl')}/healthz`)).status).toBe(200);
  expect((await fetch(`${inject('dtmHttpUrl')}/api/ping`)).status).toBe(200);
  const reads: [string, unknown][] = [
    ['/api/user/userinfo', undefined],
    ['/api/product/detail', { id: mine.productId }],
    ['/api/order/detail', { id: mine.orderId }],
    ['/api/pay/detail', { id: mine.payId }],
  ];
  for (const [path, body] of reads) {
    const reply = await post(path, body, user.token);
    expect(reply.status, `${path} after the hostile run: ${reply.text}`).toBe(200);
  }
}

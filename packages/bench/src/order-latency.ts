#!/usr/bin/env node
// Time from POST /api/order/create to its answer, over sequential orders on a running mall
// (`pnpm mall`). Sends traffic to GATEWAY_URL only (default http://127.0.0.1:8888); bounded by
// ORDERS (default 100, at most 10,000).
import { randomInt } from 'node:crypto';
import { loadOrderLatencyConfig } from './order-latency/config.js';
import { ms, percentile } from './stats.js';

let config;
try {
  config = loadOrderLatencyConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const { GATEWAY_URL: gateway, ORDERS: orders } = config;

async function post<T>(path: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(gateway + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function expectOk<T>(path: string, body: unknown, token?: string): Promise<T> {
  const reply = await post<T>(path, body, token);
  if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const mobile = `1${randomInt(10 ** 9, 10 ** 10 - 1)}`;
await expectOk('/api/user/register', { name: 'bench', gender: 1, mobile, password: 'bench-password' });
const { accessToken } = await expectOk<{ accessToken: string }>('/api/user/login', {
  mobile,
  password: 'bench-password',
});
const { id: pid } = await expectOk<{ id: number }>(
  '/api/product/create',
  { name: 'bench', desc: '', stock: orders, amount: 1, status: 0 },
  accessToken,
);

const samples: number[] = [];
let failures = 0;
for (let i = 0; i < orders; i++) {
  const started = performance.now();
  const reply = await post('/api/order/create', { pid }, accessToken);
  samples.push(performance.now() - started);
  if (reply.status !== 200) failures += 1;
}
samples.sort((a, b) => a - b);
console.log(
  `order-latency: ${orders} sequential orders on ${gateway}: median ${ms(percentile(samples, 0.5))}, ` +
    `p95 ${ms(percentile(samples, 0.95))}, min ${ms(samples[0]!)}, max ${ms(samples.at(-1)!)}, failures ${failures}`,
);
process.exit(failures === 0 ? 0 : 1);

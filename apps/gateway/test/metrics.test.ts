import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsRegistry, parseExposition, sumSamples, type Registry } from '@mall/metrics';
import { AppError } from '@mall/rpc';
import { UNMATCHED } from '../src/middleware/request-metrics.js';
import { startGateway, type TestGateway } from './support/gateway.js';

let registry: Registry;
let gateway: TestGateway;
let token: string;
beforeAll(async () => {
  registry = createMetricsRegistry();
  gateway = await startGateway({ registry });
  token = await gateway.tokenFor(1);
});
afterAll(() => gateway.close());

const scrape = async () => parseExposition(await registry.metrics());
const requests = (text: Awaited<ReturnType<typeof scrape>>, labels: Record<string, string>) =>
  sumSamples(text, 'http_server_requests_code_total', labels);

describe('HTTP request metrics', () => {
  it('labels a request by its route template and method, with the final status', async () => {
    await gateway.post('/api/user/register', { name: 'n', gender: 1, mobile: '13800000001', password: 'secret1' });
    await gateway.post('/api/user/login', { mobile: '13800000001', password: 'secret1' });
    await gateway.post('/api/user/login', { mobile: '13800000001', password: 'wrong' });
    await gateway.post('/api/order/detail', { id: 1 });

    const text = await scrape();
    expect(requests(text, { path: '/api/user/login', method: 'POST', code: '200' })).toBe(1);
    expect(requests(text, { path: '/api/user/login', method: 'POST', code: '401' })).toBe(1);
    expect(requests(text, { path: '/api/order/detail', method: 'POST', code: '401' })).toBe(1);
    expect(
      sumSamples(text, 'http_server_requests_duration_ms_count', { path: '/api/user/login', method: 'POST' }),
    ).toBe(2);
  });

  it('gives every path no route knows one label, never the raw URL, and keeps the template on a 405', async () => {
    for (const path of ['/api/user/nope', '/wp-login.php?x=1', '/api/order/12345']) {
      await fetch(gateway.url + path, { method: 'POST' });
    }
    await fetch(`${gateway.url}/api/user/login`);

    const text = await scrape();
    expect(requests(text, { path: UNMATCHED, method: 'POST', code: '404' })).toBe(3);
    expect(requests(text, { path: '/api/user/login', method: 'GET', code: '405' })).toBe(1);
    const paths = new Set(
      text.samples.filter((sample) => sample.name === 'http_server_requests_code_total').map((s) => s.labels.path),
    );
    for (const path of paths) expect(path === UNMATCHED || path!.startsWith('/api/') || path === '/healthz').toBe(true);
    expect([...paths].some((path) => path!.includes('nope') || path!.includes('wp-login'))).toBe(false);
  });
});

describe('order placement counter', () => {
  it('counts created, aborted, pending and unavailable placements, and never a gid', async () => {
    const product = await gateway.post(
      '/api/product/create',
      { name: 'pear', desc: '', stock: 10, amount: 7, status: 0 },
      { token },
    );
    const { id: pid } = (await product.json()) as { id: number };
    const before = await scrape();
    const placed = (text: Awaited<ReturnType<typeof scrape>>, outcome: string) =>
      sumSamples(text, 'mall_order_create_total', { mode: 'saga', outcome }) -
      sumSamples(before, 'mall_order_create_total', { mode: 'saga', outcome });

    expect((await gateway.post('/api/order/create', { pid, num: 1 }, { token })).status).toBe(200);
    gateway.fakes.nextPlacement = { kind: 'rolled-back', reason: 'insufficient stock' };
    expect((await gateway.post('/api/order/create', { pid, num: 1 }, { token })).status).toBe(409);
    gateway.fakes.nextPlacement = { kind: 'unfinished' };
    expect((await gateway.post('/api/order/create', { pid, num: 1 }, { token })).status).toBe(202);
    gateway.fakes.nextPlacement = new AppError('UNAVAILABLE', 'DTM: no instances');
    expect((await gateway.post('/api/order/create', { pid, num: 1 }, { token })).status).toBe(503);

    const after = await scrape();
    expect(['created', 'aborted', 'pending', 'unavailable'].map((outcome) => placed(after, outcome))).toEqual([
      1, 1, 1, 1,
    ]);
    const labels = after.samples.filter((sample) => sample.name === 'mall_order_create_total').map((s) => s.labels);
    for (const set of labels) expect(Object.keys(set).sort()).toEqual(['mode', 'outcome']);
  });
});

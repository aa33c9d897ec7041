import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHttpRequestMetrics,
  createMetricsRegistry,
  createRpcCallMetrics,
  parseExposition,
  serveMetrics,
  sumSamples,
  type MetricsServer,
  type Registry,
} from '../src/index.js';

const scrape = async (registry: Registry) => parseExposition(await registry.metrics());

describe('a registry per app', () => {
  it('carries the process families, and two registries do not share samples', async () => {
    const first = createMetricsRegistry();
    const second = createMetricsRegistry();
    createRpcCallMetrics(first, 'server').observe('/user.User/Login', 'OK', 3);

    const families = (await scrape(first)).families;
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_gc_duration_seconds',
    ]) {
      expect(families.has(name), name).toBe(true);
    }
    expect((await scrape(second)).families.has('rpc_server_requests_code_total')).toBe(false);
  });
});

describe('request families', () => {
  it("counts gRPC calls by method and code under go-zero's names, with its buckets", async () => {
    const registry = createMetricsRegistry();
    const server = createRpcCallMetrics(registry, 'server');
    server.observe('/user.User/Login', 'OK', 3);
    server.observe('/user.User/Login', 'OK', 40);
    server.observe('/user.User/Login', 'UNAUTHENTICATED', 7);
    createRpcCallMetrics(registry, 'client').observe('/product.Product/Detail', 'NOT_FOUND', 600);

    const text = await scrape(registry);
    expect(text.families.get('rpc_server_requests_duration_ms')).toBe('histogram');
    expect(text.families.get('rpc_server_requests_code_total')).toBe('counter');
    expect(sumSamples(text, 'rpc_server_requests_code_total', { method: '/user.User/Login', code: 'OK' })).toBe(2);
    expect(sumSamples(text, 'rpc_server_requests_code_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(sumSamples(text, 'rpc_server_requests_duration_ms_count', { method: '/user.User/Login' })).toBe(3);
    expect(sumSamples(text, 'rpc_server_requests_duration_ms_sum', { method: '/user.User/Login' })).toBe(50);
    const buckets = text.samples
      .filter((sample) => sample.name === 'rpc_server_requests_duration_ms_bucket')
      .map((sample) => [sample.labels.le, sample.value]);
    expect(buckets).toEqual([
      ['5', 1],
      ['10', 2],
      ['25', 2],
      ['50', 3],
      ['100', 3],
      ['250', 3],
      ['500', 3],
      ['1000', 3],
      ['+Inf', 3],
    ]);
    expect(
      sumSamples(text, 'rpc_client_requests_code_total', { method: '/product.Product/Detail', code: 'NOT_FOUND' }),
    ).toBe(1);
  });

  it('counts HTTP requests by route template, method and status', async () => {
    const registry = createMetricsRegistry();
    const http = createHttpRequestMetrics(registry);
    http.observe('/api/user/login', 'POST', 200, 12);
    http.observe('/api/user/login', 'POST', 401, 2);
    http.observe('unmatched', 'GET', 404, 1);

    const text = await scrape(registry);
    expect(sumSamples(text, 'http_server_requests_code_total', { path: '/api/user/login', method: 'POST' })).toBe(2);
    expect(sumSamples(text, 'http_server_requests_code_total', { code: '401' })).toBe(1);
    expect(sumSamples(text, 'http_server_requests_duration_ms_count', { path: 'unmatched', method: 'GET' })).toBe(1);
  });
});

describe('the metrics listener', () => {
  let registry: Registry;
  let server: MetricsServer;
  beforeAll(async () => {
    registry = createMetricsRegistry();
    createRpcCallMetrics(registry, 'server').observe('/pay.Pay/Create', 'OK', 1);
    server = await serveMetrics(registry, { host: '127.0.0.1', port: 0 });
  });
  afterAll(() => server.close());

  it('answers GET /metrics in the text format, and 404 elsewhere', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = parseExposition(await response.text());
    expect(sumSamples(text, 'rpc_server_requests_code_total', { method: '/pay.Pay/Create' })).toBe(1);
    expect(text.families.has('process_cpu_seconds_total')).toBe(true);

    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});

describe('reading the text format', () => {
  it('reads label values with escapes, and sums only the samples that match', () => {
    const text = parseExposition(
      [
        '# HELP a_total Things.',
        '# TYPE a_total counter',
        'a_total{kind="quote\\"d",path="x\\\\y"} 2',
        'a_total{kind="plain"} 3',
        'b 1.5',
      ].join('\n'),
    );
    expect(text.families.get('a_total')).toBe('counter');
    expect(text.samples[0]!.labels).toEqual({ kind: 'quote"d', path: 'x\\y' });
    expect(sumSamples(text, 'a_total')).toBe(5);
    expect(sumSamples(text, 'a_total', { kind: 'plain' })).toBe(3);
    expect(sumSamples(text, 'b')).toBe(1.5);
    expect(sumSamples(text, 'missing')).toBe(0);
  });
});

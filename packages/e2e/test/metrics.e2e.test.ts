// Every app's Prometheus endpoint on the real stack: it answers, its counters move with traffic under the
// right labels, and the Grafana dashboards query only metrics the apps export.
import { describe, expect, inject, it } from 'vitest';
import { parseExposition, sumSamples, type Exposition } from '@mall/metrics';
import type { AppName } from '@mall/stack';
import { createProduct, post, signUp } from './http.js';
import { dashboardQueries, exports, metricNames } from './promql.js';

const APPS: AppName[] = ['gateway', 'user-rpc', 'product-rpc', 'order-rpc', 'pay-rpc', 'dtm'];

async function scrape(app: AppName): Promise<Exposition> {
  const response = await fetch(inject('metricsUrls')[app]);
  expect(response.status, app).toBe(200);
  expect(response.headers.get('content-type'), app).toContain('text/plain');
  return parseExposition(await response.text());
}

const scrapeAll = async () =>
  Object.fromEntries(await Promise.all(APPS.map(async (app) => [app, await scrape(app)] as const))) as Record<
    AppName,
    Exposition
  >;

describe('metrics of every app', () => {
  it('answers on every app, with the process families', async () => {
    const scrapes = await scrapeAll();
    for (const app of APPS) {
      for (const name of [
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_p99_seconds',
      ]) {
        expect(scrapes[app].families.has(name), `${app} ${name}`).toBe(true);
      }
    }
    expect(inject('metricsUrls').dtm).toBe(`${inject('dtmHttpUrl')}/api/metrics`);
  });

  it('moves with traffic: sign-up, an order saga that commits, one that rolls back, a payment', async () => {
    const before = await scrapeAll();
    const moved = (after: Record<AppName, Exposition>, app: AppName, name: string, labels: Record<string, string>) =>
      sumSamples(after[app], name, labels) - sumSamples(before[app], name, labels);

    const user = await signUp('metrics');
    const pid = await createProduct(user, { stock: 1, amount: 5 });
    const created = await post<{ id: number }>('/api/order/create', { pid, num: 1 }, user.token);
    expect(created.status, created.text).toBe(200);
    const rolledBack = await post('/api/order/create', { pid, num: 1 }, user.token);
    expect(rolledBack.status, rolledBack.text).toBe(409);
    const paid = await post('/api/pay/create', { oid: created.body.id, amount: 5 }, user.token);
    expect(paid.status, paid.text).toBe(200);
    await fetch(`${inject('gatewayUrl')}/api/user/login/../../../etc/passwd`, { method: 'POST' });

    const after = await scrapeAll();
    const http = (path: string, code: string) =>
      moved(after, 'gateway', 'http_server_requests_code_total', { path, method: 'POST', code });
    // Only this file drives the gateway while it runs: its own counts are exact.
    expect(http('/api/user/register', '200')).toBe(1);
    expect(http('/api/user/login', '200')).toBe(1);
    expect(http('/api/order/create', '200')).toBe(1);
    expect(http('/api/order/create', '409')).toBe(1);
    expect(http('/api/pay/create', '200')).toBe(1);
    expect(moved(after, 'gateway', 'http_server_requests_duration_ms_count', { path: '/api/order/create' })).toBe(2);
    const paths = after.gateway.samples
      .filter((sample) => sample.name === 'http_server_requests_code_total')
      .map((sample) => sample.labels.path!);
    expect(new Set(paths.filter((path) => !path.startsWith('/api/') && path !== '/healthz'))).toEqual(
      new Set(['unmatched']),
    );
    expect(moved(after, 'gateway', 'mall_order_create_total', { mode: 'saga', outcome: 'created' })).toBe(1);
    expect(moved(after, 'gateway', 'mall_order_create_total', { mode: 'saga', outcome: 'aborted' })).toBe(1);
    expect(
      moved(after, 'gateway', 'rpc_client_requests_code_total', { method: '/user.User/Register', code: 'OK' }),
    ).toBe(1);
    expect(moved(after, 'gateway', 'rpc_client_requests_code_total', { method: '/order.Order/Detail' })).toBe(1);

    // The services also serve DTM's branch calls and retries left over from other files: at least.
    const served = (app: AppName, method: string, code: string) =>
      moved(after, app, 'rpc_server_requests_code_total', { method, code });
    expect(served('user-rpc', '/user.User/Register', 'OK')).toBe(1);
    expect(served('user-rpc', '/user.User/Login', 'OK')).toBe(1);
    expect(served('product-rpc', '/product.Product/Create', 'OK')).toBe(1);
    expect(served('product-rpc', '/product.Product/DecrStock', 'OK')).toBeGreaterThanOrEqual(1);
    expect(served('product-rpc', '/product.Product/DecrStock', 'ABORTED')).toBeGreaterThanOrEqual(1);
    expect(served('order-rpc', '/order.Order/Create', 'OK')).toBeGreaterThanOrEqual(2);
    expect(served('order-rpc', '/order.Order/CreateRevert', 'OK')).toBeGreaterThanOrEqual(1);
    expect(served('pay-rpc', '/pay.Pay/Create', 'OK')).toBe(1);
    expect(
      moved(after, 'order-rpc', 'rpc_client_requests_code_total', { method: '/user.User/UserInfo', code: 'OK' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      moved(after, 'pay-rpc', 'rpc_client_requests_code_total', { method: '/order.Order/Detail', code: 'OK' }),
    ).toBe(1);
    expect(
      moved(after, 'order-rpc', 'rpc_server_requests_duration_ms_count', { method: '/order.Order/Create' }),
    ).toBeGreaterThanOrEqual(2);

    // DTM: the gateway submits over gRPC; one saga succeeded, one was rolled back.
    expect(moved(after, 'dtm', 'dtm_server_process_total', { type: 'grpc', api: 'submit', status: 'ok' })).toBe(1);
    expect(moved(after, 'dtm', 'dtm_server_process_total', { type: 'grpc', api: 'submit', status: 'fail' })).toBe(1);
    expect(
      moved(after, 'dtm', 'dtm_transaction_process_total', { model: 'saga', status: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      moved(after, 'dtm', 'dtm_transaction_process_total', { model: 'saga', status: 'fail' }),
    ).toBeGreaterThanOrEqual(1);
    expect(moved(after, 'dtm', 'dtm_transaction_handled_duration_count', { model: 'saga' })).toBeGreaterThanOrEqual(2);
    expect(
      moved(after, 'dtm', 'dtm_branch_process_total', {
        model: 'saga',
        branchid: '02',
        branchtype: 'action',
        status: 'fail',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      moved(after, 'dtm', 'dtm_branch_process_total', { model: 'saga', branchtype: 'compensate', status: 'ok' }),
    ).toBeGreaterThanOrEqual(2);

    // Never a user, an order or a saga in a label.
    const gid = created.headers.get('x-order-gid')!;
    for (const app of APPS) {
      for (const sample of after[app].samples) {
        expect(Object.keys(sample.labels), `${app} ${sample.name}`).not.toContain('gid');
        expect(Object.values(sample.labels).join(' '), `${app} ${sample.name}`).not.toContain(gid);
      }
    }
  });

  it('exports every metric the Grafana dashboards query', async () => {
    const scrapes = await scrapeAll();
    const queries = await dashboardQueries(new URL('../../../deploy/grafana/dashboards/', import.meta.url));
    expect(queries.length).toBeGreaterThan(20);
    const missing = queries.flatMap(({ where, expression }) =>
      metricNames(expression)
        .filter((name) => !APPS.some((app) => exports(scrapes[app], name)))
        .map((name) => `${where}: ${name}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('reading dashboard queries', () => {
  it('finds the metric names, not functions, labels, ranges or variables', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, path) (rate(http_server_requests_duration_ms_bucket{app="gateway", code=~"4..|5.."}[$__rate_interval])))',
      ),
    ).toEqual(['http_server_requests_duration_ms_bucket']);
    expect(metricNames('label_values(process_cpu_seconds_total, app)')).toEqual(['process_cpu_seconds_total']);
    expect(metricNames('a_total / on (app) b_total unless c')).toEqual(['a_total', 'b_total', 'c']);
  });
});

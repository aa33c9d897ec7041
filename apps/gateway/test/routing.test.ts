import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support/gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

describe('routing', () => {
  it('answers GET /healthz with {status:"ok"}', async () => {
    const response = await fetch(`${gateway.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers an unknown path with 404 JSON, whatever the method', async () => {
    for (const method of ['POST', 'GET', 'DELETE']) {
      const response = await fetch(`${gateway.url}/api/user/nope`, { method });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ code: 'NOT_FOUND', message: 'no such route' });
    }
  });

  it('does not check the token before knowing the route exists', async () => {
    const response = await gateway.post('/api/order/nope', {});
    expect(response.status).toBe(404);
  });

  it('answers a known path with the wrong method with 405, an Allow header and JSON', async () => {
    for (const [method, path] of [
      ['GET', '/api/user/login'],
      ['PUT', '/api/order/create'],
      ['DELETE', '/api/pay/detail'],
    ] as const) {
      const response = await fetch(gateway.url + path, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(await response.json()).toEqual({ code: 'METHOD_NOT_ALLOWED', message: 'use POST' });
    }
  });

  it('serves all 15 go-zero-mall routes with POST', async () => {
    const routes = [
      '/api/user/register',
      '/api/user/login',
      '/api/user/userinfo',
      ...['create', 'update', 'remove', 'detail'].map((name) => `/api/product/${name}`),
      ...['create', 'update', 'remove', 'detail', 'list'].map((name) => `/api/order/${name}`),
      ...['create', 'detail', 'callback'].map((name) => `/api/pay/${name}`),
    ];
    expect(routes).toHaveLength(15);
    for (const path of routes) {
      const response = await gateway.post(path);
      // No token and no body: never a missing route, always a JSON answer from the route itself.
      expect([400, 401]).toContain(response.status);
      expect(await response.json()).toHaveProperty('code');
    }
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await fetch(`${gateway.url}/healthz`, { headers: { 'X-Request-Id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const junk = await fetch(`${gateway.url}/healthz`, { headers: { 'X-Request-Id': 'a b<script>' } });
    expect(junk.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const error = await gateway.post('/nope', undefined, { headers: { 'X-Request-Id': 'err-1' } });
    expect(error.status).toBe(404);
    expect(error.headers.get('x-request-id')).toBe('err-1');
  });
});

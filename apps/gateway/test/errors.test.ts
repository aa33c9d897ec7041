import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@mall/logger';
import { ProductService } from '@mall/proto/product';
import { AppError, createRpcClient, type ErrorCode } from '@mall/rpc';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toHttpFailure } from '../src/http-errors.js';
import { startGateway, type TestGateway } from './support/gateway.js';

let failure: Error | undefined;
let answer: unknown;
let gateway: TestGateway;
let token: string;
const logger = createLogger('gateway-test', 'info');
const logged = vi.fn();

beforeAll(async () => {
  vi.spyOn(logger, 'child').mockReturnValue(logger as never);
  vi.spyOn(logger, 'error').mockImplementation(logged);
  vi.spyOn(logger, 'warn').mockImplementation(logged);
  vi.spyOn(logger, 'info').mockImplementation(() => undefined);
  gateway = await startGateway({
    logger,
    clients: {
      product: {
        create: () => Promise.reject(new Error('unused')),
        update: () => Promise.reject(new Error('unused')),
        remove: () => Promise.reject(new Error('unused')),
        detail: () =>
          Promise.resolve().then(() => {
            if (failure) throw failure;
            return answer as never;
          }),
      },
    },
  });
  token = await gateway.tokenFor(1);
});
afterAll(() => gateway.close());

const detail = async () => {
  const response = await gateway.post('/api/product/detail', { id: 1 }, { token });
  return { status: response.status, body: await response.json() };
};

describe('service errors at the HTTP edge', () => {
  const table: [ErrorCode, number][] = [
    ['INVALID_ARGUMENT', 400],
    ['UNAUTHENTICATED', 401],
    ['PERMISSION_DENIED', 403],
    ['NOT_FOUND', 404],
    ['ALREADY_EXISTS', 409],
    ['FAILED_PRECONDITION', 409],
    ['ABORTED', 409],
  ];

  it.each(table)('%s becomes %i with the service message', async (code, status) => {
    failure = new AppError(code, 'product is sold out');
    expect(await detail()).toEqual({ status, body: { code, message: 'product is sold out' } });
  });

  it.each(['UNAVAILABLE', 'DEADLINE_EXCEEDED'] as const)(
    '%s becomes 503 with a generic message, logged',
    async (code) => {
      logged.mockClear();
      failure = new AppError(code, 'etcd:///product.rpc is unavailable: no instance registered');
      expect(await detail()).toEqual({ status: 503, body: { code, message: 'service unavailable, try again' } });
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: failure }), 'upstream unavailable');
    },
  );

  it('answers INTERNAL and any other error with a bland 500; the detail goes only to the log', async () => {
    for (const error of [
      new AppError('INTERNAL', 'etcd:///product.rpc failed'),
      new Error("ER_NO_SUCH_TABLE: Table 'mall.product' doesn't exist\n    at Query.execute (mysql2/query.js:1:1)"),
      Object.assign(new Error('looks like an AppError'), { code: 'NOT_FOUND' }),
    ]) {
      logged.mockClear();
      failure = error;
      const result = await detail();
      expect(result).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'internal error' } });
      expect(JSON.stringify(result)).not.toMatch(/ER_NO_SUCH|mysql2|etcd/);
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: error }), 'request failed');
    }
  });

  it('marks every answer, success or error, as not to be content-sniffed', async () => {
    failure = new AppError('NOT_FOUND', 'product not found');
    const refused = await gateway.post('/api/product/detail', { id: 1 }, { token });
    const unknownRoute = await gateway.post('/nowhere', {});
    failure = undefined;
    answer = { id: 1n, Name: 'n', Desc: '', Stock: 0n, Amount: 0n, Status: 0n, Uid: 1n };
    const served = await gateway.post('/api/product/detail', { id: 1 }, { token });
    for (const response of [refused, unknownRoute, served]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(served.status).toBe(200);
  });

  it('refuses to answer an int64 JSON cannot carry exactly', async () => {
    failure = undefined;
    answer = { id: 2n ** 53n + 1n, Name: 'x', Desc: '', Stock: 0n, Amount: 0n, Status: 0n, Uid: 1n };
    expect(await detail()).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'internal error' } });
    answer = { ...(answer as object), id: 2n ** 53n - 1n };
    expect(await detail()).toMatchObject({ status: 200, body: { id: Number.MAX_SAFE_INTEGER } });
  });

  it('maps gateway-only HTTP errors and unknown values in one table', () => {
    expect(toHttpFailure(new AppError('NOT_FOUND', 'x'))).toEqual({
      status: 404,
      body: { code: 'NOT_FOUND', message: 'x' },
      hidden: false,
    });
    expect(toHttpFailure(undefined)).toMatchObject({ status: 500, hidden: true });
    expect(toHttpFailure({ code: 'NOT_FOUND', message: 'duck-typed' })).toMatchObject({ status: 500 });
  });
});

describe('a real rpc client whose service is down', () => {
  let down: TestGateway;
  let closedPort: number;

  beforeAll(async () => {
    const probe: Server = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const product = createRpcClient(ProductService, `127.0.0.1:${closedPort}`, {
      app: 'gateway',
      token: 'rpc-token-0123456789',
      deadlineMs: 1_000,
    });
    down = await startGateway({ clients: { product } });
  });
  afterAll(() => down.close());

  it('answers 503 without naming the target', async () => {
    const response = await down.post('/api/product/detail', { id: 1 }, { token: await down.tokenFor(1) });
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ message: 'service unavailable, try again' });
    expect(['UNAVAILABLE', 'DEADLINE_EXCEEDED']).toContain((JSON.parse(body) as { code: string }).code);
    expect(body).not.toContain(String(closedPort));
  });
});

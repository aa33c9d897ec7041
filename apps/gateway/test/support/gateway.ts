import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '@mall/logger';
import { createHttpRequestMetrics, type Registry } from '@mall/metrics';
import { createApp } from '../../src/app.js';
import type { Clients } from '../../src/clients.js';
import { createJwt, type Jwt } from '../../src/jwt.js';
import { countedOrderSagas } from '../../src/orders/counted-order-sagas.js';
import { createRequestContext, type RequestContext } from '../../src/request-context.js';
import { createFakes, type Fakes } from './fakes.js';

export const SECRET = 'test-secret-0123456789abcdef';
export const TTL = 86_400;

export interface TestGateway {
  url: string;
  fakes: Fakes;
  jwt: Jwt;
  logger: Logger;
  requestContext: RequestContext;
  /** A valid token for `uid`, signed as login would. */
  tokenFor(uid: number | bigint): Promise<string>;
  /** POST `json` (serialized unless already a string) as application/json, with `Authorization: Bearer <token>` when given. */
  post(path: string, json?: unknown, options?: { token?: string; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  clients?: Partial<Clients>;
  now?: () => number;
  logger?: Logger;
  payCallbackSecret?: string;
  faultInjection?: boolean;
  /** Measure requests and order placements into this registry, as `main` does. */
  registry?: Registry;
}

/** The real app over real HTTP on a free port, with in-memory rpc clients. */
export async function startGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const fakes = createFakes();
  const logger = options.logger ?? createLogger('gateway-test', 'silent');
  const jwt = createJwt({ secret: SECRET, ttlSeconds: TTL, ...(options.now ? { now: options.now } : {}) });
  const requestContext = createRequestContext();
  const app = createApp({
    logger,
    jwt,
    clients: { ...fakes.clients, ...options.clients },
    orderSagas: options.registry ? countedOrderSagas(fakes.sagas, options.registry, 'saga') : fakes.sagas,
    requestContext,
    faultInjection: options.faultInjection,
    payCallbackSecret: options.payCallbackSecret,
    httpMetrics: options.registry ? createHttpRequestMetrics(options.registry) : undefined,
  });
  const callback = app.callback();
  const server: Server = createServer((request, response) => void callback(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    fakes,
    jwt,
    logger,
    requestContext,
    tokenFor: async (uid) => (await jwt.sign(BigInt(uid))).accessToken,
    post: (path, json, { token, headers = {} } = {}) =>
      fetch(url + path, {
        method: 'POST',
        headers: {
          ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(json === undefined ? {} : { body: typeof json === 'string' ? json : JSON.stringify(json) }),
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

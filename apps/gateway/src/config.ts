import { z } from 'zod';
import { env, loadConfig } from '@mall/config';

const extraPorts = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.coerce.number<string>().int().min(1).max(65535)))
  .default([]);

const rpcTarget = (key: string) => z.string().min(1).default(`etcd:///${key}`);

const schema = z.object({
  PORT: env.port(8888),
  LISTEN_HOST: z.string().min(1).default('0.0.0.0'),
  /** Prometheus `/metrics` on its own listener (go-zero-mall's 9080); `off` for none. */
  METRICS_PORT: env.metricsPort(9080),
  /** More ports serving the same app, e.g. `8000,8001,8002,8003` for the tutorial's Postman collection. */
  ALSO_LISTEN_PORTS: extraPorts,
  ETCD_ENDPOINTS: env.etcdEndpoints,
  JWT_SECRET: env.secret('HS256 key for access tokens'),
  JWT_TTL_SECONDS: z.coerce.number().int().min(1).max(31_536_000).default(86_400),
  RPC_APP: z.string().min(1).default('gateway'),
  RPC_TOKEN: env.secret('the token the rpc services accept for RPC_APP'),
  RPC_DEADLINE_MS: env.milliseconds(2_000),
  USER_RPC_TARGET: rpcTarget('user.rpc'),
  PRODUCT_RPC_TARGET: rpcTarget('product.rpc'),
  ORDER_RPC_TARGET: rpcTarget('order.rpc'),
  PAY_RPC_TARGET: rpcTarget('pay.rpc'),
  /** The DTM server's gRPC address; default `etcd://<ETCD_ENDPOINTS>/dtmservice`, as DTM's Go SDK spells it. */
  DTM_SERVER: z.string().min(1).optional(),
  /** How long `POST /api/order/create` waits for DTM to settle a saga (or to accept it with Prefer: respond-async). */
  DTM_SUBMIT_TIMEOUT_MS: env.milliseconds(10_000),
  /** What DTM presents as app `dtm` on every branch call (branch_headers); order-rpc and product-rpc accept it. */
  DTM_BRANCH_TOKEN: env.secret('the token order-rpc and product-rpc accept for app dtm'),
  /** Where DTM calls the saga's branches; default `etcd://<ETCD_ENDPOINTS>/order.rpc` and `.../product.rpc`. */
  SAGA_ORDER_TARGET: z.string().min(1).optional(),
  SAGA_PRODUCT_TARGET: z.string().min(1).optional(),
  /**
   * How `POST /api/order/create` places an order. `saga` (default): as a saga on the DTM server.
   * `direct`: a benchmark baseline, never for production: the gateway calls order-rpc Create and
   * product-rpc DecrStock itself (see orders/direct-orders.ts). No coordinator, so it is not
   * crash-safe: a crash or timeout between the steps leaves them half done and nothing retries.
   */
  ORDER_CREATE_MODE: z.enum(['saga', 'direct'], { error: 'must be saga or direct' }).default('saga'),
  /** Tutorial switch: pass a request's `X-Mall-Fault` header on to the saga's branches. Never on in production. */
  FAULT_INJECTION: env.flag(false),
  /** When set, /api/pay/callback takes the payment provider's HMAC signature instead of a user's token. */
  PAY_CALLBACK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: env.logLevel,
  SHUTDOWN_GRACE_MS: env.milliseconds(5_000),
  ...env.tracing,
});

/** The etcd endpoints as a target's authority: `etcd://h1:2379,h2:2379/key`. */
const etcdTarget = (endpoints: string[], key: string) =>
  `etcd://${endpoints.map((endpoint) => new URL(endpoint).host).join(',')}/${key}`;

const withDtmDefaults = schema.transform(({ DTM_SERVER, SAGA_ORDER_TARGET, SAGA_PRODUCT_TARGET, ...config }) => ({
  ...config,
  DTM_SERVER: DTM_SERVER ?? etcdTarget(config.ETCD_ENDPOINTS, 'dtmservice'),
  SAGA_ORDER_TARGET: SAGA_ORDER_TARGET ?? etcdTarget(config.ETCD_ENDPOINTS, 'order.rpc'),
  SAGA_PRODUCT_TARGET: SAGA_PRODUCT_TARGET ?? etcdTarget(config.ETCD_ENDPOINTS, 'product.rpc'),
}));

export type GatewayConfig = z.output<typeof withDtmDefaults>;

export const loadGatewayConfig = (source: NodeJS.ProcessEnv = process.env): GatewayConfig =>
  loadConfig('gateway', withDtmDefaults, source);

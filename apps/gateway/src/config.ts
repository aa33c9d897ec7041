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
  /** When set, /api/pay/callback takes the payment provider's HMAC signature instead of a user's token. */
  PAY_CALLBACK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: env.logLevel,
  SHUTDOWN_GRACE_MS: env.milliseconds(5_000),
});

export type GatewayConfig = z.output<typeof schema>;

export const loadGatewayConfig = (source: NodeJS.ProcessEnv = process.env): GatewayConfig =>
  loadConfig('gateway', schema, source);

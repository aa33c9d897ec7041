import { z } from 'zod';
import { env } from '@mall/config';
import { parseTokenList } from '@mall/rpc';

const tokenList = z
  .string({ error: 'is required (app=token,… of the callers this service accepts)' })
  .transform((value, context) => {
    try {
      return parseTokenList(value);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

/**
 * What every gRPC app reads; apps extend it with their own variables. `defaultMetricsPort` is the
 * app's Prometheus listener, on LISTEN_HOST (go-zero-mall's 9090–9093).
 */
export const rpcAppSchema = (defaultPort: number, defaultMetricsPort: number) =>
  z.object({
    PORT: env.port(defaultPort),
    LISTEN_HOST: z.string().min(1).default('0.0.0.0'),
    METRICS_PORT: env.metricsPort(defaultMetricsPort),
    ADVERTISE_HOST: env.advertiseHost,
    MYSQL_URL: env.mysqlUrl,
    MYSQL_DATABASE: env.databaseName('mall'),
    MYSQL_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    ETCD_ENDPOINTS: env.etcdEndpoints,
    RPC_AUTH_TOKENS: tokenList,
    LOG_LEVEL: env.logLevel,
    SHUTDOWN_GRACE_MS: env.milliseconds(5_000),
    ...env.tracing,
  });

export type RpcAppConfig = z.output<ReturnType<typeof rpcAppSchema>>;

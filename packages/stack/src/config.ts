// What `pnpm mall` reads from its environment. Everything is optional: missing infra is started,
// missing secrets are generated for the run.
import { z } from 'zod';
import { env, loadConfig } from '@mall/config';

const schema = z.object({
  MYSQL_URL: env.mysqlUrl.optional(),
  ETCD_ENDPOINTS: z.string().optional(),
  JWT_SECRET: z.string().min(16).optional(),
  GATEWAY_RPC_TOKEN: z.string().min(16).optional(),
  ORDER_RPC_TOKEN: z.string().min(16).optional(),
  PAY_RPC_TOKEN: z.string().min(16).optional(),
  DTM_RPC_TOKEN: z.string().min(16).optional(),
  DTM_ADMIN_TOKEN: z.string().min(32).optional(),
  /** The tutorial's third saga flow (chapter 10): honour X-Mall-Fault headers. */
  FAULT_INJECTION: env.flag(false),
  LOG_LEVEL: env.logLevel,
  PAY_CALLBACK_SECRET: z.string().min(16).optional(),
  /** Set (e.g. `http://127.0.0.1:4318`, a local Jaeger): every app sends its spans there over OTLP/HTTP (chapter 9). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
});

export type LauncherConfig = z.output<typeof schema>;

export const loadLauncherConfig = (source: NodeJS.ProcessEnv = process.env): LauncherConfig =>
  loadConfig('mall', schema, source);

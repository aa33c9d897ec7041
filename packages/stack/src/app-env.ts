import type { AppName } from './apps.js';
import type { Secrets } from './secrets.js';

export interface StackAddresses {
  mysqlUrl: string;
  /** The mall's database, DTM's, and DTM's barrier table (`schema.table`). */
  mysqlDatabase: string;
  dtmDatabase: string;
  barrierTable: string;
  etcdEndpoints: string;
  ports: Record<AppName, number>;
  /** Each app's METRICS_PORT; DTM has none (it serves `/api/metrics` on its HTTP port). */
  metricsPorts: Partial<Record<AppName, number>>;
  dtmHttpPort: number;
  /** Extra ports the gateway also listens on (the tutorial's 8000–8003). */
  gatewayExtraPorts?: number[];
  logLevel?: string;
  /** Set: the gateway takes a payment provider's signed callbacks (see the pay chapter). */
  payCallbackSecret?: string;
  /** The tutorial's X-Mall-Fault switch, for the gateway and product-rpc. */
  faultInjection?: boolean;
  /** DTM's retry base in seconds (its default 10 s); tests shorten it. */
  dtmRetryIntervalSeconds?: number;
  /** Ceiling of DTM's doubled retry interval in seconds (its default 3600). */
  dtmMaxRetryIntervalSeconds?: number;
  /** When set, every app exports its traces over OTLP/HTTP to this base URL (e.g. `http://127.0.0.1:4318`). */
  otlpEndpoint?: string;
}

type Caller = 'gateway' | 'order-rpc' | 'pay-rpc' | 'dtm';

/** The environment each app gets: the same variables docker-compose.yml sets. */
export function appEnv(app: AppName, addresses: StackAddresses, secrets: Secrets): Record<string, string> {
  const tokens: Record<Caller, string> = {
    gateway: secrets.GATEWAY_RPC_TOKEN,
    'order-rpc': secrets.ORDER_RPC_TOKEN,
    'pay-rpc': secrets.PAY_RPC_TOKEN,
    dtm: secrets.DTM_RPC_TOKEN,
  };
  const callers = (...apps: Caller[]) => apps.map((caller) => `${caller}=${tokens[caller]}`).join(',');
  const faultInjection = addresses.faultInjection ? 'on' : 'off';
  const metricsPort = addresses.metricsPorts[app];
  const tracing: Record<string, string> = addresses.otlpEndpoint
    ? {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: addresses.otlpEndpoint,
        OTEL_BSP_SCHEDULE_DELAY: '200',
      }
    : {};
  const common = {
    ETCD_ENDPOINTS: addresses.etcdEndpoints,
    LOG_LEVEL: addresses.logLevel ?? 'info',
    LISTEN_HOST: '127.0.0.1',
    ...(metricsPort === undefined ? {} : { METRICS_PORT: String(metricsPort) }),
    ...tracing,
  };
  const rpc = {
    ...common,
    PORT: String(addresses.ports[app]),
    MYSQL_URL: addresses.mysqlUrl,
    MYSQL_DATABASE: addresses.mysqlDatabase,
  };
  switch (app) {
    case 'user-rpc':
      return { ...rpc, RPC_AUTH_TOKENS: callers('gateway', 'order-rpc') };
    case 'product-rpc':
      return {
        ...rpc,
        RPC_AUTH_TOKENS: callers('gateway', 'order-rpc', 'dtm'),
        BARRIER_TABLE: addresses.barrierTable,
        FAULT_INJECTION: faultInjection,
      };
    case 'order-rpc':
      return {
        ...rpc,
        RPC_AUTH_TOKENS: callers('gateway', 'pay-rpc', 'dtm'),
        RPC_APP: 'order-rpc',
        RPC_TOKEN: secrets.ORDER_RPC_TOKEN,
        BARRIER_TABLE: addresses.barrierTable,
      };
    case 'pay-rpc':
      return { ...rpc, RPC_AUTH_TOKENS: callers('gateway'), RPC_APP: 'pay-rpc', RPC_TOKEN: secrets.PAY_RPC_TOKEN };
    case 'dtm':
      return {
        ...common,
        GRPC_PORT: String(addresses.ports.dtm),
        HTTP_PORT: String(addresses.dtmHttpPort),
        MYSQL_URL: addresses.mysqlUrl,
        MYSQL_DATABASE: addresses.dtmDatabase,
        DTM_ADMIN_TOKEN: secrets.DTM_ADMIN_TOKEN,
        ...(addresses.dtmRetryIntervalSeconds
          ? {
              RETRY_INTERVAL: String(addresses.dtmRetryIntervalSeconds),
              TIMEOUT_TO_FAIL: String(Math.max(35, addresses.dtmRetryIntervalSeconds)),
              TRANS_CRON_INTERVAL: '1',
            }
          : {}),
        ...(addresses.dtmMaxRetryIntervalSeconds
          ? { MAX_RETRY_INTERVAL: String(addresses.dtmMaxRetryIntervalSeconds) }
          : {}),
      };
    case 'gateway':
      return {
        ...common,
        PORT: String(addresses.ports.gateway),
        JWT_SECRET: secrets.JWT_SECRET,
        RPC_APP: 'gateway',
        RPC_TOKEN: secrets.GATEWAY_RPC_TOKEN,
        DTM_BRANCH_TOKEN: secrets.DTM_RPC_TOKEN,
        FAULT_INJECTION: faultInjection,
        ...(addresses.gatewayExtraPorts?.length ? { ALSO_LISTEN_PORTS: addresses.gatewayExtraPorts.join(',') } : {}),
        ...(addresses.payCallbackSecret ? { PAY_CALLBACK_SECRET: addresses.payCallbackSecret } : {}),
      };
  }
}

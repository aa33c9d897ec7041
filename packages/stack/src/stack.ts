import { startInfra, freePort, type Infra } from '@mall/local-infra';
import { APPS, DTM_HTTP_PORT, type AppName } from './apps.js';
import { appEnv, type StackAddresses } from './app-env.js';
import { startApp, type RunningApp, type StartAppOptions } from './app-process.js';
import { generateSecrets, type Secrets } from './secrets.js';

export interface StackOptions {
  /** MYSQL_URL / ETCD_ENDPOINTS and secrets; missing infra is started, missing secrets generated. */
  env?: Record<string, string | undefined>;
  /** The mall's database (default `mall`), DTM's (`dtm`) and the barrier table (`dtm_barrier.barrier`). */
  mysqlDatabase?: string;
  dtmDatabase?: string;
  barrierTable?: string;
  faultInjection?: boolean;
  dtmRetryIntervalSeconds?: number;
  /** Ceiling of DTM's doubled retry interval in seconds (its default 3600); chaos runs keep it short. */
  dtmMaxRetryIntervalSeconds?: number;
  /** See StackAddresses.otlpEndpoint. */
  otlpEndpoint?: string;
  /** Fixed ports (the defaults: 9000–9003, 8888, metrics on 9080 and 9090–9093) or free ones (tests). */
  ports?: 'default' | 'free';
  gatewayExtraPorts?: number[];
  logLevel?: string;
  output: (app: AppName) => StartAppOptions['output'];
}

export interface Stack {
  gatewayUrl: string;
  mysqlUrl: string;
  mysqlDatabase: string;
  dtmDatabase: string;
  barrierTable: string;
  dtmHttpUrl: string;
  /** Where Prometheus scrapes each app: its metrics listener, or DTM's `/api/metrics`. */
  metricsUrls: Record<AppName, string>;
  etcdEndpoints: string;
  secrets: Secrets;
  apps: Map<AppName, RunningApp>;
  /** The environment each app was started with, to start another instance of it. */
  env(app: AppName): Record<string, string>;
  stop(): Promise<void>;
}

/** Infra (unless given), then every app in dependency order, each awaited until healthy. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const env = options.env ?? {};
  const infra: Infra = await startInfra(env);
  const secrets = generateSecrets(env);
  const ports = {} as Record<AppName, number>;
  const metricsPorts: Partial<Record<AppName, number>> = {};
  for (const app of APPS) {
    ports[app.name] = options.ports === 'free' ? await freePort() : app.port;
    if ('metricsPort' in app) metricsPorts[app.name] = options.ports === 'free' ? await freePort() : app.metricsPort;
  }
  const addresses: StackAddresses = {
    mysqlUrl: infra.mysqlUrl,
    mysqlDatabase: options.mysqlDatabase ?? 'mall',
    dtmDatabase: options.dtmDatabase ?? 'dtm',
    barrierTable: options.barrierTable ?? 'dtm_barrier.barrier',
    etcdEndpoints: infra.etcdEndpoints,
    ports,
    metricsPorts,
    dtmHttpPort: options.ports === 'free' ? await freePort() : DTM_HTTP_PORT,
    gatewayExtraPorts: options.gatewayExtraPorts,
    logLevel: options.logLevel,
    payCallbackSecret: env.PAY_CALLBACK_SECRET,
    faultInjection: options.faultInjection,
    dtmRetryIntervalSeconds: options.dtmRetryIntervalSeconds,
    dtmMaxRetryIntervalSeconds: options.dtmMaxRetryIntervalSeconds,
    otlpEndpoint: options.otlpEndpoint,
  };
  const apps = new Map<AppName, RunningApp>();
  const stop = async () => {
    for (const app of [...apps.values()].reverse()) await app.stop();
    apps.clear();
    await infra.stop();
  };
  try {
    for (const app of APPS) {
      apps.set(
        app.name,
        await startApp(app.name, { env: appEnv(app.name, addresses, secrets), output: options.output(app.name) }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
    mysqlUrl: infra.mysqlUrl,
    mysqlDatabase: addresses.mysqlDatabase,
    dtmDatabase: addresses.dtmDatabase,
    barrierTable: addresses.barrierTable,
    dtmHttpUrl: `http://127.0.0.1:${addresses.dtmHttpPort}`,
    metricsUrls: Object.fromEntries(
      APPS.map(({ name }) => {
        const port = metricsPorts[name];
        const url = port === undefined ? `http://127.0.0.1:${addresses.dtmHttpPort}/api` : `http://127.0.0.1:${port}`;
        return [name, `${url}/metrics`];
      }),
    ) as Record<AppName, string>,
    etcdEndpoints: infra.etcdEndpoints,
    secrets,
    apps,
    env: (app) => appEnv(app, addresses, secrets),
    stop,
  };
}

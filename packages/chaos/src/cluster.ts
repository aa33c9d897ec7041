import { join } from 'node:path';
import { freePort, startEtcd, startMariaDb, waitFor, type EtcdServer, type MariaDb } from '@mall/local-infra';
import { APPS, startApp, startStack, type AppName, type RunningApp, type Stack } from '@mall/stack';

/** The apps the fault loop kills; the gateway, user-rpc and pay-rpc stay up. */
export type Victim = 'dtm' | 'order-rpc' | 'product-rpc';

/** DTM's retry base and ceiling here: short, so a saga whose branch was down is retried soon after. */
export const DTM_RETRY_INTERVAL_SECONDS = 1;
export const DTM_MAX_RETRY_INTERVAL_SECONDS = 4;
/** A restart on a machine busy with the run itself (and anything else) can take far longer than a cold start. */
const READY_TIMEOUT_MS = 120_000;

/** The whole mall as real processes on a MariaDB and an etcd of its own, with the levers the faults pull. */
export interface Cluster {
  gatewayUrl: string;
  mysqlUrl: string;
  mallDatabase: string;
  dtmDatabase: string;
  barrierTable: string;
  /** SIGKILLs the app (a crash); `second` means the extra DTM instance, when one runs. */
  kill(app: Victim, second?: boolean): Promise<void>;
  /** Starts the app again on its own port and waits until it is healthy. */
  restart(app: Victim): Promise<void>;
  /** A second DTM on the same database, registered under the same etcd key. */
  startSecondDtm(): Promise<void>;
  secondDtmRunning(): boolean;
  /** SIGKILLs etcd and starts it again on the same port and data. */
  restartEtcd(): Promise<void>;
  /** Every victim running again (the extra DTM stopped): the state convergence is measured from. */
  healAll(): Promise<void>;
  /** Apps that exited without being killed or stopped here: each one is a crash to explain. */
  crashes(): string[];
  /** Stops every process this cluster started; safe to call twice and after a failed start. */
  stop(): Promise<void>;
}

/** pids of every app process started here, SIGKILLed if this process exits without stopping them. */
const started = new Set<number>();
let exitHookInstalled = false;

function track(app: RunningApp, onExit: (code: number | null) => void): RunningApp {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const pid of started) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
  started.add(app.pid);
  void app.exited.then((code) => {
    started.delete(app.pid);
    onExit(code);
  });
  return app;
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** The keys under `<key>/` (go-zero's format) and their values, read through etcd's JSON gateway. */
async function registrations(etcdEndpoint: string, key: string): Promise<Map<string, string>> {
  const response = await fetch(`http://${etcdEndpoint}/v3/kv/range`, {
    method: 'POST',
    // '0' follows '/': the range covers every key under the prefix.
    body: JSON.stringify({ key: base64(`${key}/`), range_end: base64(`${key}0`) }),
    signal: AbortSignal.timeout(2_000),
  });
  const body = (await response.json()) as { kvs?: { key: string; value: string }[] };
  const decode = (text: string) => Buffer.from(text, 'base64').toString();
  return new Map((body.kvs ?? []).map((kv) => [decode(kv.key), decode(kv.value)]));
}

/**
 * Waits until etcd holds a registration of `endpoint` under `key` that is not one of `before`: a
 * killed instance on the same port leaves its key until its lease runs out.
 */
async function waitRegistered(etcdEndpoint: string, key: string, endpoint: string, before: ReadonlySet<string>) {
  await waitFor(
    `${endpoint} to be registered in etcd under ${key}`,
    async () =>
      [...(await registrations(etcdEndpoint, key))].some(([name, value]) => value === endpoint && !before.has(name)),
    { timeoutMs: READY_TIMEOUT_MS, intervalMs: 100 },
  );
}

export async function startCluster(logDir: string, run: string): Promise<Cluster> {
  const [mariadb, etcd] = await Promise.all<[Promise<MariaDb>, Promise<EtcdServer>]>([startMariaDb(), startEtcd()]);
  let stack: Stack | undefined;
  let second: RunningApp | undefined;
  let stopping = false;
  const down = new Set<Victim>();
  /** pids this cluster killed on purpose. */
  const killed = new Set<number>();
  const crashes: string[] = [];
  const watch = (app: RunningApp) =>
    track(app, (code) => {
      if (!stopping && !killed.has(app.pid)) crashes.push(`${app.name} (pid ${app.pid}) exited with code ${code}`);
    });
  const killApp = async (app: RunningApp | undefined) => {
    if (!app) return;
    killed.add(app.pid);
    await app.kill();
  };
  const stop = async () => {
    stopping = true;
    await second?.kill();
    second = undefined;
    await stack?.stop();
    stack = undefined;
    await Promise.all([mariadb.stop(), etcd.stop()]);
  };
  try {
    stack = await startStack({
      env: { MYSQL_URL: mariadb.url, ETCD_ENDPOINTS: etcd.endpoint },
      ports: 'free',
      mysqlDatabase: `${run}_mall`,
      dtmDatabase: `${run}_dtm`,
      barrierTable: `${run}_barrier.barrier`,
      dtmRetryIntervalSeconds: DTM_RETRY_INTERVAL_SECONDS,
      dtmMaxRetryIntervalSeconds: DTM_MAX_RETRY_INTERVAL_SECONDS,
      logLevel: 'info',
      output: (app) => ({ file: join(logDir, `${app}.log`) }),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const mall = stack;
  for (const app of mall.apps.values()) watch(app);
  let launches = 0;
  const launch = async (app: AppName, env: Record<string, string>) => {
    const spec = APPS.find((candidate) => candidate.name === app);
    const etcdKey = spec && 'etcdKey' in spec ? spec.etcdKey : undefined;
    const before = new Set(etcdKey ? (await registrations(etcd.endpoint, etcdKey)).keys() : []);
    const running = watch(
      await startApp(app, {
        env,
        output: { file: join(logDir, `${app}.${++launches}.log`) },
        readyTimeoutMs: READY_TIMEOUT_MS,
      }),
    );
    // Healthy comes before registered: an etcd restart in between would fail the app's start-up.
    if (etcdKey) await waitRegistered(etcd.endpoint, etcdKey, `127.0.0.1:${running.port}`, before);
    return running;
  };

  const cluster: Cluster = {
    gatewayUrl: mall.gatewayUrl,
    mysqlUrl: mariadb.url,
    mallDatabase: mall.mysqlDatabase,
    dtmDatabase: mall.dtmDatabase,
    barrierTable: mall.barrierTable,
    async kill(app, toSecond = false) {
      if (toSecond) {
        await killApp(second);
        second = undefined;
        return;
      }
      down.add(app);
      await killApp(mall.apps.get(app));
    },
    async restart(app) {
      mall.apps.set(app, await launch(app, mall.env(app)));
      down.delete(app);
    },
    async startSecondDtm() {
      const env = { ...mall.env('dtm'), GRPC_PORT: String(await freePort()), HTTP_PORT: String(await freePort()) };
      second = await launch('dtm', env);
    },
    secondDtmRunning: () => second !== undefined,
    restartEtcd: () => etcd.restart(),
    async healAll() {
      await killApp(second);
      second = undefined;
      for (const app of [...down]) await cluster.restart(app);
    },
    crashes: () => [...crashes],
    stop,
  };
  return cluster;
}

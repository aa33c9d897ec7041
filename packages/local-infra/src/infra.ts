import { startEtcd } from './etcd.js';
import { processEnv } from './config.js';
import { startMariaDb, type MariaDbOptions } from './mariadb.js';

export interface Infra {
  mysqlUrl: string;
  etcdEndpoints: string;
  /** Stops what this call started; servers given through the environment are left alone. */
  stop(): Promise<void>;
}

/**
 * The servers tests run against: `MYSQL_URL` / `ETCD_ENDPOINTS` when set, otherwise throw-away
 * MariaDB and etcd started here.
 */
export async function startInfra(
  env: Record<string, string | undefined> = processEnv(),
  mariaDbOptions: MariaDbOptions = {},
): Promise<Infra> {
  const givenMysql = env.MYSQL_URL;
  const givenEtcd = env.ETCD_ENDPOINTS;
  const [mariadb, etcd] = await Promise.all([
    givenMysql ? undefined : startMariaDb(mariaDbOptions),
    givenEtcd ? undefined : startEtcd(),
  ]);
  return {
    mysqlUrl: givenMysql ?? mariadb!.url,
    etcdEndpoints: givenEtcd ?? etcd!.endpoint,
    async stop() {
      await Promise.all([mariadb?.stop(), etcd?.stop()]);
    },
  };
}

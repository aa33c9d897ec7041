import { join } from 'node:path';
import { freePort } from '@mall/local-infra';
import { startApp, type RunningApp } from '@mall/stack';

export interface DtmServer {
  app: RunningApp;
  /** `http://127.0.0.1:<port>/api/dtmsvr` */
  httpApi: string;
  /** `127.0.0.1:<port>` */
  grpcTarget: string;
}

/** apps/dtm (built) on free loopback ports, storing in MySQL database `database`, no etcd. */
export async function startDtmServer(mysqlUrl: string, database: string, logDir: string): Promise<DtmServer> {
  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  const app = await startApp('dtm', {
    env: {
      HTTP_PORT: String(httpPort),
      GRPC_PORT: String(grpcPort),
      LISTEN_HOST: '127.0.0.1',
      MYSQL_URL: mysqlUrl,
      MYSQL_DATABASE: database,
      LOG_LEVEL: 'warn',
    },
    output: { file: join(logDir, `${database}.log`) },
  });
  return { app, httpApi: `http://127.0.0.1:${httpPort}/api/dtmsvr`, grpcTarget: `127.0.0.1:${grpcPort}` };
}

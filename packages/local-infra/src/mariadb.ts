import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import mysql from 'mysql2/promise';
import { findBinary } from './binaries.js';
import { spawnServer, stopServer } from './child.js';
import { freePort } from './free-port.js';
import { waitFor } from './wait-for.js';

const run = promisify(execFile);
const INSTALL = 'apt-get install -y mariadb-server';

export interface MariaDb {
  /** `mysql://root:@127.0.0.1:<port>` */
  url: string;
  /** SIGKILLs the server, as a crash or a lost host would: connections drop, the data stays. */
  kill(): Promise<void>;
  /** Starts a killed server again on the same port and data (InnoDB recovers what was committed). */
  restart(): Promise<void>;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
}

export interface MariaDbOptions {
  /**
   * Flush and sync the redo log at every commit, as a production server does. Off by default: the
   * data dies with the server, so tests skip the fsync; benchmarks turn it on.
   */
  durable?: boolean;
}

/** Starts a throw-away MariaDB on a free loopback port, with its data in a temp folder that is removed on stop. */
export async function startMariaDb({ durable = false }: MariaDbOptions = {}): Promise<MariaDb> {
  const server = findBinary(['mariadbd', 'mysqld'], INSTALL);
  const installDb = findBinary(['mariadb-install-db', 'mysql_install_db'], INSTALL);
  const dir = await mkdtemp(join(tmpdir(), 'mall-mariadb-'));
  const dataDir = join(dir, 'data');
  const user = process.getuid?.() === 0 ? ['--user=root'] : [];
  await run(installDb, [
    '--no-defaults',
    `--datadir=${dataDir}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    ...user,
  ]);
  const port = await freePort();
  const url = `mysql://root:@127.0.0.1:${port}`;
  const launch = async (): Promise<ChildProcess> => {
    const child = spawnServer(
      server,
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        `--socket=${join(dir, 'mysqld.sock')}`,
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        '--skip-name-resolve',
        '--skip-log-bin',
        `--innodb-flush-log-at-trx-commit=${durable ? 1 : 2}`,
        '--innodb-buffer-pool-size=256M',
        '--max-connections=500',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        ...user,
      ],
      join(dir, 'mariadb.log'),
    );
    try {
      await waitFor(
        'MariaDB to accept connections',
        async () => {
          if (child.exitCode !== null) {
            const log = await readFile(join(dir, 'mariadb.log'), 'utf8').catch(() => '');
            throw new Error(`mariadbd exited with ${child.exitCode}: ${log.slice(-500)}`);
          }
          const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
          await connection.end();
          return true;
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
    } catch (error) {
      await stopServer(child);
      throw error;
    }
    return child;
  };
  let child: ChildProcess | undefined = await launch();
  return {
    url,
    async kill() {
      const killed = child;
      child = undefined;
      if (!killed || killed.exitCode !== null || killed.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => killed.once('exit', () => resolve()));
      killed.kill('SIGKILL');
      await exited;
    },
    async restart() {
      if (child) throw new Error('MariaDB is running: kill it first');
      child = await launch();
    },
    async stop() {
      if (child) await stopServer(child);
      child = undefined;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { findBinary } from './binaries.js';
import { spawnServer, stopServer } from './child.js';
import { freePort } from './free-port.js';
import { waitFor } from './wait-for.js';

export interface EtcdServer {
  /** `127.0.0.1:<port>` */
  endpoint: string;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
  /** SIGSTOPs the server (clients time out, leases expire), for lease-loss tests. */
  pause(): void;
  resume(): void;
  /** SIGKILLs the server (a crash) and starts it again on the same ports and data: keys and leases survive. */
  restart(): Promise<void>;
}

/** Starts a throw-away single-member etcd on free loopback ports, data in a temp folder. */
export async function startEtcd(): Promise<EtcdServer> {
  const binary = findBinary(['etcd'], 'apt-get install -y etcd-server');
  const dir = await mkdtemp(join(tmpdir(), 'mall-etcd-'));
  const clientPort = await freePort();
  const peerPort = await freePort();
  const client = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const args = [
    '--name=mall-test',
    `--data-dir=${join(dir, 'data')}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=mall-test=${peer}`,
    '--unsafe-no-fsync',
  ];
  let launches = 0;
  const launch = async (): Promise<ChildProcess> => {
    const log = join(dir, launches++ === 0 ? 'etcd.log' : `etcd.${launches}.log`);
    const child = spawnServer(binary, args, log);
    try {
      await waitFor(
        'etcd to report healthy',
        async () => {
          if (child.exitCode !== null) {
            const output = await readFile(log, 'utf8').catch(() => '');
            throw new Error(`etcd exited with ${child.exitCode}: ${output.slice(-500)}`);
          }
          const response = await fetch(`${client}/health`);
          const body = (await response.json()) as { health?: string };
          return body.health === 'true';
        },
        { timeoutMs: 30_000 },
      );
    } catch (error) {
      await stopServer(child);
      throw error;
    }
    return child;
  };
  let child = await launch();
  return {
    endpoint: `127.0.0.1:${clientPort}`,
    async stop() {
      child.kill('SIGCONT');
      await stopServer(child);
      await rm(dir, { recursive: true, force: true });
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    async restart() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      child = await launch();
    },
  };
}

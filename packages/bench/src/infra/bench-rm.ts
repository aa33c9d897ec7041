import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '@mall/local-infra';

const MAIN = fileURLToPath(new URL('../rm/main.js', import.meta.url));

export interface BenchRm {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface BenchRmOptions {
  mysqlUrl: string;
  database: string;
  barrierTable: string;
  logDir: string;
}

/** Starts the bench resource manager (dist/rm/main.js) in a child process and waits until it answers. */
export async function startBenchRm({ mysqlUrl, database, barrierTable, logDir }: BenchRmOptions): Promise<BenchRm> {
  const port = await freePort();
  const log = openSync(join(logDir, 'bench-rm.log'), 'a');
  const child = spawn(process.execPath, [MAIN], {
    env: { PORT: String(port), MYSQL_URL: mysqlUrl, MYSQL_DATABASE: database, BARRIER_TABLE: barrierTable },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      `bench-rm to answer on :${port}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`bench-rm exited with ${child.exitCode} (see ${logDir})`);
        const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
        return response.ok;
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, stop };
}

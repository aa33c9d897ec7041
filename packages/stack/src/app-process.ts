import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@mall/local-infra';
import { APPS, type AppName } from './apps.js';
import { grpcServing, httpHealthy } from './readiness.js';

const REPO = new URL('../../../', import.meta.url);

export interface RunningApp {
  name: AppName;
  port: number;
  pid: number;
  /** SIGTERM, then SIGKILL after `timeoutMs`; resolves when the process has exited. */
  stop(timeoutMs?: number): Promise<void>;
  /** SIGKILL: a crash, no clean-up. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

export interface StartAppOptions {
  /** The app's whole environment (nothing is inherited); PATH is added when missing. */
  env: Record<string, string>;
  /** Where the app's output goes: a file path, or a line prefixer for the terminal. */
  output: { file: string } | { prefix: (line: string) => void };
  readyTimeoutMs?: number;
}

function wireOutput(child: ChildProcess, output: StartAppOptions['output']): void {
  if ('file' in output) return;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (buffered + chunk).split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) output.prefix(line);
    });
  }
}

/** Runs `node apps/<name>/dist/main.js` and resolves once it reports healthy. */
export async function startApp(name: AppName, options: StartAppOptions): Promise<RunningApp> {
  const spec = APPS.find((app) => app.name === name)!;
  const main = fileURLToPath(new URL(`apps/${name}/dist/main.js`, REPO));
  // A log file is handed to the child directly, so the app keeps running if this process goes away.
  const logFd = 'file' in options.output ? openSync(options.output.file, 'a') : undefined;
  const child = spawn(process.execPath, [main], {
    cwd: fileURLToPath(new URL(`apps/${name}/`, REPO)),
    env: { PATH: dirname(process.execPath), NODE_ENV: 'development', ...options.env },
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
  });
  if (logFd !== undefined) closeSync(logFd);
  wireOutput(child, options.output);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = Number(options.env[spec.portVariable]);
  const healthy =
    spec.kind === 'grpc'
      ? () => grpcServing(`127.0.0.1:${port}`)
      : () => httpHealthy(`http://127.0.0.1:${port}/healthz`);
  let gone = false;
  void exited.then(() => (gone = true));
  // An app that dies while starting (e.g. a bad variable) is reported at once, not after the timeout.
  let ready = false;
  const diedWhileStarting = exited.then((code) => {
    if (!ready) throw new Error(`${name} exited during start-up (exit code ${code})`);
  });
  const startedHealthy = waitFor(`${name} to become healthy on :${port}`, async () => gone || (await healthy()), {
    timeoutMs: options.readyTimeoutMs ?? 30_000,
    intervalMs: 100,
  });
  await Promise.race([startedHealthy, diedWhileStarting]).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  ready = true;

  const stop = async (timeoutMs = 10_000) => {
    if (gone) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  };
  return {
    name,
    port,
    pid: child.pid!,
    exited,
    stop,
    async kill() {
      if (gone) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

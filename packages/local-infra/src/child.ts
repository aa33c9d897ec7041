import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const running = new Set<ChildProcess>();
let hooked = false;

/** Children die with the test process, even when it exits without cleaning up. */
function killAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** Spawns a server with its output in `logFile`, tracked so it never outlives this process. */
export function spawnServer(command: string, args: string[], logFile: string): ChildProcess {
  killAllOnExit();
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

export async function stopServer(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

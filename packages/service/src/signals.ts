/** What a stop may take beside draining calls: leaving etcd (at most 3 s), closing clients and pools. */
const STOP_OVERHEAD_MS = 10_000;

/**
 * Calls `stop` once on SIGTERM or SIGINT, then exits 0 (or 1 if stopping failed). The same signal
 * again (a second Ctrl-C), or a stop that hangs past the app's grace period for calls in flight
 * (SHUTDOWN_GRACE_MS) plus a margin, exits at once with 1. A different signal while stopping is
 * ignored: a launcher's SIGTERM after the terminal's SIGINT is not a hurry.
 */
export function onShutdownSignal(stop: () => Promise<void>, graceMs: number): void {
  const forceExitMs = graceMs + STOP_OVERHEAD_MS;
  let first: NodeJS.Signals | undefined;
  const handle = (signal: NodeJS.Signals) => {
    if (first) {
      if (signal !== first) return;
      console.error(`${signal} again: exiting without finishing the shutdown`);
      process.exit(1);
    }
    first = signal;
    setTimeout(() => {
      console.error(`shutdown after ${signal} took longer than ${forceExitMs} ms: exiting`);
      process.exit(1);
    }, forceExitMs).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`shutdown after ${signal} failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}

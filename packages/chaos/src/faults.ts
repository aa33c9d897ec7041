import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster, Victim } from './cluster.js';
import type { Prng } from './prng.js';

export type FaultEvent =
  | { atMs: number; kind: 'kill'; app: Victim; downMs: number }
  | { atMs: number; kind: 'kill-second-dtm' }
  | { atMs: number; kind: 'start-second-dtm' }
  | { atMs: number; kind: 'restart-etcd' };

const VICTIMS: readonly Victim[] = ['dtm', 'order-rpc', 'product-rpc'];
const MIN_OVERLAP_MS = 5_000;

/**
 * The run's faults, drawn from the seed before anything starts: `faultsPerMinute` SIGKILLs of DTM,
 * order-rpc or product-rpc (each at least once) at random moments, each app down for 0.2–3 s; one
 * window with a second DTM instance on the same database, SIGKILLed at its end (a DTM kill inside the
 * window hits the first instance, so the second carries the work meanwhile); and one etcd restart.
 */
export function planFaults(prng: Prng, durationMs: number, faultsPerMinute: number): FaultEvent[] {
  const at = (from: number, to: number) => Math.round(durationMs * (from + prng.next() * (to - from)));
  const secondFrom = at(0.15, 0.35);
  const secondTo = secondFrom + at(0.25, 0.4);
  const events: FaultEvent[] = [
    { atMs: secondFrom, kind: 'start-second-dtm' },
    { atMs: secondTo, kind: 'kill-second-dtm' },
    { atMs: at(0.45, 0.75), kind: 'restart-etcd' },
  ];
  const kills = Math.round((faultsPerMinute * durationMs) / 60_000);
  for (let index = 0; index < kills; index++) {
    // Each victim is killed at least once when there are kills enough.
    const app = index < VICTIMS.length ? VICTIMS[index]! : prng.pick(VICTIMS);
    events.push({ atMs: at(0.05, 0.95), kind: 'kill', app, downMs: prng.int(200, 3000) });
  }
  return events.sort((a, b) => a.atMs - b.atMs);
}

export const describeFault = (event: FaultEvent): string => {
  switch (event.kind) {
    case 'kill':
      return `SIGKILL ${event.app}, restart after ${(event.downMs / 1000).toFixed(1)} s`;
    case 'kill-second-dtm':
      return 'SIGKILL the second DTM instance';
    case 'start-second-dtm':
      return 'start a second DTM instance (same database, same etcd key)';
    case 'restart-etcd':
      return 'SIGKILL etcd and start it again';
  }
};

export interface FaultLog {
  /** Faults injected, by kind (`kill dtm`, …, `second dtm started`, `restart etcd`), and kills skipped. */
  injected: Record<string, number>;
  /** performance.now() when the last fault's process was back (or killed, for the second DTM). */
  lastFaultEndedAt: number | undefined;
}

/**
 * Runs the plan against the cluster until it ends or `signal` aborts. A killed app comes back in the
 * background after its down time, so the plan keeps its schedule; a kill of an app that is not back
 * yet is skipped (and counted), and etcd restarts only while every app is up (an app starting needs etcd).
 */
export async function runFaults(
  plan: readonly FaultEvent[],
  cluster: Cluster,
  signal: AbortSignal,
  progress: (line: string) => void,
): Promise<FaultLog> {
  const log: FaultLog = { injected: {}, lastFaultEndedAt: undefined };
  const count = (kind: string) => (log.injected[kind] = (log.injected[kind] ?? 0) + 1);
  const ended = () => {
    log.lastFaultEndedAt = performance.now();
  };
  const restarting = new Map<Victim, Promise<void>>();
  const down = new Set<Victim>();
  /** When the second DTM instance became ready (it starts in the background, like restarts). */
  let secondReady: Promise<number | undefined> = Promise.resolve(undefined);
  const started = performance.now();
  try {
    for (const event of plan) {
      const wait = started + event.atMs - performance.now();
      if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) break;
      progress(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${describeFault(event)}`);
      switch (event.kind) {
        case 'kill': {
          if (down.has(event.app)) {
            // Still coming back from the previous kill (a slow start on a busy machine): skipping keeps the schedule.
            count(`skipped: ${event.app} still down`);
            continue;
          }
          down.add(event.app);
          await cluster.kill(event.app);
          count(`kill ${event.app}`);
          const back = sleep(event.downMs)
            .then(() => cluster.restart(event.app))
            .then(() => {
              down.delete(event.app);
              ended();
            });
          // Awaited later; marked handled now so a failed restart cannot crash the process first.
          back.catch(() => undefined);
          restarting.set(event.app, back);
          break;
        }
        case 'kill-second-dtm': {
          const ready = await secondReady;
          if (ready === undefined || !cluster.secondDtmRunning()) continue;
          // A slow start must not close the window at once: both instances run together for a while.
          const together = ready + MIN_OVERLAP_MS - performance.now();
          if (together > 0) await sleep(together);
          await cluster.kill('dtm', true);
          count('kill dtm (second instance)');
          ended();
          break;
        }
        case 'start-second-dtm':
          secondReady = cluster.startSecondDtm().then(() => {
            count('second dtm started');
            return performance.now();
          });
          secondReady.catch(() => undefined);
          break;
        case 'restart-etcd':
          await Promise.all([...restarting.values(), secondReady]);
          await cluster.restartEtcd();
          count('restart etcd');
          ended();
          break;
      }
    }
  } finally {
    await Promise.allSettled([...restarting.values(), secondReady]);
  }
  await Promise.all([...restarting.values(), secondReady]);
  return log;
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster, Victim } from './cluster.js';
import type { Prng } from './prng.js';

export type FaultEvent =
  | { atMs: number; kind: 'kill'; app: Victim; downMs: number }
  | { atMs: number; kind: 'kill-second-dtm' }
  | { atMs: number; kind: 'start-second-dtm' }
  | { atMs: number; kind: 'restart-etcd' };

const VICTIMS: readonly Victim[] = ['dtm', 'order-rpc', 'product-rpc'];

/**
 * The run's faults, drawn from the seed before anything starts: `faultsPerMinute` SIGKILLs of DTM,
 * order-rpc or product-rpc (each at least once) at random moments (each down 0.2–3 s), one window with a second DTM
 * instance on the same database (killed at its end; DTM kills inside it may hit either instance),
 * and one etcd restart.
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
    const atMs = at(0.05, 0.95);
    // Each victim is killed at least once when there are kills enough.
    const app = index < VICTIMS.length ? VICTIMS[index]! : prng.pick(VICTIMS);
    const inWindow = atMs > secondFrom && atMs < secondTo;
    if (index >= VICTIMS.length && app === 'dtm' && inWindow && prng.next() < 0.5) {
      events.push({ atMs, kind: 'kill-second-dtm' });
    } else {
      events.push({ atMs, kind: 'kill', app, downMs: prng.int(200, 3000) });
    }
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
        case 'kill-second-dtm':
          if (!cluster.secondDtmRunning()) continue;
          await cluster.kill('dtm', true);
          count('kill dtm (second instance)');
          ended();
          break;
        case 'start-second-dtm':
          await cluster.startSecondDtm();
          count('second dtm started');
          ended();
          break;
        case 'restart-etcd':
          await Promise.all(restarting.values());
          await cluster.restartEtcd();
          count('restart etcd');
          ended();
          break;
      }
    }
  } finally {
    await Promise.allSettled(restarting.values());
  }
  await Promise.all(restarting.values());
  return log;
}

import type { Pass } from '../engine/pass.js';

export interface PhasePlan {
  /** Steps that may start now (they are started once per pass). */
  ready(started: ReadonlySet<number>): number[];
  run(step: number): Promise<void>;
  /** True when the phase must stop launching new steps. */
  stop(): boolean;
}

// A pass may keep launching branches for this long past the request timeout (reference §4.3).
const PASS_GRACE_SECONDS = 2;

/**
 * Launches every ready step, waits for any one to finish, and repeats until nothing is ready or
 * running, the plan says stop, or the pass has run long enough. Calls already in flight are
 * awaited so their results are recorded, also when one of them fails. Returns the steps started.
 */
export async function runUntilSettled(pass: Pass, plan: PhasePlan): Promise<Set<number>> {
  const { clock, settings } = pass.deps;
  const deadline = pass.startedAt.getTime() + (settings.requestTimeout + PASS_GRACE_SECONDS) * 1000;
  const started = new Set<number>();
  const running = new Map<number, Promise<void>>();
  try {
    while (!plan.stop() && clock.now().getTime() < deadline) {
      for (const step of plan.ready(started)) {
        started.add(step);
        running.set(
          step,
          plan.run(step).finally(() => running.delete(step)),
        );
      }
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
    await Promise.all(running.values());
  } finally {
    // A call that fails ends the pass, but only once the calls still in flight have finished.
    await Promise.allSettled(running.values());
  }
  return started;
}

import { addSeconds, type Clock } from './clock.js';

export interface ManualClock extends Clock {
  /** Moves time forward; nothing waits in between. */
  advance(seconds: number): void;
}

/** A clock that only moves when told to, so tests can jump past timeouts and retry intervals. */
export function createManualClock(start = new Date()): ManualClock {
  let now = start;
  return {
    now: () => now,
    advance(seconds) {
      now = addSeconds(now, seconds);
    },
    sleep(ms) {
      now = new Date(now.getTime() + ms);
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}

import { setTimeout as sleep } from 'node:timers/promises';

/** Time as the engine sees it; tests pass a clock they can move forward instead of sleeping. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
};

export const addSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

import { describe, expect, it } from 'vitest';
import type { Pass } from '../engine/pass.js';
import { runUntilSettled } from './run-until-settled.js';

const pass = {
  startedAt: new Date(),
  deps: { clock: { now: () => new Date() }, settings: { requestTimeout: 3 } },
} as unknown as Pass;

describe('runUntilSettled', () => {
  it('waits for the calls still in flight before passing on a failed one', async () => {
    let slowFinished = false;
    const plan = {
      ready: (started: ReadonlySet<number>) => [0, 1].filter((step) => !started.has(step)),
      run: (step: number) =>
        step === 0
          ? Promise.reject(new Error('store down'))
          : new Promise<void>((resolve) =>
              setTimeout(() => {
                slowFinished = true;
                resolve();
              }, 50),
            ),
      stop: () => false,
    };
    await expect(runUntilSettled(pass, plan)).rejects.toThrow('store down');
    expect(slowFinished).toBe(true);
  });
});

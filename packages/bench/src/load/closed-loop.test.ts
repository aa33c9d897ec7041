import { describe, expect, it } from 'vitest';
import { runClosedLoop } from './closed-loop.js';
import { throughput } from './operation.js';

describe('runClosedLoop', () => {
  it('stops at maxOps, keeping at most `concurrency` operations running', async () => {
    let running = 0;
    let most = 0;
    const op = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running -= 1;
    };
    const result = await runClosedLoop(op, { concurrency: 4, seconds: 60, maxOps: 50 });
    expect(result.ok).toBe(50);
    expect(most).toBe(4);
    expect(result.latenciesMs).toHaveLength(50);
    expect(throughput(result)).toBeGreaterThan(0);
  });

  it('stops when time is up', async () => {
    const op = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    const result = await runClosedLoop(op, { concurrency: 2, seconds: 0.1, maxOps: 1_000_000 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.ok).toBeGreaterThan(2);
  });

  it('counts failures apart, grouped by message', async () => {
    let calls = 0;
    const op = () => {
      calls += 1;
      return calls % 2 === 0 ? Promise.reject(new Error('order/create answered 503')) : Promise.resolve();
    };
    const result = await runClosedLoop(op, { concurrency: 1, seconds: 60, maxOps: 10 });
    expect(result).toMatchObject({ ok: 5, errors: 5 });
    expect([...result.errorKinds]).toEqual([['order/create answered 503', 5]]);
  });

  it('starts nothing once aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runClosedLoop(async () => {}, {
      concurrency: 3,
      seconds: 60,
      maxOps: 10,
      signal: controller.signal,
    });
    expect(result.ok + result.errors).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { dueCount, runFixedRate } from './fixed-rate.js';

describe('dueCount', () => {
  it('has the first operation due at once and one more every 1/rate seconds, up to the total', () => {
    expect(dueCount(0, 100, 50)).toBe(1);
    expect(dueCount(9.9, 100, 50)).toBe(1);
    expect(dueCount(10, 100, 50)).toBe(2);
    expect(dueCount(10_000, 100, 50)).toBe(50);
  });
});

describe('runFixedRate', () => {
  it('offers rate x seconds operations, paced, whatever their answers', async () => {
    const started = performance.now();
    const result = await runFixedRate(async () => {}, {
      ratePerSecond: 200,
      seconds: 0.1,
      maxOps: 1000,
      maxInFlight: 10,
    });
    expect(result.ok).toBe(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('does not start operations beyond maxInFlight, and counts them as errors', async () => {
    const never = () => new Promise<void>((resolve) => setTimeout(resolve, 200));
    const result = await runFixedRate(never, { ratePerSecond: 1000, seconds: 0.02, maxOps: 1000, maxInFlight: 5 });
    expect(result.ok).toBe(5);
    expect(result.errors).toBe(15);
  });

  it('measures latency from when an operation was due', async () => {
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 20));
    const result = await runFixedRate(slow, { ratePerSecond: 100, seconds: 0.05, maxOps: 5, maxInFlight: 10 });
    expect(Math.min(...result.latenciesMs)).toBeGreaterThanOrEqual(19);
  });
});

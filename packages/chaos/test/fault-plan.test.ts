import { describe, expect, it } from 'vitest';
import { planFaults } from '../src/faults.js';
import { parseOptions } from '../src/options.js';
import { createPrng } from '../src/prng.js';

describe('fault plan', () => {
  it('is the same for the same seed, and differs for another', () => {
    const plan = (seed: number) => planFaults(createPrng(seed), 40_000, 15);
    expect(plan(42)).toEqual(plan(42));
    expect(plan(42)).not.toEqual(plan(43));
  });

  it('kills every victim, opens one second-DTM window, restarts etcd once, all within the run', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const plan = planFaults(createPrng(seed), 40_000, 15);
      const killed = new Set(plan.flatMap((event) => (event.kind === 'kill' ? [event.app] : [])));
      expect([...killed].sort()).toEqual(['dtm', 'order-rpc', 'product-rpc']);
      expect(plan.filter((event) => event.kind === 'restart-etcd')).toHaveLength(1);
      const opened = plan.findIndex((event) => event.kind === 'start-second-dtm');
      const closed = plan.findLastIndex((event) => event.kind === 'kill-second-dtm');
      expect(opened).toBeGreaterThanOrEqual(0);
      expect(closed).toBeGreaterThan(opened);
      expect(plan.every((event, index) => index === 0 || plan[index - 1]!.atMs <= event.atMs)).toBe(true);
      expect(plan.every((event) => event.atMs >= 0 && event.atMs <= 40_000)).toBe(true);
    }
  });
});

describe('options', () => {
  it('takes flags over CHAOS_* variables over the chosen size', () => {
    const parsed = parseOptions(['--ci', '--orders', '50'], { CHAOS_ORDERS: '70', CHAOS_SEED: '9' });
    expect(parsed).toMatchObject({ help: false, options: { orders: 50, seed: 9, users: 12 } });
  });

  it('refuses what it cannot use, naming the flag', () => {
    expect(() => parseOptions(['--orders', '0'])).toThrow('--orders must be a whole number from 1 to 100000');
    expect(() => parseOptions(['--bogus'])).toThrow();
  });
});

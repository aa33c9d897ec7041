import { describe, expect, it } from 'vitest';
import { percentile } from './stats.js';

describe('percentile', () => {
  it('takes the nearest rank of sorted samples', () => {
    const samples = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(samples, 0.5)).toBe(5);
    expect(percentile(samples, 0.95)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([42], 0.99)).toBe(42);
  });

  it('has no percentile of nothing', () => {
    expect(percentile([], 0.5)).toBeNaN();
  });
});

import { describe, expect, it } from 'vitest';
import { percentile, summarizeLatencies } from './stats.js';

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

describe('summarizeLatencies', () => {
  it('sorts numerically, not as text, and leaves the samples alone', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    samples.push(1000);
    expect(summarizeLatencies(samples)).toEqual({ p50: 51, p95: 96, p99: 100, max: 1000 });
    expect(samples[0]).toBe(100);
  });

  it('is NaN throughout for no samples', () => {
    const summary = summarizeLatencies([]);
    expect(Object.values(summary).every(Number.isNaN)).toBe(true);
  });
});

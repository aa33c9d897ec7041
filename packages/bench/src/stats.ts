/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50/p95/p99/max of unsorted samples (NaN for none). */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  return {
    p50: percentile(list, 0.5),
    p95: percentile(list, 0.95),
    p99: percentile(list, 0.99),
    max: list.length === 0 ? Number.NaN : list[list.length - 1]!,
  };
}

import type { GlobalStatus } from './wire.js';

const UNITS: [limit: number, seconds: number, unit: string][] = [
  [60, 1, 's'],
  [3600, 60, 'min'],
  [86_400, 3600, 'h'],
  [Infinity, 86_400, 'd'],
];

/** "12 s ago", "in 3 min", "just now": the age of `iso` at the server's `now`. */
export function relative(iso: string, now: string): string {
  const seconds = Math.round((Date.parse(iso) - Date.parse(now)) / 1000);
  const size = Math.abs(seconds);
  if (size < 2) return 'just now';
  const [, per, unit] = UNITS.find(([limit]) => size < limit)!;
  const amount = `${Math.floor(size / per)} ${unit}`;
  return seconds < 0 ? `${amount} ago` : `in ${amount}`;
}

/** The time in the browser's zone, to the second. */
export function absolute(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function seconds(value: number): string {
  return value >= 3600 && value % 3600 === 0
    ? `${value / 3600} h`
    : value >= 60 && value % 60 === 0
      ? `${value / 60} min`
      : `${value} s`;
}

export const FINISHED: readonly GlobalStatus[] = ['succeed', 'failed'];
export const isFinished = (status: GlobalStatus) => FINISHED.includes(status);

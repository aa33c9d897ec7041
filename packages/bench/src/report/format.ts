import type { LoadShape } from '../scenarios/scenario.js';

/** A number for a table cell: `-` when unknown, fewer decimals as it grows. */
export function figure(value: number | undefined, decimals = 1): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  if (Math.abs(value) >= 1000) return Math.round(value).toString();
  return value.toFixed(decimals);
}

/** Operations per second, whole above 100. */
export const perSecond = (value: number): string => (value >= 100 ? Math.round(value).toString() : figure(value, 1));

/** `c=32` for a closed loop, `0.5x=617/s` for a fixed rate. */
export const shapeLabel = (shape: LoadShape): string =>
  shape.kind === 'closed' ? `c=${shape.concurrency}` : `${shape.fraction}x=${perSecond(shape.ratePerSecond)}/s`;

import { z } from 'zod';

const seconds = z.coerce.number().int();

/**
 * Settings of the barrier janitor (`startBarrierJanitor` of @mall/dtm-client), for the apps that
 * keep DTM's barrier table. Off unless BARRIER_JANITOR_INTERVAL is set; then DTM_HTTP_SERVER is needed.
 */
export const barrierJanitorShape = {
  /** Seconds between runs; 0 = off. */
  BARRIER_JANITOR_INTERVAL: seconds.min(0).max(86_400).default(0),
  /** Seconds a barrier row is kept after DTM reports its transaction finished; at least an hour. */
  BARRIER_RETENTION: seconds.min(3_600).max(315_360_000).default(604_800),
  /**
   * The DTM server's JANITOR_RETENTION, when its janitor is on: a gid DTM no longer knows is taken
   * as finished once its rows are older than this. Unset: such rows are kept.
   */
  DTM_JANITOR_RETENTION: seconds.min(3_600).max(315_360_000).optional(),
  /** DTM's HTTP API, e.g. `http://dtm:36789/api/dtmsvr`, asked whether a gid has finished. */
  DTM_HTTP_SERVER: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL, e.g. http://dtm:36789/api/dtmsvr')
    .optional(),
};

/** The check that goes with barrierJanitorShape: a janitor that is on needs DTM's address. */
export const janitorHasDtm = (config: { BARRIER_JANITOR_INTERVAL: number; DTM_HTTP_SERVER?: string | undefined }) =>
  config.BARRIER_JANITOR_INTERVAL === 0 || config.DTM_HTTP_SERVER !== undefined;

export const JANITOR_NEEDS_DTM = {
  path: ['DTM_HTTP_SERVER'],
  message: 'is required when BARRIER_JANITOR_INTERVAL is set',
};

import type { HttpDtmClient } from '../http/http-dtm-client.js';

/** What DTM says about a gid, as far as its barrier rows are concerned. */
export type GidFate =
  /** prepared / submitted / aborting: DTM may still call its branches. */
  | { state: 'open' }
  /** succeed / failed: DTM calls none of its branches any more. */
  | { state: 'finished'; status: 'succeed' | 'failed'; endedAt: Date }
  /** DTM holds no transaction with this gid (never had one, or its janitor deleted it). */
  | { state: 'unknown' };

/**
 * Asks DTM's `/query` about one gid. A finished transaction ended at the latest of its update,
 * finish and rollback times; one whose times cannot be read counts as open, so its rows are kept.
 */
export function dtmGidFate(client: Pick<HttpDtmClient, 'query'>): (gid: string) => Promise<GidFate> {
  return async (gid) => {
    const { transaction } = await client.query(gid);
    if (!transaction) return { state: 'unknown' };
    const { status } = transaction;
    if (status !== 'succeed' && status !== 'failed') return { state: 'open' };
    const times = [transaction.update_time, transaction.finish_time, transaction.rollback_time]
      .map((time) => (time ? Date.parse(time) : Number.NaN))
      .filter(Number.isFinite);
    if (times.length === 0) return { state: 'open' };
    return { state: 'finished', status, endedAt: new Date(Math.max(...times)) };
  };
}

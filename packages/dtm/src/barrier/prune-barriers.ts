import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { UNDO_OPS } from './branch-barrier.js';
import type { GidFate } from './gid-fate.js';
import { DEFAULT_BARRIER_TABLE, parseTableName } from './table-name.js';

export interface PruneBarriersOptions {
  /** `table` or `schema.table`; DTM's default is `dtm_barrier.barrier`. */
  tableName?: string;
  /**
   * Seconds. A gid's rows go once DTM says its transaction ended at least this long ago; rows
   * younger than this are not even looked at. At least an hour in the mall's configuration.
   */
  retentionSeconds: number;
  /** What DTM says about a gid, e.g. `dtmGidFate(createHttpDtmClient(server))`. */
  fateOf: (gid: string) => Promise<GidFate>;
  /**
   * Seconds DTM keeps finished transactions (its JANITOR_RETENTION): a gid DTM does not know is
   * taken as finished and forgotten once its rows are older than this. Unset: DTM deletes nothing,
   * so a gid it does not know is a mistake somewhere (another DTM, a restored database), and its
   * rows are kept.
   */
  forgottenAfterSeconds?: number;
  /**
   * This service's compensations may be called after the saga succeeded, by the application itself
   * with the saga's metadata (the mall cancels an unpaid order by calling the stock step's
   * compensation). Then a branch's rows are kept until its compensation (or cancel / rollback) row
   * exists: without the action row, that late compensation would be taken for a null one and undo
   * nothing. Such kept rows are skipped by the database without asking DTM.
   */
  compensatedLater?: boolean;
  /** Rows read (and at most deleted) per batch; each batch deletes by primary key. Default 200. */
  batchSize?: number;
  /** DTM queries in flight at once. Default 4. */
  concurrency?: number;
  /** Stops between two batches. */
  signal?: AbortSignal;
  /** The clock DTM's end times are compared with. */
  now?: () => Date;
}

/** What one run did: rows it read and deleted, and why it kept the others. */
export interface PruneReport {
  scanned: number;
  deleted: number;
  gids: number;
  kept: { open: number; recent: number; unknown: number };
}

interface Candidate {
  id: string;
  gid: string;
  createTime: Date;
  /** Older than forgottenAfterSeconds (by the database's clock, which wrote it). */
  forgotten: boolean;
}

type Verdict = 'delete' | keyof PruneReport['kept'];

const BATCH_PAUSE_MS = 50;

/**
 * Deletes barrier rows that can no longer matter, oldest first, in small batches.
 *
 * Why a deleted row cannot be missed. A barrier row answers a later call of the same gid, branch
 * and op: a repeat (skip it), a compensation whose action never ran (do nothing), an action after
 * its compensation (skip it). DTM sends branch calls only while the transaction is unfinished;
 * once it is `succeed` or `failed`, no pass of any instance calls a branch again (every write is
 * conditional on an unfinished status, and a pass waits for its calls before it ends). So rows are
 * deleted only for gids DTM reports finished `retentionSeconds` ago, or no longer knows because
 * its own janitor removed them (`forgottenAfterSeconds`, which needs the rows at least that old:
 * DTM forgets a transaction no sooner than its retention after the end, and every row predates
 * the end).
 *
 * The residual risk is a call DTM sent before the end that reaches this service only after the
 * deletion, i.e. delayed by more than the retention (an hour at least, a week by default). Only a
 * late action (or try) would do harm, running its business a second time; a late compensation
 * finds no action row and does nothing. A call cannot wait that long: DTM gives up on it after its
 * request timeout (3 s by default), a dead TCP connection is reset within minutes, and a lock wait
 * on this database times out in under a minute. The other risk is the application's own use of a
 * saga's metadata after the end, which `compensatedLater` covers.
 *
 * Rows are read through the `create_time` index and deleted by primary key, so the run locks only
 * the rows it removes; several replicas may run it at once (a row already gone is not counted).
 */
export async function pruneBarriers(pool: Pool, options: PruneBarriersOptions): Promise<PruneReport> {
  const {
    retentionSeconds,
    fateOf,
    forgottenAfterSeconds,
    compensatedLater = false,
    batchSize = 200,
    concurrency = 4,
    signal,
    now = () => new Date(),
  } = options;
  const table = parseTableName(options.tableName ?? DEFAULT_BARRIER_TABLE).sql;
  const fates = new Map<string, GidFate>();
  const report: PruneReport = { scanned: 0, deleted: 0, gids: 0, kept: { open: 0, recent: 0, unknown: 0 } };

  const learnFates = async (gids: string[]) => {
    const queue = gids.filter((gid) => !fates.has(gid));
    report.gids += queue.length;
    const worker = async () => {
      for (let gid = queue.shift(); gid !== undefined; gid = queue.shift()) fates.set(gid, await fateOf(gid));
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  };

  const verdict = (row: Candidate): Verdict => {
    const fate = fates.get(row.gid)!;
    if (fate.state === 'open') return 'open';
    if (fate.state === 'finished' && now().getTime() - fate.endedAt.getTime() < retentionSeconds * 1000) {
      return 'recent';
    }
    if (fate.state === 'unknown' && !row.forgotten) return 'unknown';
    return 'delete';
  };

  let after: Candidate | undefined;
  while (!signal?.aborted) {
    const rows = await readOldest(pool, table, {
      retentionSeconds,
      forgottenAfterSeconds,
      onlyUndone: compensatedLater,
      batchSize,
      after,
    });
    report.scanned += rows.length;
    if (rows.length === 0) break;
    after = rows.at(-1);
    const gids = [...new Set(rows.map((row) => row.gid))];
    await learnFates(gids);
    const doomed: string[] = [];
    for (const row of rows) {
      const decided = verdict(row);
      if (decided === 'delete') doomed.push(row.id);
      else report.kept[decided] += 1;
    }
    if (doomed.length > 0) {
      const [result] = await pool.query<ResultSetHeader>(`DELETE FROM ${table} WHERE id IN (?)`, [doomed]);
      report.deleted += result.affectedRows;
    }
    if (rows.length < batchSize) break;
    if (doomed.length > 0) await sleep(BATCH_PAUSE_MS, undefined, { signal }).catch(() => undefined);
  }
  return report;
}

const UNDONE = `AND EXISTS (SELECT 1 FROM %TABLE% u WHERE u.gid = b.gid AND u.branch_id = b.branch_id
  AND u.op IN (${UNDO_OPS.map(() => '?').join(', ')}))`;

interface Page {
  retentionSeconds: number;
  forgottenAfterSeconds: number | undefined;
  onlyUndone: boolean;
  batchSize: number;
  after: Candidate | undefined;
}

/**
 * The next `batchSize` rows older than the retention, by (create_time, id), after `after`; with
 * `onlyUndone`, only rows of branches whose undo row exists, the others skipped by the database
 * itself. Ages are measured with the database's clock, which stamped `create_time`.
 */
async function readOldest(pool: Pool, table: string, page: Page): Promise<Candidate[]> {
  const { retentionSeconds, forgottenAfterSeconds, onlyUndone, batchSize, after } = page;
  const params: unknown[] = [];
  let forgotten = 'FALSE';
  if (forgottenAfterSeconds !== undefined) {
    forgotten = 'b.create_time < NOW() - INTERVAL ? SECOND';
    params.push(forgottenAfterSeconds);
  }
  params.push(retentionSeconds);
  let where = '';
  if (after) {
    where += ' AND (b.create_time > ? OR (b.create_time = ? AND b.id > ?))';
    params.push(after.createTime, after.createTime, after.id);
  }
  if (onlyUndone) {
    where += ` ${UNDONE.replace('%TABLE%', table)}`;
    params.push(...UNDO_OPS);
  }
  params.push(batchSize);
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT b.id, b.gid, b.create_time, ${forgotten} AS forgotten FROM ${table} b
     WHERE b.create_time < NOW() - INTERVAL ? SECOND${where} ORDER BY b.create_time, b.id LIMIT ?`,
    params,
  );
  return rows.map((row) => ({
    id: String(row.id),
    gid: String(row.gid),
    createTime: row.create_time as Date,
    forgotten: Number(row.forgotten) === 1,
  }));
}

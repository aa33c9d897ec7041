import { fileURLToPath } from 'node:url';
import { createPool as createCorePool, type Pool as CorePool } from 'mysql2';
import { createPool, ensureDatabase, migrate, type Pool } from '@mall/db';
import type { Logger } from '@mall/logger';
import type { Branch, GlobalStatus } from '../../trans/types.js';
import type { StatusChange, Store } from '../store.js';
import { addBranches, changeStatusWithBranches, findBranches, saveNew, updateBranches } from './branches.js';
import { leaseDue, resetCronTime, resetNextCronTime } from './cron.js';
import { changeStatus, findGlobal, scanGlobals, touchCronTime } from './globals.js';
import { findKv, scanKv } from './kv.js';
import { purgeFinished } from './purge.js';
import { moveGlobal, writeBranchesJoined, type Statement } from './statements.js';
import { ALONE, createWriteLanes, type WriteLanes } from './write-lanes.js';

const MIGRATIONS = new URL('../../../sql/', import.meta.url);

export interface MysqlStoreOptions {
  url: string;
  database: string;
  poolSize: number;
  /** Lanes of group commit for the hot writes (one connection each); 0 writes each on its own. */
  writeLanes: number;
  logger: Logger;
}

const statementSize = ({ sql, params }: Statement) => sql.length + params.length * 32;

/** One row per (branch_id, op), the latest state winning, so matched rows can be counted exactly. */
const distinct = (branches: Branch[]) =>
  branches.length < 2 ? branches : [...new Map(branches.map((b) => [`${b.branchId}\u0000${b.op}`, b])).values()];

/** What the hot writes cost when nothing is grouped: each is its own local transaction. */
function directWrites(pool: Pool): Pick<Store, 'saveNew' | 'updateBranches' | 'changeStatus' | 'touchCronTime'> {
  return {
    saveNew: (trans, branches) => saveNew(pool, trans, branches),
    updateBranches: (gid, branches, status) => updateBranches(pool, gid, branches, status),
    changeStatus: (gid, from, to, change, branches = []) =>
      branches.length > 0
        ? changeStatusWithBranches(pool, gid, from, to, change, branches)
        : changeStatus(pool, gid, from, to, change),
    touchCronTime: (gid, status, interval, next, now) => touchCronTime(pool, gid, status, interval, next, now),
  };
}

/**
 * The same writes through the write lanes, each as one statement whose matched-row count decides
 * the answer; whenever it cannot (no row matched: stale, or a branch row missing), the direct form
 * runs and answers.
 */
function groupedWrites(pool: Pool, lanes: WriteLanes): ReturnType<typeof directWrites> {
  const direct = directWrites(pool);
  const branchesMoved = (gid: string, from: GlobalStatus, to: GlobalStatus, change: StatusChange, given: Branch[]) => {
    const rows = distinct(given);
    const statement = writeBranchesJoined(gid, from, rows, { to, change });
    return lanes.write(gid, {
      kind: 'statement',
      statement,
      size: statementSize(statement),
      settle(matched) {
        if (matched === rows.length + 1) return true;
        if (matched === 0) return ALONE;
        // The global row moved, but some branch rows were not there to update: the engine only
        // writes rows it read or created, so this is a broken invariant, not a race.
        throw new Error(`transaction ${gid} moved to ${to}, but ${rows.length + 1 - matched} branch rows are missing`);
      },
      alone: () => direct.changeStatus(gid, from, to, change, rows),
    });
  };
  return {
    saveNew: (trans, branches) =>
      lanes.write(trans.gid, {
        kind: 'insert',
        trans,
        branches,
        size: 1024 + branches.reduce((sum, branch) => sum + 256 + branch.url.length + branch.payload.length, 0),
        inserted: true,
        alone: () => direct.saveNew(trans, branches),
      }),
    updateBranches(gid, given, status) {
      const branches = distinct(given);
      if (branches.length === 0) return direct.updateBranches(gid, branches, status);
      const statement = writeBranchesJoined(gid, status, branches);
      return lanes.write(gid, {
        kind: 'statement',
        statement,
        size: statementSize(statement),
        settle: (matched) => (matched === branches.length ? undefined : ALONE),
        alone: () => direct.updateBranches(gid, branches, status),
      });
    },
    changeStatus(gid, from, to, change, branches = []) {
      if (branches.length > 0) return branchesMoved(gid, from, to, change, branches);
      const statement = moveGlobal(gid, from, to, change);
      return lanes.write(gid, {
        kind: 'statement',
        statement,
        size: statementSize(statement),
        settle: (matched) => matched > 0,
        alone: () => direct.changeStatus(gid, from, to, change),
      });
    },
    touchCronTime: direct.touchCronTime,
  };
}

/** A Store over existing pools (the caller owns them); `lanes` groups the hot writes, if given. */
export function mysqlStore(pool: Pool, lanes?: WriteLanes): Store {
  return {
    findGlobal: (gid) => findGlobal(pool, gid),
    scanGlobals: (scan) => scanGlobals(pool, scan),
    findBranches: (gid) => findBranches(pool, gid),
    ...(lanes ? groupedWrites(pool, lanes) : directWrites(pool)),
    addBranches: (gid, branches) => addBranches(pool, gid, branches),
    leaseDue: (lease) => leaseDue(pool, lease),
    resetCronTime: (after, now, limit) => resetCronTime(pool, after, now, limit),
    resetNextCronTime: (gid, now) => resetNextCronTime(pool, gid, now),
    purgeFinished: (before, limit) => purgeFinished(pool, before, limit),
    findKv: (cat, key) => findKv(pool, cat, key),
    scanKv: (cat, position, limit) => scanKv(pool, cat, position, limit),
    close: () => pool.end(),
  };
}

/**
 * The connections of the write lanes: callback API (no promise wrapper, no stack captured per
 * query), several statements per round trip. Every value still goes through the driver's `?`
 * escaping; no statement is built from input text. Same session settings as `@mall/db`'s pool.
 */
function createLanePool(url: string, database: string, connections: number): CorePool {
  const parsed = new URL(url);
  return createCorePool({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
    connectionLimit: connections,
    multipleStatements: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    charset: 'utf8mb4',
    timezone: 'Z',
    enableKeepAlive: true,
  });
}

/** Creates the database and DTM's tables when missing, then returns a Store that owns its pools. */
export async function openMysqlStore({
  url,
  database,
  poolSize,
  writeLanes,
  logger,
}: MysqlStoreOptions): Promise<Store> {
  await ensureDatabase(url, database);
  const pool = createPool({ url, database, connectionLimit: poolSize });
  try {
    await migrate(pool, {
      service: 'dtm',
      dir: fileURLToPath(MIGRATIONS),
      log: (message, details) => logger.info(details, message),
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  if (writeLanes === 0) return mysqlStore(pool);
  const lanePool = createLanePool(url, database, writeLanes);
  const lanes = createWriteLanes({ pool: lanePool, lanes: writeLanes });
  const store = mysqlStore(pool, lanes);
  return {
    ...store,
    async close() {
      // Writes already queued (and any they fall back to on the main pool) go first.
      await lanes.idle();
      await new Promise<void>((resolve) => lanePool.end(() => resolve()));
      await store.close();
    },
  };
}

import { fileURLToPath } from 'node:url';
import { createPool, ensureDatabase, migrate, type Pool } from '@mall/db';
import type { Logger } from '@mall/logger';
import type { Store } from '../store.js';
import { addBranches, findBranches, saveNew, updateBranch } from './branches.js';
import { leaseDue, resetCronTime, resetNextCronTime } from './cron.js';
import { changeStatus, findGlobal, scanGlobals, touchCronTime } from './globals.js';
import { findKv, scanKv } from './kv.js';

const MIGRATIONS = new URL('../../../sql/', import.meta.url);

export interface MysqlStoreOptions {
  url: string;
  database: string;
  poolSize: number;
  logger: Logger;
}

/** A Store over an existing pool (the caller owns the pool). */
export function mysqlStore(pool: Pool): Store {
  return {
    findGlobal: (gid) => findGlobal(pool, gid),
    scanGlobals: (scan) => scanGlobals(pool, scan),
    findBranches: (gid) => findBranches(pool, gid),
    saveNew: (trans, branches) => saveNew(pool, trans, branches),
    updateBranch: (branch, status) => updateBranch(pool, branch, status),
    addBranches: (gid, branches) => addBranches(pool, gid, branches),
    changeStatus: (gid, from, to, change) => changeStatus(pool, gid, from, to, change),
    touchCronTime: (gid, status, interval, next, now) => touchCronTime(pool, gid, status, interval, next, now),
    leaseDue: (lease) => leaseDue(pool, lease),
    resetCronTime: (after, now, limit) => resetCronTime(pool, after, now, limit),
    resetNextCronTime: (gid, now) => resetNextCronTime(pool, gid, now),
    findKv: (cat, key) => findKv(pool, cat, key),
    scanKv: (cat, position, limit) => scanKv(pool, cat, position, limit),
    close: () => pool.end(),
  };
}

/** Creates the database and DTM's tables when missing, then returns a Store that owns its pool. */
export async function openMysqlStore({ url, database, poolSize, logger }: MysqlStoreOptions): Promise<Store> {
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
  return mysqlStore(pool);
}

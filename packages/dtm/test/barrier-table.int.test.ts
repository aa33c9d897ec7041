import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPool, type Pool, type RowDataPacket } from '@mall/db';
import { createTestDatabase, type TestDatabase } from '@mall/testing';
import { barrierTableDdl, DEFAULT_BARRIER_TABLE, ensureBarrierTable } from '../src/index.js';

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase(inject('mysqlUrl'), 'dtm');
  pool = createPool({ url: inject('mysqlUrl'), database: database.name });
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

async function showCreate(table: string): Promise<string> {
  const [rows] = await pool.query<RowDataPacket[]>(`SHOW CREATE TABLE ${table}`);
  return String(rows[0]?.['Create Table']).replace(/^CREATE TABLE `\w+`/, 'CREATE TABLE `t`');
}

describe('barrier table', () => {
  it('creates the table of sql/barrier.mysql.sql under any name, and can run again', async () => {
    await ensureBarrierTable(pool, `${database.name}.named`);
    await ensureBarrierTable(pool, 'named');
    const created = await showCreate('named');
    expect(created).toContain('UNIQUE KEY `gid` (`gid`,`branch_id`,`op`,`barrier_id`)');
    for (const column of [
      'trans_type',
      'gid',
      'branch_id',
      'op',
      'barrier_id',
      'reason',
      'create_time',
      'update_time',
    ]) {
      expect(created).toContain(`\`${column}\``);
    }
  });

  it("defaults to DTM's dtm_barrier.barrier", async () => {
    expect(DEFAULT_BARRIER_TABLE).toBe('dtm_barrier.barrier');
    expect(await barrierTableDdl()).toMatch(/^CREATE TABLE IF NOT EXISTS `dtm_barrier`\.`barrier` \(/);
  });

  it('refuses names that are not plain identifiers', async () => {
    for (const name of ['barrier; DROP TABLE x', 'a.b.c', '', 'my-barrier']) {
      await expect(barrierTableDdl(name)).rejects.toThrow(/barrier table name/);
    }
    await expect(ensureBarrierTable(pool, 'x`y')).rejects.toThrow(/barrier table name/);
  });
});

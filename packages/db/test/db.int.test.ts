import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, freePort, type TestDatabase } from '@mall/testing';
import {
  createPool,
  migrate,
  withTransaction,
  isDatabaseUnreachable,
  isDuplicateKey,
  type Pool,
  type RowDataPacket,
} from '../src/index.js';

let database: TestDatabase;
let pool: Pool;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase(inject('mysqlUrl'), 'db');
  pool = createPool({ url: inject('mysqlUrl'), database: database.name, connectionLimit: 8 });
  dir = await mkdtemp(join(tmpdir(), 'migrations-'));
  await writeFile(
    join(dir, '001_thing.sql'),
    '-- a table\nCREATE TABLE thing (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(20) NOT NULL, UNIQUE KEY u (name));\n',
  );
  await writeFile(
    join(dir, '002_seed.sql'),
    "INSERT INTO thing (name) VALUES ('a');\nINSERT INTO thing (name) VALUES ('b');\n",
  );
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('migrate', () => {
  it('applies each file once, even when several instances start at the same time', async () => {
    const runs = await Promise.all(Array.from({ length: 4 }, () => migrate(pool, { service: 'demo', dir })));
    expect(runs.flat().sort()).toEqual(['001_thing.sql', '002_seed.sql']);
    expect(await migrate(pool, { service: 'demo', dir })).toEqual([]);
    const [rows] = await pool.query<RowDataPacket[]>('SELECT name FROM thing ORDER BY name');
    expect(rows.map((row) => String(row.name))).toEqual(['a', 'b']);
  });

  it('finishes a file whose DDL ran before a crash kept it out of the ledger', async () => {
    const crashDir = await mkdtemp(join(tmpdir(), 'migrations-'));
    await writeFile(join(crashDir, '001_t.sql'), 'CREATE TABLE half (id int NOT NULL PRIMARY KEY);\n');
    await writeFile(join(crashDir, '002_column.sql'), 'ALTER TABLE half ADD COLUMN note varchar(10) NULL;\n');
    await pool.query('CREATE TABLE half (id int NOT NULL PRIMARY KEY)');
    await pool.query('ALTER TABLE half ADD COLUMN note varchar(10) NULL');
    expect(await migrate(pool, { service: 'crashed', dir: crashDir })).toEqual(['001_t.sql', '002_column.sql']);
    expect(await migrate(pool, { service: 'crashed', dir: crashDir })).toEqual([]);
  });
});

describe('withTransaction', () => {
  it('commits on success and rolls back when the work throws', async () => {
    await withTransaction(pool, async (tx) => {
      await tx.query("INSERT INTO thing (name) VALUES ('c')");
    });
    const failure = await withTransaction(pool, async (tx) => {
      await tx.query("INSERT INTO thing (name) VALUES ('d')");
      await tx.query("INSERT INTO thing (name) VALUES ('a')");
    }).catch((error: unknown) => error);
    expect(isDuplicateKey(failure)).toBe(true);
    const [rows] = await pool.query<RowDataPacket[]>("SELECT name FROM thing WHERE name IN ('c', 'd')");
    expect(rows.map((row) => String(row.name))).toEqual(['c']);
  });

  it('returns BIGINT values as exact strings', async () => {
    const [rows] = await pool.query<RowDataPacket[]>('SELECT CAST(9007199254740993 AS UNSIGNED) AS big');
    expect(rows[0]?.big).toBe('9007199254740993');
  });
});

describe('isDatabaseUnreachable', () => {
  it('tells a server out of reach from a statement the server refused', async () => {
    const nobody = createPool({ url: `mysql://root:@127.0.0.1:${await freePort()}`, database: 'none' });
    const refused = await nobody.query('SELECT 1').catch((error: unknown) => error);
    await nobody.end();
    expect(isDatabaseUnreachable(refused)).toBe(true);

    const duplicate = await pool.query("INSERT INTO thing (name) VALUES ('a')").catch((error: unknown) => error);
    const syntax = await pool.query('SELEC 1').catch((error: unknown) => error);
    expect([isDatabaseUnreachable(duplicate), isDatabaseUnreachable(syntax)]).toEqual([false, false]);
  });
});

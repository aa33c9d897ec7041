import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PoolConnection, RowDataPacket } from '@mall/db';
import { BranchBarrier, DtmDuplicatedError, DtmFailureError, type TransInfo } from '../src/index.js';
import { openBarrierDatabase, type BarrierDatabase } from './support/barrier-database.js';

let db: BarrierDatabase;

beforeAll(async () => {
  db = await openBarrierDatabase(inject('mysqlUrl'));
});

afterAll(async () => {
  await db?.close();
});

/** A fresh barrier, as a branch handler builds for each incoming call. */
function barrierFor(gid: string, op: string, transType = 'saga'): BranchBarrier {
  const info: TransInfo = { transType, gid, branchId: '01', op };
  return new BranchBarrier(info, { tableName: db.tableName });
}

/** Business work that writes a ledger row, so a test can see whether (and how often) it committed. */
function writeNote(note: string) {
  return async (tx: PoolConnection) => {
    await tx.query('INSERT INTO ledger (note) VALUES (?)', [note]);
    return note;
  };
}

async function notes(gid: string): Promise<string[]> {
  const [rows] = await db.pool.query<RowDataPacket[]>('SELECT note FROM ledger WHERE note LIKE ? ORDER BY id', [
    `${gid}%`,
  ]);
  return rows.map((row) => String(row.note));
}

const newGid = () => randomUUID();

describe('barrier decision table (saga)', () => {
  it('normal action: runs the business and records the action row in the same commit', async () => {
    const gid = newGid();
    const result = await barrierFor(gid, 'action').call(db.pool, writeNote(`${gid}:action`));
    expect(result).toEqual({ skipped: false, value: `${gid}:action` });
    expect(await notes(gid)).toEqual([`${gid}:action`]);
    expect(await db.rows(gid)).toEqual([{ op: 'action', barrier_id: '01', reason: 'action' }]);
  });

  it('duplicate action: a repeated call commits nothing new and reports success', async () => {
    const gid = newGid();
    await barrierFor(gid, 'action').call(db.pool, writeNote(`${gid}:action`));
    const again = await barrierFor(gid, 'action').call(db.pool, writeNote(`${gid}:action-again`));
    expect(again).toEqual({ skipped: true, reason: 'duplicate' });
    expect(await notes(gid)).toEqual([`${gid}:action`]);
    expect(await db.rows(gid)).toHaveLength(1);
  });

  it('normal compensation after a committed action runs the business', async () => {
    const gid = newGid();
    await barrierFor(gid, 'action').call(db.pool, writeNote(`${gid}:action`));
    const result = await barrierFor(gid, 'compensate').call(db.pool, writeNote(`${gid}:compensate`));
    expect(result).toEqual({ skipped: false, value: `${gid}:compensate` });
    expect(await notes(gid)).toEqual([`${gid}:action`, `${gid}:compensate`]);
    expect(await db.rows(gid)).toEqual([
      { op: 'action', barrier_id: '01', reason: 'action' },
      { op: 'compensate', barrier_id: '01', reason: 'compensate' },
    ]);
  });

  it('duplicate compensation: the second one is skipped', async () => {
    const gid = newGid();
    await barrierFor(gid, 'action').call(db.pool, writeNote(`${gid}:action`));
    await barrierFor(gid, 'compensate').call(db.pool, writeNote(`${gid}:compensate`));
    const again = await barrierFor(gid, 'compensate').call(db.pool, writeNote(`${gid}:compensate-again`));
    expect(again).toEqual({ skipped: true, reason: 'duplicate' });
    expect(await notes(gid)).toEqual([`${gid}:action`, `${gid}:compensate`]);
  });

  it('null compensation: rolling back an action that never committed does nothing but leave a marker', async () => {
    const gid = newGid();
    const result = await barrierFor(gid, 'compensate').call(db.pool, writeNote(`${gid}:compensate`));
    expect(result).toEqual({ skipped: true, reason: 'null-compensation' });
    expect(await notes(gid)).toEqual([]);
    expect(await db.rows(gid)).toEqual([
      { op: 'action', barrier_id: '01', reason: 'compensate' },
      { op: 'compensate', barrier_id: '01', reason: 'compensate' },
    ]);
  });

  it('hanging action: an action arriving after its compensation is skipped', async () => {
    const gid = newGid();
    await barrierFor(gid, 'compensate').call(db.pool, writeNote(`${gid}:compensate`));
    const late = await barrierFor(gid, 'action').call(db.pool, writeNote(`${gid}:late-action`));
    expect(late).toEqual({ skipped: true, reason: 'duplicate' });
    expect(await notes(gid)).toEqual([]);
  });

  it('business error: rolls back the barrier row with the business writes and rethrows the same error', async () => {
    const gid = newGid();
    const refusal = new DtmFailureError('insufficient stock');
    const outcome = await barrierFor(gid, 'action')
      .call(db.pool, async (tx) => {
        await writeNote(`${gid}:half-done`)(tx);
        throw refusal;
      })
      .catch((error: unknown) => error);
    expect(outcome).toBe(refusal);
    expect(await notes(gid)).toEqual([]);
    expect(await db.rows(gid)).toEqual([]);

    // With no action row left behind, the compensation that follows a failed action is a null one.
    const compensation = await barrierFor(gid, 'compensate').call(db.pool, writeNote(`${gid}:compensate`));
    expect(compensation).toEqual({ skipped: true, reason: 'null-compensation' });
  });

  it('business error in a compensation: rolls back the marker too, so a retry runs the business', async () => {
    const gid = newGid();
    await barrierFor(gid, 'action').call(db.pool, writeNote(`${gid}:action`));
    const crash = new Error('connection to the ledger lost');
    await expect(barrierFor(gid, 'compensate').call(db.pool, () => Promise.reject(crash))).rejects.toBe(crash);
    expect(await db.rows(gid)).toEqual([{ op: 'action', barrier_id: '01', reason: 'action' }]);

    const retry = await barrierFor(gid, 'compensate').call(db.pool, writeNote(`${gid}:compensate`));
    expect(retry.skipped).toBe(false);
    expect(await notes(gid)).toEqual([`${gid}:action`, `${gid}:compensate`]);
  });
});

describe('barrier ids and other ops', () => {
  it('numbers the calls of one barrier 01, 02…, and a fresh barrier starts again at 01', async () => {
    const gid = newGid();
    const first = barrierFor(gid, 'action');
    await first.call(db.pool, writeNote(`${gid}:a`));
    await first.call(db.pool, writeNote(`${gid}:b`));
    const repeatedRequest = await barrierFor(gid, 'action').call(db.pool, writeNote(`${gid}:c`));
    expect(repeatedRequest).toEqual({ skipped: true, reason: 'duplicate' });
    expect(await notes(gid)).toEqual([`${gid}:a`, `${gid}:b`]);
    expect((await db.rows(gid)).map((row) => row.barrier_id)).toEqual(['01', '02']);
  });

  it('guards tcc cancel with the try row and xa rollback with the action row', async () => {
    const tcc = newGid();
    expect(await barrierFor(tcc, 'cancel', 'tcc').call(db.pool, writeNote(`${tcc}:cancel`))).toEqual({
      skipped: true,
      reason: 'null-compensation',
    });
    expect(await barrierFor(tcc, 'try', 'tcc').call(db.pool, writeNote(`${tcc}:try`))).toMatchObject({ skipped: true });
    expect((await db.rows(tcc)).map((row) => `${row.op}/${row.reason}`)).toEqual(['try/cancel', 'cancel/cancel']);

    const xa = newGid();
    await barrierFor(xa, 'rollback', 'xa').call(db.pool, writeNote(`${xa}:rollback`));
    expect((await db.rows(xa)).map((row) => `${row.op}/${row.reason}`)).toEqual([
      'action/rollback',
      'rollback/rollback',
    ]);
    expect(await notes(tcc)).toEqual([]);
    expect(await notes(xa)).toEqual([]);
  });

  it('refuses a repeated msg op with DtmDuplicatedError instead of skipping it', async () => {
    const gid = newGid();
    await barrierFor(gid, 'msg', 'msg').call(db.pool, writeNote(`${gid}:msg`));
    await expect(barrierFor(gid, 'msg', 'msg').call(db.pool, writeNote(`${gid}:again`))).rejects.toBeInstanceOf(
      DtmDuplicatedError,
    );
    expect(await notes(gid)).toEqual([`${gid}:msg`]);
  });
});

describe('barrier under concurrency', () => {
  it('a compensation racing an uncommitted action waits for it, then compensates normally', async () => {
    const gid = newGid();
    let actionWrote!: () => void;
    let finishAction!: () => void;
    const actionHasWritten = new Promise<void>((resolve) => (actionWrote = resolve));
    const actionMayFinish = new Promise<void>((resolve) => (finishAction = resolve));
    const action = barrierFor(gid, 'action').call(db.pool, async (tx) => {
      await writeNote(`${gid}:action`)(tx);
      actionWrote();
      await actionMayFinish;
    });
    await actionHasWritten;

    let compensationDone = false;
    const compensation = barrierFor(gid, 'compensate')
      .call(db.pool, writeNote(`${gid}:compensate`))
      .finally(() => (compensationDone = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(compensationDone).toBe(false);

    finishAction();
    await action;
    expect(await compensation).toEqual({ skipped: false, value: `${gid}:compensate` });
    expect(await notes(gid)).toEqual([`${gid}:action`, `${gid}:compensate`]);
  });
});

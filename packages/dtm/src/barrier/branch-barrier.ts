import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';
import { withTransaction } from '@mall/db';
import { DtmDuplicatedError } from '../results/dtm-errors.js';
import { DEFAULT_BARRIER_TABLE, parseTableName } from './table-name.js';
import { readTransInfo, type TransInfo } from './trans-info.js';

export interface BarrierOptions {
  /** `table` or `schema.table`; DTM's default is `dtm_barrier.barrier`. */
  tableName?: string;
}

/**
 * What `call` did. Skips are successes: `duplicate` means this op's row was already there (a
 * repeated call, or an action arriving after its compensation ran); `null-compensation` means a
 * compensation came before its action committed.
 */
export type BarrierResult<T> =
  { skipped: false; value: T } | { skipped: true; reason: 'duplicate' | 'null-compensation' };

/** The op whose row a rollback-type op writes first, to block that op from running afterwards. */
const originOf: Partial<Record<string, string>> = { cancel: 'try', compensate: 'action', rollback: 'action' };

/** The ops that undo a branch (saga `compensate`, TCC `cancel`, XA/workflow `rollback`). */
export const UNDO_OPS: readonly string[] = Object.keys(originOf);

const fieldNames = { transType: 'transType', gid: 'gid', branchId: 'branchId', op: 'op' };

/**
 * DTM's sub-transaction barrier for one branch call. It makes the business work idempotent, skips
 * compensations of actions that never committed, and stops actions that arrive after their
 * compensation. Create one per incoming call (see barrierFromGrpcMetadata / barrierFromQuery):
 * each `call` takes the next barrier id, `01`, `02`…
 */
export class BranchBarrier {
  readonly info: TransInfo;
  private readonly table: string;
  private callCount = 0;

  constructor(info: TransInfo, { tableName = DEFAULT_BARRIER_TABLE }: BarrierOptions = {}) {
    this.info = readTransInfo((field) => info[field as keyof TransInfo], fieldNames);
    this.table = parseTableName(tableName).sql;
  }

  /**
   * Runs `business` behind the barrier in one local transaction on a connection from `pool`. The
   * transaction commits when `business` resolves or is skipped; when it throws, the barrier rows
   * are rolled back with the business writes and the error is rethrown.
   */
  async call<T>(pool: Pool, business: (tx: PoolConnection) => Promise<T>): Promise<BarrierResult<T>> {
    this.callCount += 1;
    const barrierId = String(this.callCount).padStart(2, '0');
    return withTransaction(pool, (tx) => this.pass(tx, barrierId, business));
  }

  private async pass<T>(
    tx: PoolConnection,
    barrierId: string,
    business: (tx: PoolConnection) => Promise<T>,
  ): Promise<BarrierResult<T>> {
    const { op } = this.info;
    const origin = originOf[op];
    const originInserted = origin !== undefined && (await this.insert(tx, origin, barrierId));
    const currentInserted = await this.insert(tx, op, barrierId);
    if (op === 'msg' && !currentInserted) {
      throw new DtmDuplicatedError(`message ${this.info.gid} was already handled`);
    }
    if (originInserted) return { skipped: true, reason: 'null-compensation' };
    if (!currentInserted) return { skipped: true, reason: 'duplicate' };
    return { skipped: false, value: await business(tx) };
  }

  /** True when the row is new, false when the unique key already held it. */
  private async insert(tx: PoolConnection, op: string, barrierId: string): Promise<boolean> {
    const { transType, gid, branchId } = this.info;
    const [result] = await tx.query<ResultSetHeader>(
      `INSERT IGNORE INTO ${this.table} (trans_type, gid, branch_id, op, barrier_id, reason) VALUES (?, ?, ?, ?, ?, ?)`,
      [transType, gid, branchId, op, barrierId, this.info.op],
    );
    return result.affectedRows > 0;
  }
}

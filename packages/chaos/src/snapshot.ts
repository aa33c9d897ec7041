import type { Pool, RowDataPacket } from 'mysql2/promise';

export interface SagaRow {
  gid: string;
  status: string;
  rollbackReason: string;
}

export interface OrderRow {
  id: number;
  gid: string | null;
  pid: number;
  num: number;
  status: number;
}

export interface BarrierRow {
  gid: string;
  branchId: string;
  op: string;
  reason: string;
}

/** Everything the invariants look at, read straight from the DTM database, the mall's and the barrier table. */
export interface Snapshot {
  sagas: SagaRow[];
  orders: OrderRow[];
  /** Current stock by product id. */
  stock: Map<number, number>;
  barrier: BarrierRow[];
}

export interface Databases {
  mall: string;
  dtm: string;
  /** `schema.table` */
  barrierTable: string;
}

const quote = (name: string) =>
  name
    .split('.')
    .map((part) => `\`${part}\``)
    .join('.');

export async function readStock(pool: Pool, databases: Databases): Promise<Map<number, number>> {
  const [rows] = await pool.query<RowDataPacket[]>(`SELECT id, stock FROM ${quote(databases.mall)}.product`);
  return new Map(rows.map((row) => [Number(row.id), Number(row.stock)]));
}

export async function countUnfinishedSagas(pool: Pool, databases: Databases): Promise<number> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS unfinished FROM ${quote(databases.dtm)}.trans_global WHERE status NOT IN ('succeed', 'failed')`,
  );
  return Number(rows[0]?.unfinished);
}

export async function readSnapshot(pool: Pool, databases: Databases): Promise<Snapshot> {
  const [sagas] = await pool.query<RowDataPacket[]>(
    `SELECT gid, status, rollback_reason FROM ${quote(databases.dtm)}.trans_global`,
  );
  const [orders] = await pool.query<RowDataPacket[]>(
    `SELECT id, gid, pid, num, status FROM ${quote(databases.mall)}.\`order\``,
  );
  const [barrier] = await pool.query<RowDataPacket[]>(
    `SELECT gid, branch_id, op, reason FROM ${quote(databases.barrierTable)}`,
  );
  return {
    sagas: sagas.map((row) => ({
      gid: String(row.gid),
      status: String(row.status),
      rollbackReason: String(row.rollback_reason ?? ''),
    })),
    orders: orders.map((row) => ({
      id: Number(row.id),
      gid: row.gid === null ? null : String(row.gid),
      pid: Number(row.pid),
      num: Number(row.num),
      status: Number(row.status),
    })),
    stock: await readStock(pool, databases),
    barrier: barrier.map((row) => ({
      gid: String(row.gid),
      branchId: String(row.branch_id),
      op: String(row.op),
      reason: String(row.reason),
    })),
  };
}

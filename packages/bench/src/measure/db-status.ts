import type { Pool, RowDataPacket } from 'mysql2/promise';

export const STATUS_NAMES = [
  'Com_commit',
  'Handler_commit',
  'Questions',
  'Com_select',
  'Com_insert',
  'Com_update',
  'Com_delete',
] as const;
export type StatusName = (typeof STATUS_NAMES)[number];
export type DbStatus = Record<StatusName, number>;

/** Database work per operation, from server-wide counters. */
export interface DbPerOp {
  /** COMMIT statements (explicit transactions). */
  commits: number;
  /** Storage-engine commits: every transaction, autocommitted single statements included. */
  handlerCommits: number;
  /** SELECT + INSERT + UPDATE + DELETE statements. */
  dml: number;
  /** Every statement clients sent (BEGIN, COMMIT, SET … included). */
  questions: number;
}

export function statusFromRows(rows: readonly { Variable_name: string; Value: string }[]): DbStatus {
  const status = {} as DbStatus;
  for (const name of STATUS_NAMES) {
    const row = rows.find((candidate) => candidate.Variable_name.toLowerCase() === name.toLowerCase());
    status[name] = row ? Number(row.Value) : Number.NaN;
  }
  return status;
}

export async function readDbStatus(pool: Pool): Promise<DbStatus> {
  const [rows] = await pool.query<(RowDataPacket & { Variable_name: string; Value: string })[]>(
    `SHOW GLOBAL STATUS WHERE Variable_name IN (${STATUS_NAMES.map(() => '?').join(', ')})`,
    [...STATUS_NAMES],
  );
  return statusFromRows(rows);
}

export function dbPerOp(before: DbStatus, after: DbStatus, ops: number): DbPerOp {
  const per = (...names: StatusName[]) =>
    ops > 0 ? names.reduce((sum, name) => sum + after[name] - before[name], 0) / ops : Number.NaN;
  return {
    commits: per('Com_commit'),
    handlerCommits: per('Handler_commit'),
    dml: per('Com_select', 'Com_insert', 'Com_update', 'Com_delete'),
    questions: per('Questions'),
  };
}

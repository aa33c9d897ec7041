import mysql, { type Connection } from 'mysql2/promise';
import { expect, inject } from 'vitest';
import '../provided-context.js';

/** A fingerprint of everything the mall stores: its four tables, DTM's transactions, the barrier rows. */
export interface MallState {
  checksums: Record<string, string>;
  transactions: number;
  barriers: number;
}

export interface MallStateReader {
  read(): Promise<MallState>;
  /** Fails unless nothing was written since `before`. */
  expectUnchanged(before: MallState, what: string): Promise<void>;
  close(): Promise<void>;
}

/** One connection kept open for the whole file: the properties read the state around every case. */
export async function openMallState(): Promise<MallStateReader> {
  const connection: Connection = await mysql.createConnection(inject('mysqlUrl'));
  const mall = inject('mysqlDatabase');
  const dtm = inject('dtmDatabase');
  const barrier = inject('barrierTable')
    .split('.')
    .map((part) => `\`${part}\``)
    .join('.');
  const tables = ['user', 'product', 'order', 'pay'].map((table) => `\`${mall}\`.\`${table}\``);

  async function read(): Promise<MallState> {
    const [sums] = await connection.query(`CHECKSUM TABLE ${tables.join(', ')}`);
    const [[counts]] = (await connection.query(
      `SELECT (SELECT COUNT(*) FROM \`${dtm}\`.trans_global) AS transactions, (SELECT COUNT(*) FROM ${barrier}) AS barriers`,
    )) as unknown as [[{ transactions: number; barriers: number }]];
    return {
      checksums: Object.fromEntries(
        (sums as { Table: string; Checksum: unknown }[]).map((row) => [row.Table, String(row.Checksum)]),
      ),
      transactions: Number(counts.transactions),
      barriers: Number(counts.barriers),
    };
  }

  return {
    read,
    async expectUnchanged(before, what) {
      expect(await read(), `${what} must store nothing`).toEqual(before);
    },
    close: () => connection.end(),
  };
}

import { randomBytes } from 'node:crypto';
import type { Pool, RowDataPacket } from 'mysql2/promise';

/** A prefix no other run uses: `bench_<8 hex>`. */
export const newRunPrefix = (): string => `bench_${randomBytes(4).toString('hex')}`;

/** Drops every database named `<prefix>_…`; answers their names. */
export async function dropRunDatabases(admin: Pool, prefix: string): Promise<string[]> {
  const [rows] = await admin.query<RowDataPacket[]>('SHOW DATABASES');
  const names = rows.map((row) => String(Object.values(row)[0])).filter((name) => name.startsWith(`${prefix}_`));
  for (const name of names) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  return names;
}

import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { InvariantCheck } from '../scenarios/scenario.js';

export interface StockRow {
  id: number;
  stock: number;
  /** Σ num of the product's orders that hold stock (every status but 9, cancelled). */
  held: number;
}

/** For every product: initial stock = current stock + stock held by its orders. */
export function stockCheck(initialStock: number, rows: readonly StockRow[]): InvariantCheck {
  const wrong = rows.filter((row) => row.stock + row.held !== initialStock);
  const held = rows.reduce((sum, row) => sum + row.held, 0);
  if (wrong.length === 0) {
    return { name: 'stock', ok: true, detail: `${rows.length} products, ${held} units held by orders` };
  }
  const detail = wrong
    .slice(0, 5)
    .map(
      (row) =>
        `product ${row.id}: stock ${row.stock} + held ${row.held} = ${row.stock + row.held}, not ${initialStock}`,
    )
    .join('; ');
  return { name: 'stock', ok: false, detail: `${wrong.length} of ${rows.length} products off: ${detail}` };
}

export async function readStock(admin: Pool, database: string, productIds: readonly number[]): Promise<StockRow[]> {
  const [rows] = await admin.query<RowDataPacket[]>(
    `SELECT p.id, p.stock,
            (SELECT COALESCE(SUM(o.num), 0) FROM \`${database}\`.\`order\` o WHERE o.pid = p.id AND o.status <> 9) AS held
       FROM \`${database}\`.product p WHERE p.id IN (?)`,
    [productIds],
  );
  return rows.map((row) => ({ id: Number(row.id), stock: Number(row.stock), held: Number(row.held) }));
}

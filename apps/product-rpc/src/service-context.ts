import type { Pool } from '@mall/db';
import type { ProductRepo } from './repo/product-repo.js';

/** Everything the handlers use, built once in main. */
export interface ServiceContext {
  /** For the saga branches' barrier transactions. */
  pool: Pool;
  products: ProductRepo;
  /** DTM's barrier table, `table` or `schema.table`. */
  barrierTable: string;
  /** Whether a call's `x-mall-fault` metadata is honoured. */
  faultInjection: boolean;
}

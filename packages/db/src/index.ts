export { createPool, ensureDatabase, type Pool, type PoolOptions } from './pool.js';
export { withTransaction, type Transaction } from './transaction.js';
export { migrate, type MigrateOptions } from './migrate.js';
export { isDatabaseUnreachable, isDuplicateKey } from './errors.js';
export type { ResultSetHeader, RowDataPacket, PoolConnection } from 'mysql2/promise';

// What the bench resource manager reads from its environment (set by the harness that starts it).
import { z } from 'zod';
import { env, loadConfig } from '@mall/config';

const schema = z.object({
  PORT: env.port(0).refine((port) => port > 0, 'is required'),
  MYSQL_URL: env.mysqlUrl,
  MYSQL_DATABASE: env.databaseName('bench_rm'),
  BARRIER_TABLE: env.tableName('dtm_barrier.barrier'),
  MYSQL_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
});

export type RmConfig = z.output<typeof schema>;

export const loadRmConfig = (source: NodeJS.ProcessEnv = process.env): RmConfig =>
  loadConfig('bench-rm', schema, source);

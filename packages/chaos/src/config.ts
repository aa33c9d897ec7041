// What `pnpm test:chaos` reads from its environment: CHAOS_* defaults for the command-line flags
// (a flag wins over its variable). MYSQL_URL / ETCD_ENDPOINTS are ignored on purpose: the chaos
// run kills and restarts its servers, so it always starts throw-away ones of its own.
import { z } from 'zod';
import { loadConfig } from '@mall/config';

const schema = z.object({
  CHAOS_SEED: z.string().optional(),
  CHAOS_USERS: z.string().optional(),
  CHAOS_PRODUCTS: z.string().optional(),
  CHAOS_STOCK: z.string().optional(),
  CHAOS_ORDERS: z.string().optional(),
  CHAOS_CONCURRENCY: z.string().optional(),
  CHAOS_DURATION: z.string().optional(),
  CHAOS_FAULT_RATE: z.string().optional(),
  CHAOS_CONVERGE_BOUND: z.string().optional(),
  CHAOS_KEEP_LOGS: z.enum(['true', 'false']).optional(),
});

export type ChaosConfig = z.output<typeof schema>;

export const loadChaosConfig = (source: NodeJS.ProcessEnv = process.env): ChaosConfig =>
  loadConfig('chaos', schema, source);

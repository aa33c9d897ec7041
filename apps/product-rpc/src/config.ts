import { env, loadConfig } from '@mall/config';
import { barrierJanitorShape, janitorHasDtm, JANITOR_NEEDS_DTM, rpcAppSchema } from '@mall/service';
import type { z } from 'zod';

const schema = rpcAppSchema(9001, 9091)
  .extend({
    /** DTM's barrier table (`table` or `schema.table`), on this service's MySQL server; created at start. */
    BARRIER_TABLE: env.tableName('dtm_barrier.barrier'),
    /** Honour the tutorial's `x-mall-fault` metadata (see @mall/rpc FAULTS); never on in production. */
    FAULT_INJECTION: env.flag(false),
  })
  .extend(barrierJanitorShape)
  .refine(janitorHasDtm, JANITOR_NEEDS_DTM);

export type ProductRpcConfig = z.output<typeof schema>;

/** Validates `env` (the process's environment unless given); a bad value throws one clear line. */
export const loadProductRpcConfig = (env: NodeJS.ProcessEnv = process.env): ProductRpcConfig =>
  loadConfig('product-rpc', schema, env);

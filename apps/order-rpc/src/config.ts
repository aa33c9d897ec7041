import { z } from 'zod';
import { env, loadConfig } from '@mall/config';
import { barrierJanitorShape, janitorHasDtm, JANITOR_NEEDS_DTM, rpcAppSchema } from '@mall/service';

const schema = rpcAppSchema(9002, 9092)
  .extend({
    /** This app's name and secret towards user-rpc and product-rpc (their RPC_AUTH_TOKENS must list it). */
    RPC_APP: z.string().min(1).default('order-rpc'),
    RPC_TOKEN: env.secret("order-rpc's token towards user-rpc and product-rpc"),
    RPC_DEADLINE_MS: env.milliseconds(2_000),
    USER_RPC_TARGET: z.string().min(1).default('etcd:///user.rpc'),
    PRODUCT_RPC_TARGET: z.string().min(1).default('etcd:///product.rpc'),
    /** DTM's barrier table, on the same MySQL server as the order table (they share transactions). */
    BARRIER_TABLE: env.tableName('dtm_barrier.barrier'),
  })
  .extend(barrierJanitorShape)
  .refine(janitorHasDtm, JANITOR_NEEDS_DTM);

export type OrderRpcConfig = z.output<typeof schema>;

/** Validates `env` (the process's environment unless given); a bad value throws one clear line. */
export const loadOrderRpcConfig = (env: NodeJS.ProcessEnv = process.env): OrderRpcConfig =>
  loadConfig('order-rpc', schema, env);

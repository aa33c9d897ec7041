import { z } from 'zod';
import { env, loadConfig } from '@mall/config';
import { rpcAppSchema } from '@mall/service';

const schema = rpcAppSchema(9003, 9093).extend({
  /** This app's name and secret towards order-rpc (its RPC_AUTH_TOKENS must list it). */
  RPC_APP: z.string().min(1).default('pay-rpc'),
  RPC_TOKEN: env.secret("pay-rpc's token towards order-rpc"),
  RPC_DEADLINE_MS: env.milliseconds(2_000),
  ORDER_RPC_TARGET: z.string().min(1).default('etcd:///order.rpc'),
});

export type PayRpcConfig = z.output<typeof schema>;

/** Validates `env` (the process's environment unless given); a bad value throws one clear line. */
export const loadPayRpcConfig = (env: NodeJS.ProcessEnv = process.env): PayRpcConfig =>
  loadConfig('pay-rpc', schema, env);

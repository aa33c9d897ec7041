import { loadConfig } from '@mall/config';
import { rpcAppSchema } from '@mall/service';
import type { z } from 'zod';

const schema = rpcAppSchema(9001);

export type ProductRpcConfig = z.output<typeof schema>;

/** Validates `env` (the process's environment unless given); a bad value throws one clear line. */
export const loadProductRpcConfig = (env: NodeJS.ProcessEnv = process.env): ProductRpcConfig =>
  loadConfig('product-rpc', schema, env);

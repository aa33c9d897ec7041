import { z } from 'zod';
import { loadConfig } from '@mall/config';
import { rpcAppSchema } from '@mall/service';

const schema = rpcAppSchema(9000, 9090).extend({
  /** scrypt cost (N); 32768 as in go-zero-mall. Lower only in tests. */
  SCRYPT_COST: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1024 && (n & (n - 1)) === 0, 'must be a power of two ≥ 1024')
    .default(32768),
});

export type UserRpcConfig = z.output<typeof schema>;

export const loadUserRpcConfig = (env: NodeJS.ProcessEnv = process.env): UserRpcConfig =>
  loadConfig('user-rpc', schema, env);

import { runRpcApp, type RunningRpcApp } from '@mall/service';
import type { UserRpcConfig } from './config.js';
import { decoyHash } from './domain/password.js';
import { UserRepo } from './repo/user-repo.js';
import { addUserService } from './server.js';

export const ETCD_KEY = 'user.rpc';

export async function startUserRpc(config: UserRpcConfig, etcdKey = ETCD_KEY): Promise<RunningRpcApp> {
  const decoy = await decoyHash(config.SCRYPT_COST);
  return runRpcApp({
    name: 'user-rpc',
    etcdKey,
    config,
    migrations: new URL('../sql/', import.meta.url),
    wire: ({ pool, server }) =>
      addUserService(server, { users: new UserRepo(pool), scryptCost: config.SCRYPT_COST, decoyHash: decoy }),
  });
}

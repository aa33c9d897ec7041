import { randomBytes } from 'node:crypto';

export interface Secrets {
  JWT_SECRET: string;
  GATEWAY_RPC_TOKEN: string;
  ORDER_RPC_TOKEN: string;
  PAY_RPC_TOKEN: string;
  /** What DTM presents to order-rpc and product-rpc when it calls a saga branch (sent by the gateway as branch_headers). */
  DTM_RPC_TOKEN: string;
  /** The DTM admin console's bearer token (`/admin`); DTM wants at least 32 characters. */
  DTM_ADMIN_TOKEN: string;
}

const random = () => randomBytes(24).toString('base64url');

/** The secrets from `env` where set, fresh random ones (for this run only) where not. */
export function generateSecrets(env: Record<string, string | undefined> = {}): Secrets {
  return {
    JWT_SECRET: env.JWT_SECRET || random(),
    GATEWAY_RPC_TOKEN: env.GATEWAY_RPC_TOKEN || random(),
    ORDER_RPC_TOKEN: env.ORDER_RPC_TOKEN || random(),
    PAY_RPC_TOKEN: env.PAY_RPC_TOKEN || random(),
    DTM_RPC_TOKEN: env.DTM_RPC_TOKEN || random(),
    DTM_ADMIN_TOKEN: env.DTM_ADMIN_TOKEN || random(),
  };
}

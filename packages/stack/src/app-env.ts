import type { AppName } from './apps.js';
import type { Secrets } from './secrets.js';

export interface StackAddresses {
  mysqlUrl: string;
  mysqlDatabase: string;
  etcdEndpoints: string;
  ports: Record<AppName, number>;
  /** Extra ports the gateway also listens on (the tutorial's 8000–8003). */
  gatewayExtraPorts?: number[];
  logLevel?: string;
  /** Set: the gateway takes a payment provider's signed callbacks (see the pay chapter). */
  payCallbackSecret?: string;
}

/** The environment each app gets: the same variables docker-compose.yml sets. */
export function appEnv(app: AppName, addresses: StackAddresses, secrets: Secrets): Record<string, string> {
  const callers = (...apps: ('gateway' | 'order-rpc' | 'pay-rpc')[]) =>
    apps
      .map((caller) => {
        const token = {
          gateway: secrets.GATEWAY_RPC_TOKEN,
          'order-rpc': secrets.ORDER_RPC_TOKEN,
          'pay-rpc': secrets.PAY_RPC_TOKEN,
        }[caller];
        return `${caller}=${token}`;
      })
      .join(',');
  const common = {
    PORT: String(addresses.ports[app]),
    ETCD_ENDPOINTS: addresses.etcdEndpoints,
    LOG_LEVEL: addresses.logLevel ?? 'info',
  };
  const rpc = {
    ...common,
    LISTEN_HOST: '127.0.0.1',
    MYSQL_URL: addresses.mysqlUrl,
    MYSQL_DATABASE: addresses.mysqlDatabase,
  };
  switch (app) {
    case 'user-rpc':
    case 'product-rpc':
      return { ...rpc, RPC_AUTH_TOKENS: callers('gateway', 'order-rpc') };
    case 'order-rpc':
      return {
        ...rpc,
        RPC_AUTH_TOKENS: callers('gateway', 'pay-rpc'),
        RPC_APP: 'order-rpc',
        RPC_TOKEN: secrets.ORDER_RPC_TOKEN,
      };
    case 'pay-rpc':
      return { ...rpc, RPC_AUTH_TOKENS: callers('gateway'), RPC_APP: 'pay-rpc', RPC_TOKEN: secrets.PAY_RPC_TOKEN };
    case 'gateway':
      return {
        ...common,
        LISTEN_HOST: '127.0.0.1',
        JWT_SECRET: secrets.JWT_SECRET,
        RPC_APP: 'gateway',
        RPC_TOKEN: secrets.GATEWAY_RPC_TOKEN,
        ...(addresses.gatewayExtraPorts?.length ? { ALSO_LISTEN_PORTS: addresses.gatewayExtraPorts.join(',') } : {}),
        ...(addresses.payCallbackSecret ? { PAY_CALLBACK_SECRET: addresses.payCallbackSecret } : {}),
      };
  }
}

import { ConfigError } from '@mall/config';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.js';

const minimal = {
  ETCD_ENDPOINTS: '127.0.0.1:2379',
  JWT_SECRET: 'jwt-secret-0123456789',
  RPC_TOKEN: 'rpc-token-0123456789',
};

describe('loadGatewayConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadGatewayConfig(minimal)).toEqual({
      PORT: 8888,
      LISTEN_HOST: '0.0.0.0',
      ALSO_LISTEN_PORTS: [],
      ETCD_ENDPOINTS: ['http://127.0.0.1:2379'],
      JWT_SECRET: 'jwt-secret-0123456789',
      JWT_TTL_SECONDS: 86_400,
      RPC_APP: 'gateway',
      RPC_TOKEN: 'rpc-token-0123456789',
      RPC_DEADLINE_MS: 2_000,
      USER_RPC_TARGET: 'etcd:///user.rpc',
      PRODUCT_RPC_TARGET: 'etcd:///product.rpc',
      ORDER_RPC_TARGET: 'etcd:///order.rpc',
      PAY_RPC_TARGET: 'etcd:///pay.rpc',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: 5_000,
    });
  });

  it('reads extra ports as a comma list', () => {
    const config = loadGatewayConfig({ ...minimal, ALSO_LISTEN_PORTS: '8000, 8001,8002,8003,' });
    expect(config.ALSO_LISTEN_PORTS).toEqual([8000, 8001, 8002, 8003]);
  });

  it('stops with one line naming every bad or missing variable', () => {
    const attempt = () =>
      loadGatewayConfig({
        ETCD_ENDPOINTS: 'etcd:2379',
        JWT_SECRET: 'short',
        ALSO_LISTEN_PORTS: '8000,http',
        PORT: 'x',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^gateway: invalid configuration: [^\n]*$/);
    for (const name of ['JWT_SECRET', 'RPC_TOKEN', 'ALSO_LISTEN_PORTS', 'PORT']) expect(attempt).toThrow(name);
  });

  it('has no default secrets', () => {
    expect(() => loadGatewayConfig({ ETCD_ENDPOINTS: '127.0.0.1:2379' })).toThrow(/JWT_SECRET.*RPC_TOKEN/);
  });
});

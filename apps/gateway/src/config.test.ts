import { ConfigError } from '@mall/config';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.js';

const minimal = {
  ETCD_ENDPOINTS: '127.0.0.1:2379',
  JWT_SECRET: 'jwt-secret-0123456789',
  RPC_TOKEN: 'rpc-token-0123456789',
  DTM_BRANCH_TOKEN: 'dtm-token-0123456789',
};

describe('loadGatewayConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadGatewayConfig(minimal)).toEqual({
      PORT: 8888,
      LISTEN_HOST: '0.0.0.0',
      METRICS_PORT: 9080,
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
      DTM_SERVER: 'etcd://127.0.0.1:2379/dtmservice',
      DTM_SUBMIT_TIMEOUT_MS: 10_000,
      DTM_BRANCH_TOKEN: 'dtm-token-0123456789',
      SAGA_ORDER_TARGET: 'etcd://127.0.0.1:2379/order.rpc',
      SAGA_PRODUCT_TARGET: 'etcd://127.0.0.1:2379/product.rpc',
      ORDER_CREATE_MODE: 'saga',
      FAULT_INJECTION: false,
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: 5_000,
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
      OTEL_BSP_SCHEDULE_DELAY: 5_000,
    });
  });

  it('traces only when OTEL_TRACES_EXPORTER is otlp, to an http(s) endpoint', () => {
    const traced = loadGatewayConfig({
      ...minimal,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318',
      OTEL_SERVICE_NAME: 'edge',
    });
    expect(traced).toMatchObject({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SERVICE_NAME: 'edge' });
    expect(() => loadGatewayConfig({ ...minimal, OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(
      'OTEL_TRACES_EXPORTER: must be otlp or none',
    );
    expect(() => loadGatewayConfig({ ...minimal, OTEL_EXPORTER_OTLP_ENDPOINT: 'jaeger:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT: must be an http\(s\) URL/,
    );
  });

  it('finds DTM and the saga branches through every etcd endpoint unless told otherwise', () => {
    const config = loadGatewayConfig({ ...minimal, ETCD_ENDPOINTS: 'etcd1:2379,http://etcd2:2379' });
    expect(config.DTM_SERVER).toBe('etcd://etcd1:2379,etcd2:2379/dtmservice');
    expect(config.SAGA_PRODUCT_TARGET).toBe('etcd://etcd1:2379,etcd2:2379/product.rpc');
    const pinned = loadGatewayConfig({
      ...minimal,
      DTM_SERVER: '127.0.0.1:36790',
      SAGA_ORDER_TARGET: '127.0.0.1:9002',
    });
    expect(pinned.DTM_SERVER).toBe('127.0.0.1:36790');
    expect(pinned.SAGA_ORDER_TARGET).toBe('127.0.0.1:9002');
  });

  it('places orders as sagas unless ORDER_CREATE_MODE is direct, the benchmark baseline', () => {
    expect(loadGatewayConfig({ ...minimal, ORDER_CREATE_MODE: 'saga' }).ORDER_CREATE_MODE).toBe('saga');
    expect(loadGatewayConfig({ ...minimal, ORDER_CREATE_MODE: 'direct' }).ORDER_CREATE_MODE).toBe('direct');
    expect(loadGatewayConfig({ ...minimal, ORDER_CREATE_MODE: '' }).ORDER_CREATE_MODE).toBe('saga');
    for (const mode of ['Direct', 'dtm', 'none']) {
      expect(() => loadGatewayConfig({ ...minimal, ORDER_CREATE_MODE: mode })).toThrow(
        /^gateway: invalid configuration: ORDER_CREATE_MODE: must be saga or direct$/,
      );
    }
  });

  it('reads FAULT_INJECTION as on/off and refuses anything else', () => {
    expect(loadGatewayConfig({ ...minimal, FAULT_INJECTION: 'on' }).FAULT_INJECTION).toBe(true);
    expect(() => loadGatewayConfig({ ...minimal, FAULT_INJECTION: 'maybe' })).toThrow(
      /FAULT_INJECTION: must be on or off/,
    );
  });

  it('serves metrics on METRICS_PORT, or not at all when it is off', () => {
    expect(loadGatewayConfig({ ...minimal, METRICS_PORT: '9180' }).METRICS_PORT).toBe(9180);
    expect(loadGatewayConfig({ ...minimal, METRICS_PORT: 'off' }).METRICS_PORT).toBeUndefined();
    expect(() => loadGatewayConfig({ ...minimal, METRICS_PORT: 'none' })).toThrow('METRICS_PORT');
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
    expect(() => loadGatewayConfig({ ETCD_ENDPOINTS: '127.0.0.1:2379' })).toThrow(
      /JWT_SECRET.*RPC_TOKEN.*DTM_BRANCH_TOKEN/,
    );
  });
});

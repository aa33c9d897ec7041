import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, env, loadConfig } from '../src/index.js';

const schema = z.object({
  PORT: env.port(9000),
  MYSQL_URL: env.mysqlUrl,
  ETCD_ENDPOINTS: env.etcdEndpoints,
  JWT_SECRET: env.secret('HS256 signing key'),
});

describe('loadConfig', () => {
  it('parses, coerces and applies defaults', () => {
    const config = loadConfig('demo', schema, {
      MYSQL_URL: 'mysql://root:@127.0.0.1:3306',
      ETCD_ENDPOINTS: '127.0.0.1:2379, https://etcd:2379',
      JWT_SECRET: 'a-very-long-secret-value',
      PORT: '',
    });
    expect(config.PORT).toBe(9000);
    expect(config.ETCD_ENDPOINTS).toEqual(['http://127.0.0.1:2379', 'https://etcd:2379']);
  });

  it('reports every problem on one line naming the app and the variables', () => {
    const attempt = () =>
      loadConfig('user-rpc', schema, { PORT: 'eighty', MYSQL_URL: 'postgres://x', JWT_SECRET: 'short' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toMatch(/^user-rpc: invalid configuration: /);
      for (const name of ['PORT', 'MYSQL_URL', 'ETCD_ENDPOINTS', 'JWT_SECRET']) expect(message).toContain(name);
    }
  });
});

describe('metricsPort', () => {
  const metrics = z.object({ METRICS_PORT: env.metricsPort(9090) });

  it('defaults to its port, takes 0 for any free port, and off for no listener', () => {
    expect(loadConfig('demo', metrics, {}).METRICS_PORT).toBe(9090);
    expect(loadConfig('demo', metrics, { METRICS_PORT: '9100' }).METRICS_PORT).toBe(9100);
    expect(loadConfig('demo', metrics, { METRICS_PORT: '0' }).METRICS_PORT).toBe(0);
    expect(loadConfig('demo', metrics, { METRICS_PORT: 'off' }).METRICS_PORT).toBeUndefined();
    expect(loadConfig('demo', metrics, { METRICS_PORT: 'OFF' }).METRICS_PORT).toBeUndefined();
  });

  it('refuses anything else with the rule in the message', () => {
    for (const value of ['no', '-1', '65536', '9090.5', 'false']) {
      expect(() => loadConfig('demo', metrics, { METRICS_PORT: value }), value).toThrow(
        /METRICS_PORT.*must be a port \(0-65535; 0 = any free port\) or off/,
      );
    }
  });
});

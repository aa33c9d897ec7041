import { describe, expect, it } from 'vitest';
import { loadBenchConfig } from './config.js';

describe('loadBenchConfig', () => {
  it('needs nothing: missing servers are started by the bench', () => {
    expect(loadBenchConfig({})).toEqual({});
  });

  it('takes servers on this machine', () => {
    const env = { MYSQL_URL: 'mysql://root:@127.0.0.1:3306', ETCD_ENDPOINTS: '127.0.0.1:2379,http://localhost:2380' };
    expect(loadBenchConfig(env)).toEqual(env);
  });

  it('refuses servers elsewhere', () => {
    expect(() => loadBenchConfig({ MYSQL_URL: 'mysql://root:@db.example.com:3306' })).toThrow(
      /MYSQL_URL: must be on 127/,
    );
    expect(() => loadBenchConfig({ ETCD_ENDPOINTS: '127.0.0.1:2379,10.0.0.2:2379' })).toThrow(/ETCD_ENDPOINTS/);
  });
});

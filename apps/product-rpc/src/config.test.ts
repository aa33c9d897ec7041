import { describe, expect, it } from 'vitest';
import { loadProductRpcConfig } from './config.js';

const base = {
  MYSQL_URL: 'mysql://root:@127.0.0.1:3306',
  ETCD_ENDPOINTS: '127.0.0.1:2379',
  RPC_AUTH_TOKENS: 'gateway=a-token-of-sixteen-chars',
};

describe('product-rpc config: barrier janitor', () => {
  it('is off by default, with a week of retention once on', () => {
    expect(loadProductRpcConfig(base)).toMatchObject({ BARRIER_JANITOR_INTERVAL: 0, BARRIER_RETENTION: 604_800 });
    expect(loadProductRpcConfig(base).DTM_JANITOR_RETENTION).toBeUndefined();
  });

  it("needs DTM's HTTP API when on, and keeps rows at least an hour", () => {
    expect(() => loadProductRpcConfig({ ...base, BARRIER_JANITOR_INTERVAL: '600' })).toThrow(
      /DTM_HTTP_SERVER: is required when BARRIER_JANITOR_INTERVAL is set/,
    );
    expect(() => loadProductRpcConfig({ ...base, BARRIER_RETENTION: '60' })).toThrow(/BARRIER_RETENTION/);
    expect(() => loadProductRpcConfig({ ...base, DTM_HTTP_SERVER: 'dtm:36789' })).toThrow(/DTM_HTTP_SERVER/);
    expect(
      loadProductRpcConfig({
        ...base,
        BARRIER_JANITOR_INTERVAL: '600',
        DTM_HTTP_SERVER: 'http://dtm:36789/api/dtmsvr',
        DTM_JANITOR_RETENTION: '86400',
      }),
    ).toMatchObject({
      BARRIER_JANITOR_INTERVAL: 600,
      DTM_HTTP_SERVER: 'http://dtm:36789/api/dtmsvr',
      DTM_JANITOR_RETENTION: 86_400,
    });
  });
});

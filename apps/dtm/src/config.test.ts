import { describe, expect, it } from 'vitest';
import { loadDtmConfig } from './config.js';

describe('dtm config', () => {
  it("has DTM's defaults", () => {
    expect(loadDtmConfig({ MYSQL_URL: 'mysql://root:@127.0.0.1:3306' })).toMatchObject({
      HTTP_PORT: 36789,
      GRPC_PORT: 36790,
      MYSQL_DATABASE: 'dtm',
      ETCD_KEY: 'dtmservice',
      TRANS_CRON_INTERVAL: 3,
      TIMEOUT_TO_FAIL: 35,
      RETRY_INTERVAL: 10,
      REQUEST_TIMEOUT: 3,
    });
    expect(loadDtmConfig({ MYSQL_URL: 'mysql://h' }).ETCD_ENDPOINTS).toBeUndefined();
  });

  it('turns the admin console on only with a long enough token', () => {
    expect(loadDtmConfig({ MYSQL_URL: 'mysql://h' }).DTM_ADMIN_TOKEN).toBeUndefined();
    expect(loadDtmConfig({ MYSQL_URL: 'mysql://h', DTM_ADMIN_TOKEN: '' }).DTM_ADMIN_TOKEN).toBeUndefined();
    const token = 'a'.repeat(32);
    expect(loadDtmConfig({ MYSQL_URL: 'mysql://h', DTM_ADMIN_TOKEN: token }).DTM_ADMIN_TOKEN).toBe(token);
    expect(() => loadDtmConfig({ MYSQL_URL: 'mysql://h', DTM_ADMIN_TOKEN: 'short' })).toThrow(
      /DTM_ADMIN_TOKEN: must be at least 32 characters/,
    );
  });

  it('says what is wrong in one line', () => {
    expect(() => loadDtmConfig({})).toThrow(/^dtm: invalid configuration: MYSQL_URL/);
    expect(() => loadDtmConfig({ MYSQL_URL: 'mysql://h', RETRY_INTERVAL: '60' })).toThrow(/TIMEOUT_TO_FAIL/);
  });
});

import { describe, expect, it } from 'vitest';
import { newTransGlobal, sagaBranches } from '../../trans/new-trans.js';
import type { TransRequest } from '../../trans/request.js';
import { DEFAULT_SETTINGS } from '../../trans/settings.js';
import { adminBranch, adminTransactionDetail, maskTarget } from './views.js';

const request: TransRequest = {
  gid: 'g-views',
  transType: 'saga',
  protocol: 'http',
  steps: [{ action: 'http://busi/TransOut', compensate: 'http://busi/TransOutRevert' }],
  payloads: [Buffer.from('{"amount":30}')],
  customData: '',
  queryPrepared: '',
  rollbackReason: '',
  options: { concurrent: false, wait_result: true, branch_headers: { token: 's3cret', app: 'dtm' } },
};

describe('admin views', () => {
  it('masks credentials and query values in every target form, and inside sentences', () => {
    expect(maskTarget('http://user:pa55@busi:8081/api/TransOut?token=abc&x=1#top')).toBe(
      'http://***@busi:8081/api/TransOut?token=***&x=***#top',
    );
    expect(maskTarget('etcd://etcd:2379/order.rpc/order.Order/Create')).toBe(
      'etcd://etcd:2379/order.rpc/order.Order/Create',
    );
    expect(maskTarget('127.0.0.1:9001/product.Product/DecrStock')).toBe('127.0.0.1:9001/product.Product/DecrStock');
    expect(maskTarget('url:http://busi/TransIn?gid=g1&key=s3cret return failed: reason:Insufficient balance')).toBe(
      'url:http://busi/TransIn?gid=***&key=*** return failed: reason:Insufficient balance',
    );
    expect(maskTarget('')).toBe('');
  });

  it('shows branch header names but never their values, and a payload only by its size', () => {
    const now = new Date();
    const trans = { ...newTransGlobal(request, 'submitted', now, DEFAULT_SETTINGS), id: '7', extData: 'ext s3cret' };
    const detail = adminTransactionDetail(trans);
    expect(detail).toMatchObject({ id: '7', branchHeaders: ['app', 'token'], options: { wait_result: true } });
    expect(JSON.stringify(detail)).not.toContain('s3cret');
    const branch = adminBranch({ ...sagaBranches(request, now)[1]!, id: '9' });
    expect(branch).toMatchObject({ id: '9', branchId: '01', op: 'action', payloadBytes: 13 });
    expect(JSON.stringify(branch)).not.toContain('amount');
  });
});

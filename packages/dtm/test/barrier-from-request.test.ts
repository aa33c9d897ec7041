import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { AppError } from '@mall/rpc';
import {
  barrierFromGrpcMetadata,
  barrierFromQuery,
  branchMetadata,
  BranchBarrier,
  carriesBranchInfo,
} from '../src/index.js';

function metadataOf(entries: Record<string, string>): Metadata {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
}

const complete = { transType: 'saga', gid: 'g-1', branchId: '02', op: 'compensate' };

describe('barrier from a gRPC call', () => {
  it('reads the four dtm- keys DTM sends as metadata', () => {
    const barrier = barrierFromGrpcMetadata(
      metadataOf({
        'dtm-gid': 'g-1',
        'dtm-trans_type': 'saga',
        'dtm-branch_id': '02',
        'dtm-op': 'compensate',
        'dtm-dtm': '',
        app: 'dtm',
      }),
    );
    expect(barrier.info).toEqual(complete);
  });

  it('writes the same keys for a caller that stands in for DTM, and tells such calls from plain ones', () => {
    const info = { transType: 'saga', gid: 'order-7-x', branchId: '02', op: 'compensate' };
    const metadata = branchMetadata(info);
    expect(metadata.getMap()).toEqual({
      'dtm-trans_type': 'saga',
      'dtm-gid': 'order-7-x',
      'dtm-branch_id': '02',
      'dtm-op': 'compensate',
    });
    expect(barrierFromGrpcMetadata(metadata).info).toEqual(info);
    expect(carriesBranchInfo(metadata)).toBe(true);
    expect(carriesBranchInfo(new Metadata())).toBe(false);
  });

  it('refuses metadata with missing or empty keys, naming them', () => {
    const attempt = () =>
      barrierFromGrpcMetadata(metadataOf({ 'dtm-gid': 'g-1', 'dtm-op': '', 'dtm-branch_id': '01' }));
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow('invalid trans info: missing dtm-trans_type, dtm-op');
  });
});

describe('barrier from an HTTP call', () => {
  it('reads gid, trans_type, branch_id and op from URLSearchParams', () => {
    const url = new URL('http://order:8888/api/busi/TransOut?gid=g-1&trans_type=saga&branch_id=02&op=compensate&x=1');
    expect(barrierFromQuery(url.searchParams).info).toEqual(complete);
  });

  it("reads a framework's parsed query object, taking the first of repeated values", () => {
    const query = { gid: ['g-1', 'g-2'], trans_type: 'saga', branch_id: '02', op: 'compensate' };
    expect(barrierFromQuery(query).info).toEqual(complete);
  });

  it('refuses a query without all four values', () => {
    const attempt = () => barrierFromQuery(new URLSearchParams('gid=g-1&op=action'));
    expect(attempt).toThrow('invalid trans info: missing trans_type, branch_id');
    expect(() => barrierFromQuery({ gid: 'g', trans_type: 'saga', branch_id: 1, op: 'action' })).toThrow(
      'missing branch_id',
    );
  });

  it('refuses an incomplete barrier built by hand', () => {
    expect(() => new BranchBarrier({ ...complete, gid: '' })).toThrow('invalid trans info: missing gid');
  });
});

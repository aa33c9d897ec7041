import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { grpcOutcome, httpOutcome } from './outcome.js';
import { parseTarget } from './target.js';

describe('branch targets', () => {
  it('splits gRPC targets as DTM and go-zero users write them', () => {
    expect(parseTarget('localhost:58081/busi.Busi/TransOut', 'grpc')).toEqual({
      kind: 'grpc',
      server: 'localhost:58081',
      method: '/busi.Busi/TransOut',
      discovered: false,
    });
    expect(parseTarget('etcd://h1:2379,h2:2379/order.rpc/order.Order/Create', 'grpc')).toMatchObject({
      server: 'etcd://h1:2379,h2:2379/order.rpc',
      method: '/order.Order/Create',
      discovered: true,
    });
    expect(parseTarget('discov://h:2379/order.rpc/order.Order/Create', 'grpc')).toMatchObject({ discovered: true });
    expect(parseTarget('', 'grpc')).toEqual({ kind: 'none' });
    expect(parseTarget('http://x/y', 'grpc')).toEqual({ kind: 'http', url: 'http://x/y' });
  });

  it('refuses targets that can never be called', () => {
    expect(() => parseTarget('consul://h/order.rpc/order.Order/Create', 'grpc')).toThrow(/scheme/);
    expect(() => parseTarget('localhost:58081', 'grpc')).toThrow(/pkg.Service\/Method/);
    expect(() => parseTarget('localhost:58081/busi.Busi/TransOut', 'http')).toThrow(/http/);
  });
});

describe('branch results (reference §3.1)', () => {
  it('reads HTTP answers', () => {
    expect(httpOutcome(200, '{"dtm_result":"SUCCESS"}').result).toBe('SUCCESS');
    expect(httpOutcome(409, '').result).toBe('FAILURE');
    expect(httpOutcome(200, '{"dtm_result":"FAILURE"}').result).toBe('FAILURE');
    expect(httpOutcome(425, '').result).toBe('ONGOING');
    expect(httpOutcome(409, 'ONGOING').result).toBe('ONGOING');
    expect(httpOutcome(500, 'boom').result).toBe('ERROR');
  });

  it('reads gRPC statuses', () => {
    expect(grpcOutcome(status.OK, '').result).toBe('SUCCESS');
    expect(grpcOutcome(status.ABORTED, 'no money').result).toBe('FAILURE');
    expect(grpcOutcome(status.ABORTED, 'ONGOING').result).toBe('ONGOING');
    expect(grpcOutcome(status.FAILED_PRECONDITION, '').result).toBe('ONGOING');
    expect(grpcOutcome(status.UNAVAILABLE, '').result).toBe('ERROR');
  });
});

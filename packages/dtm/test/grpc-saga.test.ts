import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CreateRequest } from '@mall/proto/order';
import { DecrStockRequest } from '@mall/proto/product';
import { DtmGidReply, DtmRequest } from '@mall/proto/dtmgimp';
import {
  createGrpcDtmClient,
  createGrpcSaga,
  DtmFailureError,
  DtmOngoingError,
  DtmRequestError,
  type GrpcDtmClient,
} from '../src/index.js';
import { startRecordingGrpcServer, type RecordingGrpcServer } from './support/recording-grpc-server.js';

const SUBMIT = '/dtmgimp.Dtm/Submit';
const NEW_GID = '/dtmgimp.Dtm/NewGid';

let dtmServer: RecordingGrpcServer;
let dtm: GrpcDtmClient;

beforeAll(async () => {
  dtmServer = await startRecordingGrpcServer([SUBMIT, NEW_GID]);
  dtm = createGrpcDtmClient(dtmServer.target);
});

afterAll(async () => {
  dtm?.close();
  await dtmServer?.close();
});

beforeEach(() => {
  dtmServer.calls.length = 0;
  dtmServer.reply(SUBMIT, Buffer.alloc(0));
});

function lastCall() {
  const call = dtmServer.calls.at(-1);
  if (!call) throw new Error('the DTM server received nothing');
  return call;
}

const order = 'etcd://etcd:2379/order.rpc/order.Order';
const product = 'etcd://etcd:2379/product.rpc/product.Product';

describe('gRPC saga submit', () => {
  it("fills DtmRequest as DTM's Go client does, with the step messages as raw protobuf", async () => {
    const create = CreateRequest.encode({ Uid: 1n, Pid: 2n, Amount: 300n, Status: 0n, Num: 1n, Gid: '' }).finish();
    const decr = DecrStockRequest.encode({ id: 2n, num: 1n }).finish();

    await createGrpcSaga(dtm, 'g-grpc')
      .add(`${order}/Create`, `${order}/CreateRevert`, create)
      .add(`${product}/DecrStock`, `${product}/DecrStockRevert`, decr)
      .submit();

    const expected: DtmRequest = {
      Gid: 'g-grpc',
      TransType: 'saga',
      TransOptions: {
        WaitResult: false,
        TimeoutToFail: 0n,
        RetryInterval: 0n,
        BranchHeaders: {},
        RequestTimeout: 0n,
        RetryLimit: 0n,
      },
      CustomedData: '',
      BinPayloads: [Buffer.from(create), Buffer.from(decr)],
      QueryPrepared: '',
      Steps:
        `[{"action":"${order}/Create","compensate":"${order}/CreateRevert"},` +
        `{"action":"${product}/DecrStock","compensate":"${product}/DecrStockRevert"}]`,
      ReqExtra: {},
      RollbackReason: '',
    };
    const call = lastCall();
    expect(call.path).toBe(SUBMIT);
    expect(call.bytes).toEqual(Buffer.from(DtmRequest.encode(expected).finish()));
    const received = DtmRequest.decode(call.bytes);
    expect(received).toEqual(expected);
    // Field 3 (TransOptions) travels even with every option unset, as from the Go client: tag 0x1a, length 0.
    const head = Buffer.concat([
      Buffer.from([0x0a, 6]),
      Buffer.from('g-grpc'),
      Buffer.from([0x12, 4]),
      Buffer.from('saga'),
    ]);
    expect(call.bytes.subarray(0, head.length + 2)).toEqual(Buffer.concat([head, Buffer.from([0x1a, 0])]));
    expect(CreateRequest.decode(received.BinPayloads[0]!)).toMatchObject({ Uid: 1n, Pid: 2n, Amount: 300n });
    expect(DecrStockRequest.decode(received.BinPayloads[1]!)).toEqual({ id: 2n, num: 1n });
  });

  it('sends options, branch headers and concurrency in their DtmRequest fields', async () => {
    await createGrpcSaga(dtm, 'g-options', {
      waitResult: true,
      timeoutToFail: 1800,
      requestTimeout: 6,
      retryInterval: 60,
      retryLimit: 3,
      branchHeaders: { app: 'dtm', token: 'secret' },
      concurrent: true,
    })
      .add('127.0.0.1:9001/busi.Busi/TransOut', '127.0.0.1:9001/busi.Busi/TransOutRevert', new Uint8Array())
      .add('127.0.0.1:9001/busi.Busi/TransIn', '', new Uint8Array([8, 1]))
      .addBranchOrder(1, [0])
      .submit();

    const received = DtmRequest.decode(lastCall().bytes);
    expect(received.TransOptions).toEqual({
      WaitResult: true,
      TimeoutToFail: 1800n,
      RetryInterval: 60n,
      BranchHeaders: { app: 'dtm', token: 'secret' },
      RequestTimeout: 6n,
      RetryLimit: 3n,
    });
    expect(received.CustomedData).toBe('{"concurrent":true,"orders":{"1":[0]}}');
    expect(received.BinPayloads).toEqual([Buffer.alloc(0), Buffer.from([8, 1])]);
    expect(JSON.parse(received.Steps)).toEqual([
      { action: '127.0.0.1:9001/busi.Busi/TransOut', compensate: '127.0.0.1:9001/busi.Busi/TransOutRevert' },
      { action: '127.0.0.1:9001/busi.Busi/TransIn', compensate: '' },
    ]);
  });
});

describe('gRPC replies from the DTM server', () => {
  const submit = () =>
    createGrpcSaga(dtm, 'g-err').add('127.0.0.1:9001/busi.Busi/TransOut', '', new Uint8Array()).submit();

  it('maps ABORTED to DtmFailureError and FAILED_PRECONDITION to DtmOngoingError', async () => {
    dtmServer.reply(SUBMIT, { code: status.ABORTED, details: 'wait result not return success FAILURE' });
    await expect(submit()).rejects.toThrow(DtmFailureError);
    dtmServer.reply(SUBMIT, { code: status.FAILED_PRECONDITION, details: 'ONGOING' });
    await expect(submit()).rejects.toThrow(DtmOngoingError);
  });

  it("reads an old SDK's ABORTED 'ONGOING' as ONGOING and anything else as a request error", async () => {
    dtmServer.reply(SUBMIT, { code: status.ABORTED, details: 'ONGOING' });
    await expect(submit()).rejects.toThrow(DtmOngoingError);
    dtmServer.reply(SUBMIT, { code: status.UNKNOWN, details: 'trans type not supported' });
    await expect(submit()).rejects.toThrow(/UNKNOWN: trans type not supported/);
    await expect(submit()).rejects.toBeInstanceOf(DtmRequestError);
  });
});

describe('gRPC gid', () => {
  it('asks /dtmgimp.Dtm/NewGid with an empty message', async () => {
    dtmServer.reply(NEW_GID, Buffer.from(DtmGidReply.encode({ Gid: 'AbCdEfGhIjKlMnOpQrStUv' }).finish()));
    expect(await dtm.newGid()).toBe('AbCdEfGhIjKlMnOpQrStUv');
    expect(lastCall()).toMatchObject({ path: NEW_GID, bytes: Buffer.alloc(0) });
  });

  it('refuses an empty gid', async () => {
    dtmServer.reply(NEW_GID, Buffer.alloc(0));
    await expect(dtm.newGid()).rejects.toThrow('without a gid');
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Client,
  credentials,
  Metadata,
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServiceError,
} from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@mall/rpc';
import {
  branchServiceError,
  DtmFailureError,
  DtmOngoingError,
  DtmRequestError,
  errorFromGrpcError,
  errorFromHttpReply,
  httpBranchReply,
  readSubmitFailure,
  toBranchAppError,
} from '../src/index.js';

describe('branch outcome → wire', () => {
  it('answers HTTP 200 / 409 / 425 with dtm_result bodies, and 500 for anything else', () => {
    expect(httpBranchReply()).toEqual({ status: 200, body: { dtm_result: 'SUCCESS' } });
    expect(httpBranchReply(new DtmFailureError('insufficient stock'))).toEqual({
      status: 409,
      body: { dtm_result: 'FAILURE', message: 'insufficient stock' },
    });
    expect(httpBranchReply(new DtmOngoingError('payment pending'))).toEqual({
      status: 425,
      body: { dtm_result: 'ONGOING', message: 'payment pending' },
    });
    expect(httpBranchReply(new Error('db down'))).toEqual({ status: 500, body: { message: 'db down' } });
  });

  it('keeps a retryable error from reading as FAILURE or ONGOING', () => {
    const reply = httpBranchReply(new Error('upstream said FAILURE while ONGOING'));
    expect(reply.status).toBe(500);
    expect(JSON.stringify(reply.body)).not.toMatch(/FAILURE|ONGOING/);
  });

  it('turns FAILURE and permanent refusals into ABORTED, ONGOING into FAILED_PRECONDITION, the rest through', () => {
    expect(toBranchAppError(new DtmFailureError('no stock'))).toEqual(new AppError('ABORTED', 'no stock'));
    expect(toBranchAppError(new DtmOngoingError('later'))).toEqual(new AppError('FAILED_PRECONDITION', 'later'));
    expect(toBranchAppError(new AppError('NOT_FOUND', 'no such order'))).toEqual(
      new AppError('ABORTED', 'no such order'),
    );
    expect(toBranchAppError(new AppError('FAILED_PRECONDITION', 'order is paid'))).toEqual(
      new AppError('ABORTED', 'order is paid'),
    );
    const unavailable = new AppError('UNAVAILABLE', 'user-rpc is down');
    expect(toBranchAppError(unavailable)).toBe(unavailable);
    expect(branchServiceError(new DtmFailureError('no stock'))).toMatchObject({
      code: status.ABORTED,
      details: 'no stock',
    });
    expect(branchServiceError(new DtmOngoingError('later'))).toMatchObject({ code: status.FAILED_PRECONDITION });
    expect(branchServiceError(new TypeError('x is undefined'))).toMatchObject({ code: status.INTERNAL });
  });
});

describe('wire → typed error', () => {
  it('reads HTTP replies by status and, like the Go SDK, by body', () => {
    expect(errorFromHttpReply(200, '{"dtm_result":"SUCCESS"}', 'call')).toBeUndefined();
    expect(errorFromHttpReply(409, '{}', 'call')).toBeInstanceOf(DtmFailureError);
    expect(errorFromHttpReply(425, '{}', 'call')).toBeInstanceOf(DtmOngoingError);
    expect(errorFromHttpReply(200, '{"dtm_result":"ONGOING"}', 'call')).toBeInstanceOf(DtmOngoingError);
    expect(errorFromHttpReply(500, 'FAILURE and ONGOING', 'call')).toBeInstanceOf(DtmOngoingError);
    expect(errorFromHttpReply(502, 'bad gateway', 'call')).toEqual(
      new DtmRequestError('call answered HTTP 502: bad gateway'),
    );
  });

  it('reads gRPC statuses', () => {
    const error = (code: status, details: string): ServiceError =>
      Object.assign(new Error(details), { code, details, metadata: new Metadata() });
    const failure = errorFromGrpcError(error(status.ABORTED, 'no stock'), 'call');
    expect(failure).toEqual(new DtmFailureError('call: no stock', 'no stock'));
    expect((failure as DtmFailureError).reply).toBe('no stock');
    expect(errorFromGrpcError(error(status.ABORTED, 'ONGOING'), 'call')).toBeInstanceOf(DtmOngoingError);
    expect(errorFromGrpcError(error(status.FAILED_PRECONDITION, 'x'), 'call')).toBeInstanceOf(DtmOngoingError);
    expect(errorFromGrpcError(error(status.UNAVAILABLE, 'down'), 'call')).toBeInstanceOf(DtmRequestError);
  });
});

describe('what a submit FAILURE means', () => {
  const read = (reply: string) => readSubmitFailure(new DtmFailureError(`DTM x/dtmgimp.Dtm/Submit: ${reply}`, reply));

  it("gives a failed branch's own message as the reason", () => {
    expect(
      read(
        'url:etcd://127.0.0.1:2379/product.rpc/product.Product/DecrStock return failed: insufficient stock FAILURE FAILURE',
      ),
    ).toEqual({ kind: 'rolled-back', reason: 'insufficient stock' });
  });

  it('keeps other rollback reasons whole', () => {
    expect(read('Timeout after 30 seconds FAILURE')).toEqual({
      kind: 'rolled-back',
      reason: 'Timeout after 30 seconds',
    });
  });

  it('tells a saga still running from one that failed', () => {
    expect(read('wait result not return success FAILURE')).toEqual({ kind: 'unfinished' });
  });

  it("reads a repeated submit's status, in DTM's spelling and this server's", () => {
    expect(read("current status 'succeed', cannot sumbmit. FAILURE")).toEqual({
      kind: 'already-finished',
      status: 'succeed',
    });
    expect(read("current status 'failed', cannot submit. FAILURE")).toEqual({
      kind: 'already-finished',
      status: 'failed',
    });
  });
});

describe('round trips over real wires', () => {
  let httpUrl: string;
  let closeHttp: () => Promise<void>;
  let grpcServer: Server;
  let grpcClient: Client;

  /** What a branch handler finishes with, chosen by the test through the path or method name. */
  const outcomes: Record<string, Error | undefined> = {
    success: undefined,
    failure: new DtmFailureError('insufficient stock'),
    ongoing: new DtmOngoingError('payment pending'),
    crash: new Error('db down'),
  };

  beforeAll(async () => {
    const http = createServer((request, response) => {
      const reply = httpBranchReply(outcomes[request.url!.slice(1)]);
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    closeHttp = () => new Promise((resolve) => http.close(() => resolve()));

    grpcServer = new Server();
    for (const name of Object.keys(outcomes)) {
      grpcServer.register(
        `/busi.Busi/${name}`,
        (_call: unknown, callback: sendUnaryData<Buffer>) => {
          const outcome = outcomes[name];
          if (outcome) callback(branchServiceError(outcome));
          else callback(null, Buffer.alloc(0));
        },
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => bytes,
        'unary',
      );
    }
    const port = await new Promise<number>((resolve, reject) =>
      grpcServer.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    grpcClient = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
  });

  afterAll(async () => {
    grpcClient?.close();
    grpcServer?.forceShutdown();
    await closeHttp?.();
  });

  async function overHttp(name: string): Promise<Error | undefined> {
    const response = await fetch(`${httpUrl}/${name}`, { method: 'POST' });
    return errorFromHttpReply(response.status, await response.text(), name);
  }

  function overGrpc(name: string): Promise<Error | undefined> {
    return new Promise((resolve) => {
      grpcClient.makeUnaryRequest(
        `/busi.Busi/${name}`,
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => bytes,
        Buffer.alloc(0),
        (error: ServiceError | null) => resolve(error ? errorFromGrpcError(error, name) : undefined),
      );
    });
  }

  it('each outcome comes back as what the branch meant, over HTTP and over gRPC', async () => {
    for (const over of [overHttp, overGrpc]) {
      expect(await over('success')).toBeUndefined();
      expect(await over('failure')).toBeInstanceOf(DtmFailureError);
      expect(await over('ongoing')).toBeInstanceOf(DtmOngoingError);
      expect(await over('crash')).toBeInstanceOf(DtmRequestError);
    }
  });
});

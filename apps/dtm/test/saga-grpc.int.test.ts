import { Etcd3 } from 'etcd3';
import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@mall/logger';
import { parseExposition, sumSamples } from '@mall/metrics';
import { DtmClient, type DtmRequest } from '@mall/proto/dtmgimp';
import { publishService, type Publication } from '@mall/registry';
import { startBusi, type Busi } from './support/busi.js';
import { startDtm, type Dtm } from './support/dtm.js';
import { newTestGid } from './support/saga.js';

let dtm: Dtm;
let busi: Busi;
let client: DtmClient;
let etcd: Etcd3;
let publication: Publication;
// A key whose last label is numeric would read as a malformed IPv4 authority, so the pid goes first.
const BUSI_KEY = `busi${process.pid}.rpc`;

beforeAll(async () => {
  const endpoints = inject('etcdEndpoints');
  [dtm, busi] = await Promise.all([startDtm({ mysqlUrl: inject('mysqlUrl'), etcd: endpoints }), startBusi()]);
  client = new DtmClient(dtm.grpcTarget, credentials.createInsecure());
  etcd = new Etcd3({ hosts: endpoints.split(',') });
  publication = await publishService(etcd, {
    key: BUSI_KEY,
    endpoint: busi.grpcTarget,
    logger: createLogger('busi', 'silent'),
  });
});

afterAll(async () => {
  client?.close();
  await publication?.stop();
  etcd?.close();
  await busi?.stop();
  await dtm?.stop();
});

function unary<Req, Res>(
  method: (req: Req, meta: Metadata, cb: (e: ServiceError | null, r: Res) => void) => unknown,
  request: Req,
) {
  return new Promise<{ error: ServiceError | null; reply?: Res }>((resolve) =>
    method.call(client, request, new Metadata(), (error: ServiceError | null, reply: Res) => resolve({ error, reply })),
  );
}

function sagaRequest(
  gid: string,
  server: string,
  options: Partial<DtmRequest> & { wait?: boolean; headers?: Record<string, string> } = {},
): DtmRequest {
  const { wait, headers, ...rest } = options;
  return {
    Gid: gid,
    TransType: 'saga',
    TransOptions: {
      WaitResult: wait ?? false,
      TimeoutToFail: 0n,
      RetryInterval: 0n,
      BranchHeaders: headers ?? {},
      RequestTimeout: 0n,
      RetryLimit: 0n,
    },
    CustomedData: '',
    BinPayloads: [Buffer.from([8, 30]), Buffer.from([8, 30])],
    QueryPrepared: '',
    Steps: JSON.stringify([
      { action: `${server}/busi.Busi/TransOut`, compensate: `${server}/busi.Busi/TransOutRevert` },
      { action: `${server}/busi.Busi/TransIn`, compensate: `${server}/busi.Busi/TransInRevert` },
    ]),
    ReqExtra: {},
    RollbackReason: '',
    ...rest,
  };
}

describe('the dtmgimp.Dtm gRPC API with gRPC branches (DTM test/saga_grpc_test.go)', () => {
  it('hands out gids', async () => {
    const { reply } = await unary(client.newGid, {});
    expect((reply as { Gid?: string } | undefined)?.Gid).toMatch(/^[0-9A-Za-z]{22}$/);
  });

  it('counts its gRPC API calls in dtm_server_process_total as type grpc', async () => {
    const scrape = async () =>
      parseExposition(await fetch(`${dtm.httpUrl.replace('/dtmsvr', '')}/metrics`).then((r) => r.text()));
    const labels = { type: 'grpc', api: 'newgid', status: 'ok' };
    const before = sumSamples(await scrape(), 'dtm_server_process_total', labels);
    await unary(client.newGid, {});
    await unary(client.newGid, {});
    const after = await scrape();
    expect(sumSamples(after, 'dtm_server_process_total', labels) - before).toBe(2);
    expect(sumSamples(after, 'dtm_server_response_duration_count', { type: 'grpc', api: 'newgid' })).toBeGreaterThan(1);
  });

  it('normal: raw payloads and dtm-* metadata reach the branch', async () => {
    const gid = newTestGid('grpc-normal');
    const { error } = await unary(client.submit, sagaRequest(gid, busi.grpcTarget, { wait: true }));
    expect(error).toBeNull();
    expect(await dtm.states(gid)).toMatchObject({ status: 'succeed' });
    const [first] = busi.calls(gid);
    expect(first).toMatchObject({ via: 'grpc', transType: 'saga', branchId: '01', op: 'action' });
    expect(first!.headers['dtm-dtm']).toBe('');
    expect([...first!.body]).toEqual([8, 30]);
    expect((await dtm.get(`query?gid=${gid}`)).body.transaction).toMatchObject({ protocol: 'grpc' });
  });

  it('rollback with wait_result: ABORTED carrying the reason', async () => {
    const gid = newTestGid('grpc-rollback');
    busi.setNext('TransIn', 'FAILURE');
    const { error } = await unary(client.submit, sagaRequest(gid, busi.grpcTarget, { wait: true }));
    expect(error?.code).toBe(status.ABORTED);
    expect(error?.details).toContain('Insufficient balance');
    expect(await dtm.states(gid)).toMatchObject({
      status: 'failed',
      branches: ['succeed', 'succeed', 'succeed', 'failed'],
    });
  });

  it('FAILED_PRECONDITION is ONGOING; metadata headers are sent again by the cron', async () => {
    const gid = newTestGid('grpc-ongoing');
    busi.setNext('TransOut', 'ONGOING');
    await unary(client.submit, sagaRequest(gid, busi.grpcTarget, { headers: { test_header: 'test' } }));
    expect((await dtm.states(gid)).status).toBe('submitted');
    await dtm.cronAfter(10);
    expect((await dtm.states(gid)).status).toBe('succeed');
    for (const call of busi.calls(gid)) expect(call.headers.test_header).toBe('test');
  });

  it('concurrent with orders', async () => {
    const gid = newTestGid('grpc-con');
    const request = sagaRequest(gid, busi.grpcTarget, {
      wait: true,
      CustomedData: JSON.stringify({ concurrent: true, orders: { 1: [0] } }),
    });
    expect((await unary(client.submit, request)).error).toBeNull();
    expect(busi.trail(gid)).toEqual(['TransOut:action', 'TransIn:action']);
  });

  it('an empty action with a compensation is a no-op', async () => {
    const gid = newTestGid('grpc-empty');
    const request = sagaRequest(gid, busi.grpcTarget, {
      wait: true,
      Steps: JSON.stringify([
        { action: `${busi.grpcTarget}/busi.Busi/TransOut`, compensate: `${busi.grpcTarget}/busi.Busi/TransOutRevert` },
        { action: '', compensate: `${busi.grpcTarget}/busi.Busi/TransInRevert` },
      ]),
    });
    expect((await unary(client.submit, request)).error).toBeNull();
  });

  it('branch targets discovered in etcd (etcd:// and discov://)', async () => {
    const hosts = inject('etcdEndpoints')
      .split(',')[0]!
      .replace(/^https?:\/\//, '');
    for (const scheme of ['etcd', 'discov']) {
      const gid = newTestGid(`grpc-${scheme}`);
      const { error } = await unary(
        client.submit,
        sagaRequest(gid, `${scheme}://${hosts}/${BUSI_KEY}`, { wait: true }),
      );
      expect(error).toBeNull();
      expect(busi.trail(gid)).toEqual(['TransOut:action', 'TransIn:action']);
    }
  });

  it('refuses a request with only a gid, and unknown schemes, and keeps serving', async () => {
    const bare = await unary(client.submit, { ...sagaRequest('bare', busi.grpcTarget), TransType: '' });
    expect(bare.error?.code).toBe(status.INVALID_ARGUMENT);
    const scheme = await unary(client.submit, sagaRequest(newTestGid('scheme'), 'consul://x/y'));
    expect(scheme.error?.code).toBe(status.INVALID_ARGUMENT);
    const workflow = await unary(client.prepareWorkflow, sagaRequest(newTestGid('wf'), busi.grpcTarget));
    expect(workflow.error?.code).toBe(status.UNIMPLEMENTED);
    expect((await unary(client.newGid, {})).error).toBeNull();
  });
});

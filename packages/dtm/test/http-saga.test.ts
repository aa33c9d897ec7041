import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createHttpDtmClient,
  createHttpSaga,
  DtmFailureError,
  DtmOngoingError,
  DtmRequestError,
  type HttpDtmClient,
} from '../src/index.js';
import { startRecordingHttpServer, type RecordingHttpServer } from './support/recording-http-server.js';

let dtmServer: RecordingHttpServer;
let dtm: HttpDtmClient;

beforeAll(async () => {
  dtmServer = await startRecordingHttpServer();
  dtm = createHttpDtmClient(`${dtmServer.url}/api/dtmsvr`);
});

afterAll(async () => {
  await dtmServer?.close();
});

beforeEach(() => {
  dtmServer.requests.length = 0;
  dtmServer.reply('/api/dtmsvr/submit', { status: 200, body: '{"dtm_result":"SUCCESS"}' });
});

const busi = 'http://localhost:8081/api/busi';
// The payload struct of DTM's own tests, capital R included.
const transReq = { amount: 30, trans_in_result: '', trans_out_Result: '', store: '' };

function lastRequest() {
  const request = dtmServer.requests.at(-1);
  if (!request) throw new Error('the DTM server received nothing');
  return request;
}

describe('HTTP saga submit', () => {
  it("sends a two-step saga exactly as DTM's Go client does", async () => {
    await createHttpSaga(dtm, 'g1')
      .add(`${busi}/TransOut`, `${busi}/TransOutRevert`, transReq)
      .add(`${busi}/TransIn`, `${busi}/TransInRevert`, transReq)
      .submit();

    const request = lastRequest();
    expect([request.method, request.url, request.headers['content-type']]).toEqual([
      'POST',
      '/api/dtmsvr/submit',
      'application/json',
    ]);
    const payload = String.raw`"{\"amount\":30,\"trans_in_result\":\"\",\"trans_out_Result\":\"\",\"store\":\"\"}"`;
    expect(request.body).toBe(
      '{"gid":"g1","trans_type":"saga","concurrent":false,' +
        `"steps":[{"action":"${busi}/TransOut","compensate":"${busi}/TransOutRevert"},` +
        `{"action":"${busi}/TransIn","compensate":"${busi}/TransInRevert"}],` +
        `"payloads":[${payload},${payload}],"protocol":""}`,
    );
  });

  it('puts every option where the Go client puts it', async () => {
    await createHttpSaga(dtm, 'g2', {
      waitResult: true,
      timeoutToFail: 1800,
      requestTimeout: 6,
      retryInterval: 60,
      retryLimit: 3,
      branchHeaders: { test_header: 'test' },
      concurrent: true,
    })
      .add(`${busi}/TransOut`, '', null)
      .submit();

    expect(lastRequest().body).toBe(
      '{"gid":"g2","trans_type":"saga",' +
        String.raw`"custom_data":"{\"concurrent\":true,\"orders\":{}}",` +
        '"wait_result":true,"timeout_to_fail":1800,"request_timeout":6,"retry_interval":60,' +
        '"branch_headers":{"test_header":"test"},"concurrent":true,"retry_limit":3,' +
        `"steps":[{"action":"${busi}/TransOut","compensate":""}],"payloads":["null"],"protocol":""}`,
    );
  });

  it('writes branch orders with string keys sorted as Go sorts them, and escapes like Go', async () => {
    const saga = createHttpSaga(dtm, 'g3', { concurrent: true });
    for (let step = 0; step < 11; step += 1) saga.add(`${busi}/Step?n=${step}&x=<y>`, '', { step });
    await saga.addBranchOrder(2, [0, 1]).addBranchOrder(10, [2]).submit();

    const body = lastRequest().body;
    expect(body).toContain(String.raw`"custom_data":"{\"concurrent\":true,\"orders\":{\"10\":[2],\"2\":[0,1]}}"`);
    expect(body).toContain(String.raw`"action":"http://localhost:8081/api/busi/Step?n=0\u0026x=\u003cy\u003e"`);
    expect(JSON.parse(body)).toMatchObject({ payloads: expect.arrayContaining(['{"step":10}']) });
  });

  it('leaves out an empty steps list and empty branch headers', async () => {
    await createHttpSaga(dtm, 'g4', { branchHeaders: {} }).submit();
    expect(lastRequest().body).toBe('{"gid":"g4","trans_type":"saga","concurrent":false,"protocol":""}');
  });

  it('checks options and branch orders before anything is sent', async () => {
    expect(() => createHttpSaga(dtm, 'g5', { retryInterval: 1.5 })).toThrow('retryInterval');
    expect(() => createHttpSaga(dtm, 'g5').addBranchOrder(1, [0])).toThrow('concurrent');
    const saga = createHttpSaga(dtm, 'g5', { concurrent: true }).add('', '', {}).addBranchOrder(1, [0]);
    await expect(saga.submit()).rejects.toThrow('names step 1, but the saga has 1 steps');
    expect(dtmServer.requests).toEqual([]);
  });
});

describe('HTTP replies from the DTM server', () => {
  it('turns 409, 425, other statuses and legacy bodies into typed errors', async () => {
    const submit = () => createHttpSaga(dtm, 'g6').add(`${busi}/TransOut`, '', {}).submit();

    dtmServer.reply('/api/dtmsvr/submit', { status: 409, body: '{"dtm_result":"FAILURE","message":"no"}' });
    await expect(submit()).rejects.toBeInstanceOf(DtmFailureError);
    dtmServer.reply('/api/dtmsvr/submit', { status: 425, body: '{"dtm_result":"ONGOING"}' });
    await expect(submit()).rejects.toBeInstanceOf(DtmOngoingError);
    dtmServer.reply('/api/dtmsvr/submit', { status: 500, body: '{"message":"bad json"}' });
    await expect(submit()).rejects.toThrow(DtmRequestError);
    dtmServer.reply('/api/dtmsvr/submit', { status: 200, body: '{"dtm_result":"FAILURE"}' });
    await expect(submit()).rejects.toBeInstanceOf(DtmFailureError);
  });

  it('reports an unreachable server as a DtmRequestError', async () => {
    const nowhere = createHttpDtmClient('http://127.0.0.1:1/api/dtmsvr', { timeoutMs: 1_000 });
    await expect(nowhere.newGid()).rejects.toBeInstanceOf(DtmRequestError);
  });
});

describe('HTTP gid and query', () => {
  it('gets a gid from GET /newGid', async () => {
    dtmServer.reply('/api/dtmsvr/newGid', {
      status: 200,
      body: '{"gid":"AbCdEfGhIjKlMnOpQrStUv","dtm_result":"SUCCESS"}',
    });
    expect(await dtm.newGid()).toBe('AbCdEfGhIjKlMnOpQrStUv');
    expect(lastRequest()).toMatchObject({ method: 'GET', url: '/api/dtmsvr/newGid' });

    dtmServer.reply('/api/dtmsvr/newGid', { status: 200, body: '{"dtm_result":"SUCCESS"}' });
    await expect(dtm.newGid()).rejects.toThrow('without a gid');
  });

  it('queries a transaction by gid', async () => {
    const answer = {
      transaction: {
        id: 7,
        create_time: '2024-01-01T10:00:00+08:00',
        update_time: null,
        gid: 'g 1&2',
        status: 'succeed',
      },
      branches: [
        { id: 1, create_time: null, update_time: null, branch_id: '01', op: 'compensate', status: 'prepared' },
      ],
    };
    dtmServer.reply('/api/dtmsvr/query', { status: 200, body: JSON.stringify(answer) });
    expect(await dtm.query('g 1&2')).toEqual(answer);
    expect(lastRequest()).toMatchObject({ method: 'GET', url: '/api/dtmsvr/query?gid=g%201%262' });

    dtmServer.reply('/api/dtmsvr/query', { status: 200, body: '{"transaction":null,"branches":[]}' });
    expect(await dtm.query('unknown')).toEqual({ transaction: null, branches: [] });
  });

  it('reads a failed transaction, whose stored reason contains FAILURE, as data', async () => {
    const failed = {
      transaction: {
        id: 8,
        create_time: null,
        update_time: null,
        status: 'failed',
        rollback_reason: 'url:http://busi/TransIn return failed: {"dtm_result":"FAILURE"} FAILURE',
      },
      branches: [],
    };
    dtmServer.reply('/api/dtmsvr/query', { status: 200, body: JSON.stringify(failed) });
    expect(await dtm.query('g-failed')).toEqual(failed);

    dtmServer.reply('/api/dtmsvr/query', { status: 500, body: '{"dtm_result":"FAILURE","message":"down"}' });
    await expect(dtm.query('g-failed')).rejects.toBeInstanceOf(DtmRequestError);
  });
});

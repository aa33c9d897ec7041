import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBusi, type Busi } from './support/busi.js';
import { startDtm, type Dtm } from './support/dtm.js';
import { PAYLOAD, concurrent, newTestGid, sagaBody } from './support/saga.js';

let dtm: Dtm;
let busi: Busi;

beforeAll(async () => {
  [dtm, busi] = await Promise.all([startDtm({ mysqlUrl: inject('mysqlUrl') }), startBusi()]);
});

afterAll(async () => {
  await busi?.stop();
  await dtm?.stop();
});

const ALL_DONE = ['prepared', 'succeed', 'prepared', 'succeed'];
const ROLLED_BACK = ['succeed', 'succeed', 'succeed', 'failed'];

async function submit(gid: string, extra: Record<string, unknown> = {}) {
  return dtm.post('submit', sagaBody(gid, busi.httpUrl, extra));
}

describe('saga over HTTP (DTM test/saga_test.go)', () => {
  it('normal: both steps succeed, with the branch request DTM sends', async () => {
    const gid = newTestGid('normal');
    expect(await submit(gid)).toEqual({ status: 200, body: { dtm_result: 'SUCCESS' } });
    expect(await dtm.states(gid)).toEqual({ status: 'succeed', branches: ALL_DONE, reason: '' });
    expect(busi.trail(gid)).toEqual(['TransOut:action', 'TransIn:action']);
    const [first] = busi.calls(gid);
    expect(first).toMatchObject({ transType: 'saga', branchId: '01', op: 'action', httpMethod: 'POST' });
    expect(first!.headers['content-type']).toBe('application/json');
    expect(first!.body.toString()).toBe(PAYLOAD);
  });

  it('rollback: TransIn FAILURE compensates both steps in reverse, its own included', async () => {
    const gid = newTestGid('rollback');
    busi.setNext('TransIn', 'FAILURE');
    await submit(gid);
    const states = await dtm.states(gid);
    expect(states).toMatchObject({ status: 'failed', branches: ROLLED_BACK });
    expect(states.reason).toContain('Insufficient balance');
    expect(busi.trail(gid)).toEqual([
      'TransOut:action',
      'TransIn:action',
      'TransInRevert:compensate',
      'TransOutRevert:compensate',
    ]);
  });

  it('ongoing: stays submitted until the cron polls again', async () => {
    const gid = newTestGid('ongoing');
    busi.setNext('TransOut', 'ONGOING');
    await submit(gid);
    expect(await dtm.states(gid)).toMatchObject({
      status: 'submitted',
      branches: ['prepared', 'prepared', 'prepared', 'prepared'],
    });
    await dtm.cronAfter(10);
    expect(await dtm.states(gid)).toMatchObject({ status: 'succeed', branches: ALL_DONE });
  });

  it('failed compensation: aborting until the cron retries it, then failed', async () => {
    const gid = newTestGid('failed');
    busi.setNext('TransIn', 'FAILURE');
    busi.setNext('TransOutRevert', 'ERROR');
    await submit(gid);
    expect((await dtm.states(gid)).status).toBe('aborting');
    await dtm.cronAfter(20);
    expect(await dtm.states(gid)).toMatchObject({ status: 'failed', branches: ROLLED_BACK });
  });

  it('abnormal: a submitted gid may be submitted again, a finished one may not', async () => {
    const gid = newTestGid('abnormal');
    busi.setNext('TransOut', 'ONGOING');
    await submit(gid);
    await dtm.server.processor.idle();
    expect((await submit(gid)).status).toBe(200);
    await dtm.cronAfter(10);
    expect((await dtm.states(gid)).status).toBe('succeed');
    expect(await submit(gid)).toEqual({
      status: 409,
      body: { dtm_result: 'FAILURE', message: "current status 'succeed', cannot submit. FAILURE" },
    });
  });

  it('empty URLs are no-ops that succeed', async () => {
    const gid = newTestGid('empty');
    const body = sagaBody(gid, busi.httpUrl);
    body.steps = [
      { action: `${busi.httpUrl}/TransOut`, compensate: '' },
      { action: '', compensate: '' },
    ];
    await dtm.post('submit', body);
    expect(await dtm.states(gid)).toMatchObject({ status: 'succeed', branches: ALL_DONE });
    expect(busi.trail(gid)).toEqual(['TransOut:action']);
  });

  it('compatible: payloads inside steps[].data', async () => {
    const gid = newTestGid('compat');
    const body = {
      gid,
      trans_type: 'saga',
      steps: [
        { action: `${busi.httpUrl}/TransOut`, compensate: `${busi.httpUrl}/TransOutRevert`, data: PAYLOAD },
        { action: `${busi.httpUrl}/TransIn`, compensate: `${busi.httpUrl}/TransInRevert`, data: PAYLOAD },
      ],
    };
    expect((await dtm.post('submit', body)).status).toBe(200);
    expect((await dtm.states(gid)).status).toBe('succeed');
    expect(busi.calls(gid)[1]!.body.toString()).toBe(PAYLOAD);
  });
});

describe('concurrent sagas (DTM test/saga_concurrent_test.go)', () => {
  it('runs both actions and succeeds', async () => {
    const gid = newTestGid('con');
    await submit(gid, concurrent());
    expect(await dtm.states(gid)).toMatchObject({ status: 'succeed', branches: ALL_DONE });
  });

  it('order 1 after 0, TransOut FAILURE: step 2 never runs and is never compensated', async () => {
    const gid = newTestGid('con-order');
    busi.setNext('TransOut', 'FAILURE');
    await submit(gid, concurrent({ 1: [0] }));
    expect(await dtm.states(gid)).toMatchObject({
      status: 'failed',
      branches: ['succeed', 'failed', 'prepared', 'prepared'],
    });
    expect(busi.trail(gid)).toEqual(['TransOut:action', 'TransOutRevert:compensate']);
  });

  it('order 1 after 0, TransIn FAILURE: compensation of 1 before 0', async () => {
    const gid = newTestGid('con-order2');
    busi.setNext('TransIn', 'FAILURE');
    await submit(gid, concurrent({ 1: [0] }));
    expect(await dtm.states(gid)).toMatchObject({ status: 'failed', branches: ROLLED_BACK });
    expect(busi.trail(gid).slice(2)).toEqual(['TransInRevert:compensate', 'TransOutRevert:compensate']);
  });

  it('TransOut ONGOING once: the other action still runs; the cron finishes', async () => {
    const gid = newTestGid('con-ongoing');
    busi.setNext('TransOut', 'ONGOING');
    await submit(gid, concurrent());
    expect(await dtm.states(gid)).toMatchObject({
      status: 'submitted',
      branches: ['prepared', 'prepared', 'prepared', 'succeed'],
    });
    await dtm.cronAfter(10);
    expect(await dtm.states(gid)).toMatchObject({ status: 'succeed', branches: ALL_DONE });
  });

  it('TransOut FAILURE, TransOutRevert ONGOING once: aborting, then failed after the cron', async () => {
    const gid = newTestGid('con-rollback');
    busi.setNext('TransOut', 'FAILURE');
    busi.setNext('TransOutRevert', 'ONGOING');
    await submit(gid, concurrent());
    expect((await dtm.states(gid)).status).toBe('aborting');
    await dtm.cronAfter(10);
    expect((await dtm.states(gid)).status).toBe('failed');
  });
});

describe('saga options (DTM test/saga_options_test.go)', () => {
  it('retry_interval with ONGOING: polled at the same interval', async () => {
    const gid = newTestGid('retry-ongoing');
    busi.setNext('TransOut', 'ONGOING');
    await submit(gid, { retry_interval: 150 });
    await dtm.cronAfter(151);
    expect((await dtm.states(gid)).status).toBe('succeed');
  });

  it('retry_interval with an error: the interval doubles', async () => {
    const gid = newTestGid('retry-error');
    busi.setNext('TransOut', 'ERROR');
    await submit(gid, { retry_interval: 150 });
    await dtm.cronAfter(180);
    expect(await dtm.states(gid)).toMatchObject({
      status: 'submitted',
      branches: ['prepared', 'prepared', 'prepared', 'prepared'],
    });
    await dtm.cronAfter(180);
    expect((await dtm.states(gid)).status).toBe('succeed');
  });

  it('timeout_to_fail: a saga past its timeout rolls back what ran', async () => {
    const gid = newTestGid('timeout');
    busi.setNext('TransOut', 'ONGOING');
    await submit(gid, { timeout_to_fail: 1800 });
    await dtm.cronAfter(3600);
    const states = await dtm.states(gid);
    expect(states).toMatchObject({ status: 'failed', branches: ['succeed', 'prepared', 'prepared', 'prepared'] });
    expect(states.reason).toMatch(/^Timeout after \d+ seconds$/);
  });

  it('wait_result: the answer comes after the pass, with the final state stored', async () => {
    const gid = newTestGid('wait');
    expect((await submit(gid, { wait_result: true, request_timeout: 6, payloads: ['null', 'null'] })).status).toBe(200);
    expect((await dtm.states(gid)).status).toBe('succeed');
    expect(busi.calls(gid)[0]!.body.toString()).toBe('null');
  });

  it('wait_result with ONGOING: an error now, the cron completes it', async () => {
    const gid = newTestGid('wait-ongoing');
    busi.setNext('TransOut', 'ONGOING');
    const reply = await submit(gid, { wait_result: true });
    expect(reply.status).toBe(409);
    expect(reply.body.dtm_result).toBe('FAILURE');
    expect((await dtm.states(gid)).status).toBe('submitted');
    await dtm.cronAfter(10);
    expect((await dtm.states(gid)).status).toBe('succeed');
  });

  it('wait_result with FAILURE: the error carries the reason', async () => {
    const gid = newTestGid('wait-rollback');
    busi.setNext('TransIn', 'FAILURE');
    const reply = await submit(gid, { wait_result: true });
    expect(reply.status).toBe(409);
    expect(reply.body.message).toContain('Insufficient balance');
    expect(await dtm.states(gid)).toMatchObject({ status: 'failed', branches: ROLLED_BACK });
  });

  it('branch_headers reach the branch on the first call and on cron retries', async () => {
    const gid = newTestGid('headers');
    busi.setNext('TransOut', 'ONGOING');
    await submit(gid, { branch_headers: { test_header: 'test' } });
    await dtm.cronAfter(10);
    const calls = busi.calls(gid);
    expect(calls).toHaveLength(3);
    for (const call of calls) expect(call.headers.test_header).toBe('test');
  });

  it('retry_limit 3: an action failing three times is retried at once and succeeds', async () => {
    const gid = newTestGid('limit-yes');
    busi.setNext('TransIn', 'ERROR', 3);
    expect((await submit(gid, { retry_limit: 3, wait_result: true })).status).toBe(200);
    expect((await dtm.states(gid)).status).toBe('succeed');
  });

  it('retry_limit 1: an action failing past the limit rolls the saga back', async () => {
    const gid = newTestGid('limit-no');
    busi.setNext('TransIn', 'ERROR', 2);
    expect((await submit(gid, { retry_limit: 1, wait_result: true })).status).toBe(409);
    expect(await dtm.states(gid)).toEqual({
      status: 'failed',
      branches: ['succeed', 'succeed', 'succeed', 'prepared'],
      reason: 'RetryCount is greater than RetryLimit, RetryLimit: 1',
    });
  });

  it('null and 0 options are unset', async () => {
    const gid = newTestGid('nulls');
    const reply = await submit(gid, {
      wait_result: null,
      timeout_to_fail: 0,
      retry_interval: null,
      branch_headers: null,
      custom_data: null,
    });
    expect(reply.status).toBe(200);
    await dtm.server.processor.idle();
    const { body } = await dtm.get(`query?gid=${gid}`);
    expect((body.transaction as Record<string, unknown>).options).toBe('{"concurrent":false}');
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseExposition, sumSamples } from '@mall/metrics';
import { startBusi, type Busi } from './support/busi.js';
import { startDtm, type Dtm } from './support/dtm.js';
import { concurrent, newTestGid, sagaBody } from './support/saga.js';

let dtm: Dtm;
let busi: Busi;

beforeAll(async () => {
  [dtm, busi] = await Promise.all([startDtm({ mysqlUrl: inject('mysqlUrl') }), startBusi()]);
});

afterAll(async () => {
  await busi?.stop();
  await dtm?.stop();
});

async function ongoingSaga(label: string): Promise<string> {
  const gid = newTestGid(label);
  busi.setNext('TransOut', 'ONGOING');
  await dtm.post('submit', sagaBody(gid, busi.httpUrl));
  await dtm.server.processor.idle();
  return gid;
}

describe('DTM HTTP API (DTM test/api_test.go)', () => {
  it('ping, version, newGid, metrics', async () => {
    expect(await fetch(`${dtm.httpUrl.replace('/dtmsvr', '')}/ping`).then((r) => r.json())).toEqual({ msg: 'pong' });
    expect((await dtm.get('version')).body).toEqual({ version: 'v1.19.0' });
    const { body } = await dtm.get('newGid');
    expect(body).toMatchObject({ dtm_result: 'SUCCESS', gid: expect.stringMatching(/^.{22}$/) });
    const metrics = await fetch(`${dtm.httpUrl.replace('/dtmsvr', '')}/metrics`).then((r) => r.text());
    expect(metrics).toContain('dtm_server_process_total');
  });

  it("metrics: DTM's families at /api/metrics move with API calls, passes and branches, with no gid label", async () => {
    const scrape = async () =>
      parseExposition(await fetch(`${dtm.httpUrl.replace('/dtmsvr', '')}/metrics`).then((r) => r.text()));
    const before = await scrape();
    const moved = (after: typeof before, name: string, labels: Record<string, string>) =>
      sumSamples(after, name, labels) - sumSamples(before, name, labels);

    const succeeded = newTestGid('metrics-ok');
    await dtm.post('submit', sagaBody(succeeded, busi.httpUrl, { wait_result: true }));
    const rolledBack = newTestGid('metrics-rollback');
    busi.setNext('TransIn', 'FAILURE');
    await dtm.post('submit', sagaBody(rolledBack, busi.httpUrl, { wait_result: true }));
    await dtm.server.processor.idle();
    expect((await dtm.get('query')).status).toBe(400);

    const after = await scrape();
    for (const [name, type] of [
      ['dtm_server_process_total', 'counter'],
      ['dtm_server_response_duration', 'histogram'],
      ['dtm_transaction_process_total', 'counter'],
      ['dtm_transaction_handled_duration', 'histogram'],
      ['dtm_branch_process_total', 'counter'],
      ['process_cpu_seconds_total', 'counter'],
      ['nodejs_eventloop_lag_seconds', 'gauge'],
    ]) {
      expect(after.families.get(name!), name).toBe(type);
    }
    expect(moved(after, 'dtm_server_process_total', { type: 'http', api: 'submit', status: 'ok' })).toBe(1);
    expect(moved(after, 'dtm_server_process_total', { type: 'http', api: 'submit', status: 'fail' })).toBe(1);
    expect(moved(after, 'dtm_server_process_total', { type: 'http', api: 'query', status: 'fail' })).toBe(1);
    expect(moved(after, 'dtm_server_response_duration_count', { type: 'http', api: 'submit' })).toBe(2);
    expect(moved(after, 'dtm_transaction_process_total', { model: 'saga', status: 'ok' })).toBe(1);
    expect(moved(after, 'dtm_transaction_process_total', { model: 'saga', status: 'fail' })).toBe(1);
    expect(moved(after, 'dtm_transaction_handled_duration_count', { model: 'saga' })).toBe(2);
    // The rolled-back saga: TransOut done, TransIn refused, then both compensated.
    expect(moved(after, 'dtm_branch_process_total', { model: 'saga', branchtype: 'action', status: 'ok' })).toBe(3);
    expect(moved(after, 'dtm_branch_process_total', { model: 'saga', branchtype: 'action', status: 'fail' })).toBe(1);
    expect(moved(after, 'dtm_branch_process_total', { branchtype: 'compensate', status: 'ok' })).toBe(2);
    const dtmSamples = after.samples.filter((sample) => sample.name.startsWith('dtm_'));
    for (const sample of dtmSamples) expect(Object.keys(sample.labels)).not.toContain('gid');
    expect(dtmSamples.some((sample) => Object.values(sample.labels).some((v) => v.includes(succeeded)))).toBe(false);
  });

  it('query: two branches per step; empty gid refused; unknown gid is null', async () => {
    const gid = newTestGid('query');
    await dtm.post('submit', sagaBody(gid, busi.httpUrl, { wait_result: true }));
    const { body } = await dtm.get(`query?gid=${gid}`);
    expect(body.transaction).toMatchObject({ gid, status: 'succeed', trans_type: 'saga', protocol: 'http' });
    expect(body.branches).toHaveLength(4);
    expect((body.branches as Record<string, unknown>[])[1]).toMatchObject({ branch_id: '01', op: 'action' });
    expect((await dtm.get('query?gid=')).status).toBe(400);
    expect((await dtm.get('query?gid=nope')).body).toEqual({ transaction: null, branches: [] });
  });

  it('all: newest first, position/limit paging, filters', async () => {
    for (let i = 0; i < 3; i++)
      await dtm.post('submit', sagaBody(newTestGid('page'), busi.httpUrl, { wait_result: true }));
    const first = await dtm.get('all?limit=2');
    const transactions = first.body.transactions as { id: number }[];
    expect(transactions).toHaveLength(2);
    expect(transactions[0]!.id).toBeGreaterThan(transactions[1]!.id);
    expect(first.body.next_position).toBe(String(transactions[1]!.id));
    const second = await dtm.get(`all?limit=2&position=${String(first.body.next_position)}`);
    expect((second.body.transactions as { id: number }[])[0]!.id).toBeLessThan(transactions[1]!.id);
    const none = await dtm.get(`all?status=failed&transType=saga&createTimeStart=${Date.now() + 86_400_000}`);
    expect(none.body).toEqual({ transactions: [], next_position: '' });
    expect((await dtm.get('all?gid=nope')).body).toEqual({ transactions: null, next_position: '' });
  });

  it('forceStop: a submitted saga fails at once; a finished one is refused with 409', async () => {
    const gid = await ongoingSaga('force');
    expect((await dtm.post('forceStop', { gid })).status).toBe(200);
    expect((await dtm.states(gid)).status).toBe('failed');
    const again = await dtm.post('forceStop', { gid });
    expect(again.status).toBe(409);
    expect(again.body.dtm_result).toBe('FAILURE');
  });

  it('resetNextCronTime makes one transaction due now; resetCronTime many', async () => {
    const gid = await ongoingSaga('reset');
    expect((await dtm.post('resetNextCronTime', { gid })).body).toEqual({ dtm_result: 'SUCCESS' });
    const stored = await dtm.store.findGlobal(gid);
    expect(Math.abs(stored!.nextCronTime.getTime() - dtm.clock.now().getTime())).toBeLessThan(1500);
    expect((await dtm.post('resetNextCronTime', { gid: 'nope' })).status).toBe(404);
    const reset = await dtm.get('resetCronTime?timeout=-1&limit=1000'.replace('-1', '0'));
    expect(reset.body).toMatchObject({ has_remaining: false, succeed_count: expect.any(Number) });
  });

  it('a saga cannot be aborted; registerBranch needs a prepared transaction', async () => {
    const gid = await ongoingSaga('abort');
    expect((await dtm.post('abort', { gid, trans_type: 'saga' })).status).toBe(409);
    const tcc = newTestGid('tcc');
    expect((await dtm.post('prepare', { gid: tcc, trans_type: 'tcc' })).status).toBe(200);
    const branch = {
      gid: tcc,
      trans_type: 'tcc',
      branch_id: '01',
      confirm: `${busi.httpUrl}/c`,
      cancel: `${busi.httpUrl}/x`,
      data: '{}',
    };
    expect((await dtm.post('registerBranch', branch)).status).toBe(200);
    expect((await dtm.post('registerTccBranch', { ...branch, branch_id: '02' })).status).toBe(200);
    expect((await dtm.get(`query?gid=${tcc}`)).body.branches).toHaveLength(4);
    expect((await dtm.post('registerBranch', { ...branch, gid })).status).toBe(409);
  });

  it('malformed input gets a clear 4xx and the server keeps serving', async () => {
    const cases: [string, unknown][] = [
      ['submit', '{not json'],
      ['submit', '[]'],
      ['submit', { trans_type: 'saga' }],
      ['submit', { gid: 'x', trans_type: 'nope' }],
      ['submit', { gid: 'x', trans_type: 'saga', steps: [{ action: 1 }] }],
      ['submit', { gid: 'x', trans_type: 'saga', steps: [{ action: 'ftp://x', compensate: '' }], payloads: ['{}'] }],
      [
        'submit',
        {
          gid: 'x',
          trans_type: 'saga',
          steps: [
            { action: '', compensate: '' },
            { action: '', compensate: '' },
          ],
          payloads: ['{}'],
        },
      ],
      ['submit', { gid: 'x', trans_type: 'saga', timeout_to_fail: 'soon' }],
      ['forceStop', {}],
      ['registerBranch', { gid: 'x', branch_id: 1 }],
    ];
    for (const [path, body] of cases) {
      const reply = await dtm.post(path, body);
      expect(reply.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(reply.body).toMatchObject({ dtm_result: 'FAILURE', message: expect.any(String) });
    }
    expect((await dtm.get('all?limit=abc')).status).toBe(400);
    expect((await dtm.get('newGid')).status).toBe(200);
  });

  // Found by hostile-http.int.test.ts: each of these was a 500 (a value too long for its column), or a
  // saga stored that could never finish, or two gids stored as one.
  it('refuses, storing nothing, what it could not store or finish', async () => {
    const long = 'x'.repeat(1025);
    const saga = (extra: Record<string, unknown>) => ({ ...sagaBody(newTestGid('big'), busi.httpUrl), ...extra });
    const refusals: [Record<string, unknown>, string][] = [
      [saga({ rollback_reason: long }), 'rollback_reason is longer than 1024 characters'],
      [saga({ branch_headers: { a: long } }), 'the options is longer than 1024 characters'],
      [saga({ payloads: ['x'.repeat(65_536), '{}'] }), 'payloads[0] is larger than 65535 bytes'],
      [
        saga({ steps: [{ action: `${busi.httpUrl}/${long}`, compensate: '' }], payloads: ['{}'] }),
        'steps[0].action is longer than 1024 characters',
      ],
      [saga({ ...concurrent({ 0: [5] }) }), 'custom_data: step 0 waits for step 5, which does not exist'],
      [saga({ ...concurrent({ 0: [1], 1: [0] }) }), 'custom_data: steps 0, 1 wait for each other in a cycle'],
      [{ gid: 'a\ud800', trans_type: 'saga' }, 'gid: gid must be valid Unicode (a lone surrogate is not)'],
    ];
    for (const [body, message] of refusals) {
      const reply = await dtm.post('submit', body);
      expect(reply, message).toMatchObject({ status: 400, body: { dtm_result: 'FAILURE', message } });
      if (typeof body.gid === 'string') expect(await dtm.store.findGlobal(body.gid)).toBeUndefined();
    }
    const gid = newTestGid('tcc-long');
    expect((await dtm.post('prepare', { gid, trans_type: 'tcc' })).status).toBe(200);
    const branch = { gid, trans_type: 'tcc', branch_id: '01', confirm: `${busi.httpUrl}/c`, cancel: '' };
    for (const [extra, message] of [
      [{ branch_id: 'b'.repeat(129) }, 'branch_id is longer than 128 characters'],
      [{ confirm: long }, 'the confirm URL is longer than 1024 characters'],
      [{ data: 'd'.repeat(65_536) }, 'data is larger than 65535 bytes'],
    ] as const) {
      const reply = await dtm.post('registerBranch', { ...branch, ...extra });
      expect(reply, message).toMatchObject({ status: 400, body: { message } });
    }
    expect(await dtm.store.findBranches(gid)).toEqual([]);
    const tooLong = await fetch(`${dtm.httpUrl}/query?gid=${'g'.repeat(20_000)}`);
    expect(tooLong.status).toBe(431);
    expect(await tooLong.json()).toEqual({ message: 'request headers are larger than 16 KiB' });
    // A message quoting the client's text stays one short line.
    const quoted = await dtm.post(
      'submit',
      saga({ steps: [{ action: `ftp://x\r\n${'y'.repeat(900)}`, compensate: '' }] }),
    );
    expect(quoted.status).toBe(400);
    expect(quoted.body.message).toMatch(/^branch URL ftp:\/\/x y+…$/);
  });
});

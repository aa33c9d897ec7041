import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AdminDetail, AdminInfo, AdminPage } from '../src/api/admin/ui/wire.js';
import { startBusi, type Busi } from './support/busi.js';
import { startDtm, type Dtm } from './support/dtm.js';
import { newTestGid, sagaBody } from './support/saga.js';

const TOKEN = 'admin-token-for-the-tests-0123456789abcdef';

let dtm: Dtm;
let busi: Busi;
let base: string;

beforeAll(async () => {
  [dtm, busi] = await Promise.all([startDtm({ mysqlUrl: inject('mysqlUrl'), adminToken: TOKEN }), startBusi()]);
  base = dtm.httpUrl.replace('/api/dtmsvr', '');
});

afterAll(async () => {
  await busi?.stop();
  await dtm?.stop();
});

async function admin<T = Record<string, unknown>>(path: string, init: RequestInit & { token?: string | null } = {}) {
  const { token = TOKEN, ...rest } = init;
  const headers: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
  const response = await fetch(`${base}/admin/api${path}`, { ...rest, headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

const list = (query: string) => admin<AdminPage>(`/transactions?${query}`);
const gids = (page: AdminPage) => page.transactions.map((trans) => trans.gid);

async function submitSaga(label: string, { fail = false, hang = false, extra = {} } = {}): Promise<string> {
  const gid = newTestGid(label);
  if (fail) busi.setNext('TransIn', 'FAILURE');
  if (hang) busi.setNext('TransOut', 'ONGOING');
  await dtm.post('submit', sagaBody(gid, busi.httpUrl, extra));
  await dtm.server.processor.idle();
  return gid;
}

describe('admin console: on or off, and the token', () => {
  it('without DTM_ADMIN_TOKEN, /admin says it is disabled and the API does not exist', async () => {
    const off = await startDtm({ mysqlUrl: inject('mysqlUrl'), database: dtm.database });
    try {
      const root = off.httpUrl.replace('/api/dtmsvr', '');
      const page = await fetch(`${root}/admin`);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain('disabled: set DTM_ADMIN_TOKEN');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      const api = await fetch(`${root}/admin/api/transactions`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(api.status).toBe(404);
      expect(await api.json()).toEqual({ message: expect.stringContaining('DTM_ADMIN_TOKEN') });
    } finally {
      await off.stop();
    }
  });

  it('refuses every API call without the token or with a wrong one, saying which, and shows nothing', async () => {
    await submitSaga('auth');
    const paths = ['/info', '/transactions', `/transactions/${encodeURIComponent('anything')}`];
    for (const path of paths) {
      const missing = await admin(path, { token: null });
      expect(missing.status).toBe(401);
      expect(missing.body).toEqual({ message: 'the admin token is missing' });
      expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="dtm-admin"');
      const wrong = await admin(path, { token: `${TOKEN}x` });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ message: 'the admin token is wrong' });
    }
    const stop = await admin(`/transactions/x/force-stop`, { method: 'POST', token: TOKEN.slice(0, -1) });
    expect(stop.status).toBe(401);
    // A cookie is not a way in either.
    const cookie = await fetch(`${base}/admin/api/transactions`, { headers: { Cookie: `token=${TOKEN}` } });
    expect(cookie.status).toBe(401);
  });

  it('with the token: info, and the page with strict security headers', async () => {
    const info = await admin<AdminInfo>('/info');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ version: 'v1.19.0', settings: { retryInterval: 10 } });
    for (const path of ['/admin', '/admin/']) {
      const page = await fetch(`${base}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'; script-src 'self'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(await page.text()).toContain('/admin/assets/main.js');
    }
    const script = await fetch(`${base}/admin/assets/main.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('sessionStorage');
    expect((await fetch(`${base}/admin/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/admin/elsewhere`)).status).toBe(404);
  });
});

describe('admin API: the list', () => {
  it('filters by status, type, gid prefix and create time, newest first', async () => {
    const prefix = newTestGid('filter');
    const early = await submitSaga(`${prefix}-early`);
    dtm.clock.advance(3600);
    const failed = await submitSaga(`${prefix}-failed`, { fail: true });
    const hanging = await submitSaga(`${prefix}-hang`, { hang: true });
    const all = await list(`gid=${prefix}`);
    expect(all.status).toBe(200);
    expect(gids(all.body)).toEqual([hanging, failed, early]);
    expect(all.body.transactions.map((trans) => trans.status)).toEqual(['submitted', 'failed', 'succeed']);
    expect(all.body.transactions[1]).toMatchObject({
      transType: 'saga',
      rollbackReason: expect.stringContaining('balance'),
    });

    expect(gids((await list(`gid=${prefix}&status=failed`)).body)).toEqual([failed]);
    expect(gids((await list(`gid=${prefix.toUpperCase()}&status=submitted&type=saga`)).body)).toEqual([hanging]);
    expect(gids((await list(`gid=${prefix}&type=tcc`)).body)).toEqual([]);

    const cut = dtm.clock.now().getTime() - 1800_000;
    expect(gids((await list(`gid=${prefix}&to=${cut}`)).body)).toEqual([early]);
    expect(gids((await list(`gid=${prefix}&from=${cut}`)).body)).toEqual([hanging, failed]);
    expect(gids((await list(`gid=${prefix}&from=${cut}&to=${cut + 1}`)).body)).toEqual([]);
  });

  it('takes a gid prefix literally: % and _ are not wildcards', async () => {
    const prefix = newTestGid('lit');
    const plain = await submitSaga(`${prefix}-ab`);
    expect(gids((await list(`gid=${prefix}-a`)).body)).toEqual([plain]);
    expect(gids((await list(`gid=${encodeURIComponent(`${prefix}-%`)}`)).body)).toEqual([]);
    expect(gids((await list(`gid=${prefix}-_b`)).body)).toEqual([]);
  });

  it('pages by id cursor, newest first, until nextCursor is empty', async () => {
    const prefix = newTestGid('page');
    const submitted: string[] = [];
    for (let i = 0; i < 5; i++) submitted.push(await submitSaga(`${prefix}-${i}`));
    const seen: string[] = [];
    const ids: number[] = [];
    let cursor = '';
    for (let pages = 0; pages < 10; pages++) {
      const { body } = await list(`gid=${prefix}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...gids(body));
      ids.push(...body.transactions.map((trans) => Number(trans.id)));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...submitted].reverse());
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('refuses bad filters with 400 and one line saying why', async () => {
    const cases: [string, RegExp][] = [
      ['status=done', /^status: must be one of prepared, submitted/],
      ['type=2pc', /^type: must be one of saga/],
      ['cursor=12a', /^cursor: must be a transaction id/],
      ['limit=1000', /^limit: must be at most 100/],
      ['from=yesterday', /^from: must be epoch milliseconds/],
      ['from=2000&to=1000', /^from: must not be after to/],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await list(query);
      expect(status, query).toBe(400);
      expect((body as unknown as { message: string }).message, query).toMatch(message);
    }
  });
});

describe('admin API: one transaction and the operator levers', () => {
  it('shows fields and branches, and never a branch header value, a payload or a query value', async () => {
    const gid = await submitSaga('detail', {
      extra: { branch_headers: { token: 'very-secret-branch-token', app: 'dtm' } },
    });
    const { status, body } = await admin<AdminDetail>(`/transactions/${encodeURIComponent(gid)}`);
    expect(status).toBe(200);
    expect(body.transaction).toMatchObject({
      gid,
      status: 'succeed',
      transType: 'saga',
      branchHeaders: ['app', 'token'],
    });
    expect(body.transaction.finishTime).not.toBeNull();
    expect(body.branches.map((branch) => `${branch.branchId}:${branch.op}:${branch.status}`)).toEqual([
      '01:compensate:prepared',
      '01:action:succeed',
      '02:compensate:prepared',
      '02:action:succeed',
    ]);
    expect(body.branches[1]).toMatchObject({ url: `${busi.httpUrl}/TransOut`, payloadBytes: expect.any(Number) });
    const text = JSON.stringify(body);
    expect(text).not.toContain('very-secret-branch-token');
    expect(text).not.toContain('trans_in_result');
  });

  it('masks query values in branch targets, and in the failure reason that quotes them', async () => {
    const gid = newTestGid('masked');
    const steps = [{ action: `${busi.httpUrl}/TransOut?key=hush-hush`, compensate: `${busi.httpUrl}/TransOutRevert` }];
    busi.setNext('TransOut', 'FAILURE');
    await dtm.post('submit', { gid, trans_type: 'saga', steps, payloads: ['{}'], wait_result: true });
    const { body } = await admin<AdminDetail>(`/transactions/${gid}`);
    expect(body.transaction.status).toBe('failed');
    expect(body.branches[1]!.url).toBe(`${busi.httpUrl}/TransOut?key=***`);
    expect(body.transaction.rollbackReason).toContain('Insufficient balance');
    expect(JSON.stringify(body)).not.toContain('hush-hush');
    expect(JSON.stringify((await list(`gid=${gid}`)).body)).not.toContain('hush-hush');
  });

  it('finds gids with spaces, slashes and percent signs; an unknown gid is 404', async () => {
    const gid = `odd gid/${newTestGid('x')}%2F`;
    await dtm.post('submit', sagaBody(gid, busi.httpUrl, { wait_result: true }));
    const found = await admin<AdminDetail>(`/transactions/${encodeURIComponent(gid)}`);
    expect(found.status).toBe(200);
    expect(found.body.transaction.gid).toBe(gid);
    const unknown = await admin(`/transactions/${encodeURIComponent('no such gid')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: 'no transaction with gid no such gid' });
  });

  it('force stop: an unfinished saga becomes failed at once; a finished one is refused with 409', async () => {
    const gid = await submitSaga('stop', { hang: true });
    const path = `/transactions/${encodeURIComponent(gid)}/force-stop`;
    expect((await admin(path, { method: 'POST', token: 'x'.repeat(40) })).status).toBe(401);
    expect((await dtm.states(gid)).status).toBe('submitted');

    const stopped = await admin<AdminDetail>(path, { method: 'POST' });
    expect(stopped.status).toBe(200);
    expect(stopped.body.transaction).toMatchObject({ status: 'failed', rollbackTime: expect.any(String) });
    expect((await dtm.states(gid)).status).toBe('failed');
    const again = await admin(path, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ message: expect.stringContaining("current status 'failed'") });
    expect((await admin('/transactions/nope/force-stop', { method: 'POST' })).status).toBe(404);
  });

  it('reset next cron: the retry becomes due now, and the cron then finishes the saga', async () => {
    const gid = await submitSaga('retry', { hang: true });
    const before = await dtm.store.findGlobal(gid);
    expect(before!.nextCronTime.getTime()).toBeGreaterThan(dtm.clock.now().getTime());

    const reset = await admin<AdminDetail>(`/transactions/${encodeURIComponent(gid)}/reset-next-cron`, {
      method: 'POST',
    });
    expect(reset.status).toBe(200);
    // Stored to the second, as DTM's datetime column keeps it.
    const due = Date.parse(reset.body.transaction.nextCronTime!);
    expect(Math.abs(due - dtm.clock.now().getTime())).toBeLessThan(1000);
    dtm.clock.advance(1);
    while (await dtm.server.cron.runOnce());
    expect((await dtm.states(gid)).status).toBe('succeed');
    expect((await admin('/transactions/nope/reset-next-cron', { method: 'POST' })).status).toBe(404);
  });
});

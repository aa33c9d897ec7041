// Property-based: hostile requests to DTM's HTTP API (/api/dtmsvr/*), against a real server on a
// real MySQL store. Every answer is a 2xx or a 4xx with a clean one-line message, never a 5xx; what
// is accepted is stored exactly as sent, and what is refused with 400 stores nothing.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { caseCounter, fuzzParameters, fuzzTimeout } from '@mall/testing';
import { startBusi, type Busi } from './support/busi.js';
import { startDtm, type Dtm } from './support/dtm.js';
import {
  expectCleanMessage,
  hostileJson,
  hostileNumber,
  hostileString,
  hostileUrl,
  objectText,
  openDtmRows,
  type DtmRowReader,
} from './support/hostile.js';

let dtm: Dtm;
let busi: Busi;
let rows: DtmRowReader;
const cases = caseCounter('dtm hostile-http');

beforeAll(async () => {
  [dtm, busi] = await Promise.all([startDtm({ mysqlUrl: inject('mysqlUrl') }), startBusi()]);
  rows = await openDtmRows(inject('mysqlUrl'), dtm);
});

afterAll(async () => {
  cases.report();
  await rows?.close();
  await busi?.stop();
  await dtm?.stop();
});

interface Answer {
  status: number;
  text: string;
  body: Record<string, unknown> | undefined;
}

async function send(method: 'GET' | 'POST', path: string, body?: string): Promise<Answer> {
  const response = await fetch(`${dtm.httpUrl}/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, text, body: parsed };
}

/** A 2xx, or a 4xx whose JSON body carries a clean message (and DTM's FAILURE where DTM puts it). */
function expectNoServerError(answer: Answer, what: string): void {
  expect(answer.status, `${what} → ${answer.status} ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  expect(answer.body, `${what}: a JSON body`).toBeDefined();
  if (answer.status >= 400) expectCleanMessage(answer.body!.message, `${what} → ${answer.text.slice(0, 300)}`);
  if (answer.status === 400 || answer.status === 409) expect(answer.body!.dtm_result).toBe('FAILURE');
}

const cleanId = (gid: string) => gid.replace(/[\n\r;]/g, '');

/** Generated bodies name their gid GID; each run gets a new one, so replays while shrinking never meet. */
const GID = 'GID';
const withFreshGid = (template: string) => template.replaceAll(`"${GID}`, `"hostile-${randomBytes(6).toString('hex')}`);
/** Every byte of the UTF-8 form escaped (encodeURIComponent throws on a lone surrogate). */
const percentEncoded = (text: string) =>
  [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const base64 = (text: string) => Buffer.from(text).toString('base64');

/** The stored transaction and its branches, read back through the API. */
async function stored(gid: string) {
  const { body } = await send('GET', `query?gid=${encodeURIComponent(gid)}`);
  return body as { transaction: Record<string, unknown> | null; branches: Record<string, unknown>[] };
}

const TRANS_FIELDS = [
  'gid',
  'trans_type',
  'steps',
  'payloads',
  'custom_data',
  'query_prepared',
  'protocol',
  'rollback_reason',
  'wait_result',
  'timeout_to_fail',
  'request_timeout',
  'retry_interval',
  'branch_headers',
  'concurrent',
  'retry_limit',
  'retry_count',
] as const;

/** A transaction body, valid or not in any of its fields, as raw JSON text. */
function transBody(gid: string) {
  const url = hostileUrl(busi.httpUrl);
  const step = fc.oneof(
    fc.record({ action: url, compensate: url }).map((value) => JSON.stringify(value)),
    fc.dictionary(fc.constantFrom('action', 'compensate', 'data', 'x'), url).map((value) => JSON.stringify(value)),
    hostileJson,
  );
  const steps = fc.array(step, { maxLength: 4 }).map((items) => `[${items.join(',')}]`);
  const payloads = fc
    .array(
      hostileString.map((text) => JSON.stringify(text)),
      { maxLength: 4 },
    )
    .map((items) => `[${items.join(',')}]`);
  const orders = fc
    .dictionary(
      fc.integer({ min: -1, max: 4 }).map(String),
      fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 3 }),
    )
    .map((value) => JSON.stringify(JSON.stringify({ concurrent: true, orders: value })));
  const special: Partial<Record<(typeof TRANS_FIELDS)[number], fc.Arbitrary<string>>> = {
    gid: fc.oneof(
      fc.constant(JSON.stringify(gid)),
      hostileString.map((tail) => JSON.stringify(`${gid}${tail}`)),
      hostileJson,
    ),
    trans_type: fc.oneof(fc.constantFrom('"saga"', '"msg"', '"tcc"', '"xa"', '"workflow"', '"SAGA"'), hostileJson),
    steps: fc.oneof(steps, hostileJson),
    payloads: fc.oneof(payloads, hostileJson),
    custom_data: fc.oneof(orders, hostileJson),
    protocol: fc.oneof(fc.constantFrom('"http"', '"grpc"', '"json-rpc"', '""'), hostileJson),
    branch_headers: fc.oneof(
      fc.dictionary(fc.string({ maxLength: 10 }), hostileString).map((value) => JSON.stringify(value)),
      hostileJson,
    ),
    timeout_to_fail: fc.oneof(hostileNumber, hostileJson),
    request_timeout: fc.oneof(hostileNumber, hostileJson),
    retry_interval: fc.oneof(hostileNumber, hostileJson),
    retry_limit: fc.oneof(hostileNumber, hostileJson),
    retry_count: fc.oneof(hostileNumber, hostileJson),
  };
  const fields = TRANS_FIELDS.map((name) =>
    fc.option(fc.tuple(fc.constant<string>(name), special[name] ?? hostileJson), { freq: 2 }),
  );
  return fc.tuple(...fields).map((entries) => {
    const present = entries.filter((entry): entry is [string, string] => entry !== null);
    // Most bodies keep the gid and trans_type, so the other fields are what gets judged.
    if (!present.some(([name]) => name === 'gid')) present.unshift(['gid', JSON.stringify(gid)]);
    if (!present.some(([name]) => name === 'trans_type')) present.unshift(['trans_type', '"saga"']);
    return objectText(present);
  });
}

/** What a saga or msg body's steps and payloads become as branch rows: [branch_id, op, url, payload]. */
function expectedBranches(sent: Record<string, unknown>): [string, string, string, string][] {
  const steps = (sent.steps ?? []) as Record<string, string>[];
  const inline = steps.flatMap((step) => (step.data === undefined ? [] : [step.data]));
  const payloads = [...((sent.payloads ?? []) as string[]), ...inline];
  const ops = sent.trans_type === 'saga' ? ['compensate', 'action'] : sent.trans_type === 'msg' ? ['action'] : [];
  return steps.flatMap((step, index) =>
    ops.map((op): [string, string, string, string] => [
      String(index + 1).padStart(2, '0'),
      op,
      step[op] ?? '',
      base64(payloads[index] ?? ''),
    ]),
  );
}

describe('DTM HTTP API under hostile input', { timeout: fuzzTimeout(300_000) }, () => {
  it('submit and prepare: refused with 4xx and nothing stored, or stored exactly as sent', async () => {
    const path = fc.constantFrom('submit', 'prepare');
    await fc.assert(
      fc.asyncProperty(path, transBody(GID), async (route, template) => {
        cases.tick();
        const body = withFreshGid(template);
        const before = await rows.read();
        const answer = await send('POST', route, body);
        const what = `${route} ${body.slice(0, 300)}`;
        expectNoServerError(answer, what);
        const sent = JSON.parse(body) as Record<string, unknown>;
        const sentGid = typeof sent.gid === 'string' ? cleanId(sent.gid) : '';
        if (answer.status === 400) {
          await rows.expectUnchanged(before, what);
          return;
        }
        const { transaction, branches } = await stored(sentGid);
        if (answer.status === 200) expect(transaction, what).not.toBeNull();
        // A 409 (wait_result and not succeeded yet) may have stored the transaction: then exactly.
        if (!transaction) return;
        expect(transaction, what).toMatchObject({ gid: sentGid, trans_type: sent.trans_type });
        expect(transaction.custom_data ?? '', what).toBe(sent.custom_data || '');
        expect(transaction.query_prepared ?? '', what).toBe(sent.query_prepared || '');
        const rowsOf = branches.map((branch) => [branch.branch_id, branch.op, branch.url ?? '', branch.bin_data ?? '']);
        expect(rowsOf, what).toEqual(expectedBranches(sent));
      }),
      fuzzParameters(400),
    );
  });

  it('abort, forceStop, resetNextCronTime: a hostile gid or body gets a 4xx and changes nothing', async () => {
    const body = fc.oneof(
      hostileJson.map((gid) => objectText([['gid', gid]])),
      hostileString.map((gid) => JSON.stringify({ gid, trans_type: 'saga' })),
      fc.constantFrom('{', '[]', 'null', '"gid"', '{"gid":"a","gid":7}', '{"__proto__":{"gid":"x"}}'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('abort', 'forceStop', 'resetNextCronTime'), body, async (route, text) => {
        cases.tick();
        const before = await rows.read();
        const answer = await send('POST', route, text);
        const what = `${route} ${text.slice(0, 300)}`;
        expectNoServerError(answer, what);
        expect(answer.status, what).toBeGreaterThanOrEqual(400);
        await rows.expectUnchanged(before, what);
      }),
      fuzzParameters(200),
    );
  });

  it('registerBranch: refused with nothing added, or added exactly as sent', async () => {
    const flat = fc.dictionary(
      fc.constantFrom('trans_type', 'branch_id', 'confirm', 'cancel', 'url', 'op', 'status', 'data', 'gid', 'x'),
      fc.oneof({ weight: 4, arbitrary: hostileString.map((text) => JSON.stringify(text)) }, hostileJson),
    );
    const path = fc.constantFrom('registerBranch', 'registerTccBranch', 'registerXaBranch');
    const type = fc.constantFrom('tcc', 'xa', 'workflow');
    await fc.assert(
      fc.asyncProperty(path, type, flat, async (route, transType, fields) => {
        cases.tick();
        const gid = `hostile-${randomBytes(6).toString('hex')}`;
        expect((await send('POST', 'prepare', JSON.stringify({ gid, trans_type: transType }))).status).toBe(200);
        const entries: [string, string][] = [
          ['gid', JSON.stringify(gid)],
          ['trans_type', JSON.stringify(transType)],
          ['branch_id', '"01"'],
          ...Object.entries(fields),
        ];
        const body = objectText(entries);
        const before = await rows.read();
        const answer = await send('POST', route, body);
        const what = `${route} ${body.slice(0, 300)}`;
        expectNoServerError(answer, what);
        const after = await stored(gid);
        if (answer.status !== 200) {
          await rows.expectUnchanged(before, what);
          return;
        }
        const sent = JSON.parse(body) as Record<string, string>;
        const urls: Record<string, Record<string, string>> = {
          tcc: { cancel: sent.cancel ?? '', confirm: sent.confirm ?? '' },
          xa: { rollback: sent.url ?? '', commit: sent.url ?? '' },
          workflow: { [sent.op ?? '']: '' },
        };
        const expected = Object.entries(urls[sent.trans_type!]!).map(([op, url]) => [sent.branch_id, op, url]);
        const got = after.branches.map((branch) => [branch.branch_id, branch.op ?? '', branch.url ?? '']);
        expect(got, what).toEqual(expected);
        for (const branch of after.branches) expect(branch.bin_data ?? '', what).toBe(base64(sent.data ?? ''));
      }),
      fuzzParameters(200),
    );
  });

  it('query, all, scanKV, queryKV, resetCronTime: hostile query strings never get a 5xx', async () => {
    const route = fc.constantFrom('query', 'all', 'scanKV', 'queryKV', 'resetCronTime', 'newGid', 'version');
    const names = fc.constantFrom(
      'gid',
      'limit',
      'position',
      'status',
      'transType',
      'createTimeStart',
      'createTimeEnd',
      'cat',
      'key',
      'timeout',
    );
    const value = fc.oneof(hostileString, hostileNumber, fc.constantFrom('\uffff', '%', '%ff'));
    const params = fc.array(fc.tuple(names, value), { maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(route, params, async (name, pairs) => {
        cases.tick();
        const before = await rows.read();
        const query = pairs.map(([key, text]) => `${key}=${percentEncoded(text)}`).join('&');
        const answer = await send('GET', `${name}?${query}`);
        expectNoServerError(answer, `${name}?${query.slice(0, 300)}`);
        await rows.expectUnchanged(before, `${name}?${query.slice(0, 300)}`);
      }),
      fuzzParameters(200),
    );
  });

  it('refuses bodies that are not a JSON object on every POST route with 400', async () => {
    const route = fc.constantFrom(
      'submit',
      'prepare',
      'abort',
      'forceStop',
      'registerBranch',
      'registerTccBranch',
      'registerXaBranch',
      'resetNextCronTime',
    );
    const body = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }).filter((text) => {
        try {
          const value: unknown = JSON.parse(text);
          return typeof value !== 'object' || value === null || Array.isArray(value);
        } catch {
          return true;
        }
      }),
      fc
        .jsonValue()
        .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
        .map((value) => JSON.stringify(value)),
      fc.integer({ min: 1_000, max: 50_000 }).map((depth) => '['.repeat(depth)),
    );
    await fc.assert(
      fc.asyncProperty(route, body, async (name, text) => {
        cases.tick();
        const before = await rows.read();
        const answer = await send('POST', name, text);
        expect(answer.status, `${name} ${text.slice(0, 100)} → ${answer.text}`).toBe(400);
        expectNoServerError(answer, name);
        await rows.expectUnchanged(before, `${name} ${text.slice(0, 100)}`);
      }),
      fuzzParameters(150),
    );
  });

  it('still serves afterwards: ping, and a saga that runs to its end', async () => {
    expect((await fetch(`${dtm.httpUrl.replace('/dtmsvr', '')}/ping`)).status).toBe(200);
    const gid = `hostile-after-${randomBytes(4).toString('hex')}`;
    const saga = {
      gid,
      trans_type: 'saga',
      steps: [{ action: `${busi.httpUrl}/TransOut`, compensate: `${busi.httpUrl}/TransOutRevert` }],
      payloads: ['{}'],
      wait_result: true,
    };
    expect((await send('POST', 'submit', JSON.stringify(saga))).status).toBe(200);
    expect((await dtm.states(gid)).status).toBe('succeed');
  });
});

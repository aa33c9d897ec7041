// Property-based: hostile messages to DTM's gRPC API (dtmgimp.Dtm) over real gRPC, against a real
// server on a real MySQL store. Every refusal carries a canonical code a client can act on, never
// INTERNAL or UNKNOWN; what is accepted is stored exactly as sent; what is refused stores nothing.
import { randomBytes } from 'node:crypto';
import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DtmBranchRequest, DtmRequest, DtmService } from '@mall/proto/dtmgimp';
import { caseCounter, fuzzParameters, fuzzTimeout } from '@mall/testing';
import { startBusi, type Busi } from './support/busi.js';
import { startDtm, type Dtm } from './support/dtm.js';
import { expectCleanMessage, hostileString, hostileUrl, openDtmRows, type DtmRowReader } from './support/hostile.js';

let dtm: Dtm;
let busi: Busi;
let rows: DtmRowReader;
let client: Client;
const cases = caseCounter('dtm hostile-grpc');

beforeAll(async () => {
  [dtm, busi] = await Promise.all([startDtm({ mysqlUrl: inject('mysqlUrl') }), startBusi()]);
  rows = await openDtmRows(inject('mysqlUrl'), dtm);
  client = new Client(dtm.grpcTarget, credentials.createInsecure());
});

afterAll(async () => {
  cases.report();
  client?.close();
  await rows?.close();
  await busi?.stop();
  await dtm?.stop();
});

/** Codes that tell a client what it did wrong; INTERNAL, UNKNOWN and the like are never one. */
const REFUSALS = new Set([
  status.INVALID_ARGUMENT,
  status.NOT_FOUND,
  status.FAILED_PRECONDITION,
  status.ABORTED,
  status.ALREADY_EXISTS,
]);

type Served = keyof typeof DtmService & ('submit' | 'prepare' | 'abort' | 'registerBranch' | 'newGid');

/** One call with the raw request bytes: the answer's status, or null for OK. */
function call(method: Served, bytes: Buffer): Promise<ServiceError | null> {
  return new Promise((resolve) =>
    client.makeUnaryRequest(
      DtmService[method].path,
      (message: Buffer) => message,
      (reply: Buffer) => reply,
      bytes,
      new Metadata(),
      (error) => resolve(error),
    ),
  );
}

function expectRefusalOrOk(error: ServiceError | null, what: string): void {
  if (!error) return;
  expect(REFUSALS.has(error.code), `${what} → ${status[error.code]} ${error.details}`).toBe(true);
  expectCleanMessage(error.details, what);
}

const bigint = fc.oneof(
  fc.constantFrom(0n, -1n, 1n, 31_536_000n, 31_536_001n, 2n ** 63n - 1n, -(2n ** 63n)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
);

const emptyRequest: DtmRequest = {
  Gid: '',
  TransType: '',
  TransOptions: undefined,
  CustomedData: '',
  BinPayloads: [],
  QueryPrepared: '',
  Steps: '',
  ReqExtra: {},
  RollbackReason: '',
};

/** A request for a failure message: bigints as text, payloads by size. */
const summary = (request: object) =>
  JSON.stringify(request, (_key, value: unknown) => {
    if (typeof value === 'bigint') return String(value);
    const bytes = value as { type?: unknown; data?: unknown[] } | null;
    return bytes?.type === 'Buffer' ? `<${bytes.data?.length} bytes>` : value;
  }).slice(0, 400);

const GID = 'GID';
const freshGid = () => `hostile-${randomBytes(6).toString('hex')}`;

/** A DtmRequest whose every field may be hostile; Gid starts with GID, replaced per run. */
function dtmRequest(): fc.Arbitrary<DtmRequest> {
  const url = hostileUrl(busi.httpUrl);
  const steps = fc.oneof(
    fc.array(fc.record({ action: url, compensate: url }), { maxLength: 4 }).map((list) => JSON.stringify(list)),
    fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
    hostileString,
  );
  return fc.record({
    Gid: fc.oneof(
      fc.constant(GID),
      hostileString.map((tail) => `${GID}${tail}`),
      hostileString,
    ),
    TransType: fc.oneof(fc.constantFrom('saga', 'msg', 'tcc', 'xa', 'workflow'), hostileString),
    TransOptions: fc.option(
      fc.record({
        WaitResult: fc.boolean(),
        TimeoutToFail: bigint,
        RetryInterval: bigint,
        BranchHeaders: fc.dictionary(fc.string({ maxLength: 10 }), hostileString, { maxKeys: 3 }),
        RequestTimeout: bigint,
        RetryLimit: bigint,
      }),
      { nil: undefined },
    ),
    CustomedData: hostileString,
    BinPayloads: fc.array(
      fc.oneof(
        fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
        fc.integer({ min: 60_000, max: 70_000 }).map((size) => Buffer.alloc(size, 7)),
      ),
      { maxLength: 4 },
    ),
    QueryPrepared: hostileString,
    Steps: steps,
    ReqExtra: fc.dictionary(fc.string({ maxLength: 10 }), hostileString, { maxKeys: 3 }),
    RollbackReason: hostileString,
  });
}

const withFreshGid = <T extends { Gid: string }>(request: T): T =>
  request.Gid.startsWith(GID) ? { ...request, Gid: `${freshGid()}${request.Gid.slice(GID.length)}` } : request;

describe('DTM gRPC API under hostile messages', { timeout: fuzzTimeout(300_000) }, () => {
  it('Submit and Prepare: a canonical refusal with nothing stored, or stored exactly as sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Served>('submit', 'prepare'), dtmRequest(), async (method, template) => {
        cases.tick();
        const request = withFreshGid(template);
        const before = await rows.read();
        const error = await call(method, Buffer.from(DtmRequest.encode(request).finish()));
        const what = `${method} ${summary(request)}`;
        expectRefusalOrOk(error, what);
        if (error?.code === status.INVALID_ARGUMENT) return rows.expectUnchanged(before, what);
        const gid = request.Gid.replace(/[\n\r;]/g, '');
        const trans = await dtm.store.findGlobal(gid);
        if (!error) expect(trans, what).toBeDefined();
        if (!trans) return;
        expect([trans.gid, trans.transType, trans.protocol], what).toEqual([gid, request.TransType, 'grpc']);
        expect([trans.customData, trans.queryPrepared], what).toEqual([request.CustomedData, request.QueryPrepared]);
        const branches = await dtm.store.findBranches(gid);
        for (const branch of branches) {
          const index = Number(branch.branchId) - 1;
          const step = (JSON.parse(request.Steps) as Record<string, string>[])[index]!;
          expect(branch.url, what).toBe(step[branch.op]);
          expect(branch.payload.equals(request.BinPayloads[index] ?? Buffer.alloc(0)), what).toBe(true);
        }
      }),
      fuzzParameters(300),
    );
  });

  it('Abort and RegisterBranch: a canonical refusal with nothing added, or added exactly as sent', async () => {
    const branch = fc.record({
      Gid: fc.oneof(fc.constant(GID), hostileString),
      TransType: fc.oneof(fc.constantFrom('tcc', 'xa', 'workflow', 'saga'), hostileString),
      BranchID: fc.oneof(fc.constantFrom('01', ''), hostileString),
      Op: hostileString,
      Data: fc.dictionary(
        fc.constantFrom('confirm', 'cancel', 'url', 'op', 'status', 'branch_id', 'gid', 'x'),
        hostileString,
        { maxKeys: 4 },
      ),
      BusiPayload: fc.oneof(
        fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
        fc.integer({ min: 65_000, max: 70_000 }).map((size) => Buffer.alloc(size, 1)),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Served>('abort', 'registerBranch'), branch, async (method, template) => {
        cases.tick();
        const gid = freshGid();
        const prepared = await call(
          'prepare',
          Buffer.from(DtmRequest.encode({ ...emptyRequest, Gid: gid, TransType: 'tcc' }).finish()),
        );
        expect(prepared).toBeNull();
        const request = template.Gid === GID ? { ...template, Gid: gid } : template;
        const before = await rows.read();
        const bytes =
          method === 'abort'
            ? DtmRequest.encode({ ...emptyRequest, Gid: request.Gid, TransType: request.TransType }).finish()
            : DtmBranchRequest.encode(request).finish();
        const error = await call(method, Buffer.from(bytes));
        const what = `${method} ${summary(request)}`;
        expectRefusalOrOk(error, what);
        if (error || method === 'abort') return rows.expectUnchanged(before, what);
        for (const stored of await dtm.store.findBranches(request.Gid)) {
          expect(stored.branchId, what).toBe(request.BranchID);
          expect(stored.payload.equals(request.BusiPayload), what).toBe(true);
        }
      }),
      fuzzParameters(200),
    );
  });

  it('answers bytes that are not a message with INVALID_ARGUMENT, on every served method', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 200 }),
      fc.constantFrom([0x0a, 0x05, 0x41], [0xff, 0xff, 0xff], [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f], [0x08]),
    );
    const method = fc.constantFrom<Served>('submit', 'prepare', 'abort', 'registerBranch', 'newGid');
    await fc.assert(
      fc.asyncProperty(method, bytes, async (name, raw) => {
        cases.tick();
        const before = await rows.read();
        const error = await call(name, Buffer.from(raw));
        const what = `${name} ${Buffer.from(raw).toString('hex').slice(0, 80)}`;
        expectRefusalOrOk(error, what);
        if (error?.code === status.INVALID_ARGUMENT) await rows.expectUnchanged(before, what);
      }),
      fuzzParameters(200),
    );
  });

  it('still serves afterwards: NewGid answers', async () => {
    expect(await call('newGid', Buffer.alloc(0))).toBeNull();
  });
});

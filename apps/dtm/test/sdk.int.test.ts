import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createGrpcDtmClient,
  createGrpcSaga,
  createHttpDtmClient,
  createHttpSaga,
  DtmFailureError,
  type GrpcDtmClient,
  type HttpDtmClient,
} from '@mall/dtm-client';
import { DecrStockRequest } from '@mall/proto/product';
import { startBank, type Bank, type TransferRequest } from './support/bank-http.js';
import { openBusiDatabase, type BusiDatabase } from './support/busi-database.js';
import { startDtm, type Dtm } from './support/dtm.js';
import { startStockService, type StockService } from './support/stock-grpc.js';

let dtm: Dtm;
let db: BusiDatabase;
let bank: Bank;
let stock: StockService;
let http: HttpDtmClient;
let grpc: GrpcDtmClient;

beforeAll(async () => {
  [dtm, db] = await Promise.all([startDtm({ mysqlUrl: inject('mysqlUrl') }), openBusiDatabase(inject('mysqlUrl'))]);
  [bank, stock] = await Promise.all([startBank(db), startStockService(db)]);
  http = createHttpDtmClient(dtm.httpUrl);
  grpc = createGrpcDtmClient(dtm.grpcTarget);
});

afterAll(async () => {
  grpc?.close();
  await bank?.stop();
  await stock?.stop();
  await dtm?.stop();
  await db?.close();
});

/** The transaction once the server has nothing left in flight, as the SDK's query reports it. */
async function settled(gid: string) {
  await dtm.server.processor.idle();
  return http.query(gid);
}

const row = (branch_id: string, op: string, reason: string) => ({ branch_id, op, barrier_id: '01', reason });

async function transfer(request: TransferRequest) {
  const gid = await http.newGid();
  const saga = createHttpSaga(http, gid, { waitResult: true })
    .add(`${bank.url}/TransOut`, `${bank.url}/TransOutRevert`, request)
    .add(`${bank.url}/TransIn`, `${bank.url}/TransInRevert`, request);
  return { gid, submitted: saga.submit() };
}

describe('HTTP saga from the SDK, branches behind the SDK barrier', () => {
  it('normal: both balances move and each action leaves one barrier row', async () => {
    const [from, to] = [await db.openAccount(100), await db.openAccount(100)];
    const { gid, submitted } = await transfer({ from, to, amount: 30 });
    await submitted;

    expect(gid).toMatch(/^[0-9A-Za-z]{22}$/);
    expect([await db.balance(from), await db.balance(to)]).toEqual([70, 130]);
    expect(await db.barrierRows(gid)).toEqual([row('01', 'action', 'action'), row('02', 'action', 'action')]);
    expect((await settled(gid)).transaction?.status).toBe('succeed');
  });

  it('rollback: TransIn FAILURE rolls back its own update; only TransOut is compensated', async () => {
    const [from, to] = [await db.openAccount(100), await db.openAccount(100)];
    const { gid, submitted } = await transfer({ from, to, amount: 30, trans_in_result: 'FAILURE' });

    await expect(submitted).rejects.toBeInstanceOf(DtmFailureError);
    const { transaction, branches } = await settled(gid);
    expect(transaction).toMatchObject({ status: 'failed' });
    expect(transaction?.rollback_reason).toContain('TransIn refused');
    expect(branches.map((branch) => branch.status)).toEqual(['succeed', 'succeed', 'succeed', 'failed']);
    expect([await db.balance(from), await db.balance(to)]).toEqual([100, 100]);
    expect(bank.calls(gid).map(({ method, outcome }) => `${method}:${outcome}`)).toEqual([
      'TransOut:applied',
      'TransIn:DtmFailureError',
      'TransInRevert:null-compensation',
      'TransOutRevert:applied',
    ]);
    expect(await db.barrierRows(gid)).toEqual([
      row('01', 'action', 'action'),
      row('01', 'compensate', 'compensate'),
      // TransIn's action row rolled back with its update; the null compensation wrote this one to block it.
      row('02', 'action', 'compensate'),
      row('02', 'compensate', 'compensate'),
    ]);
  });

  it('a branch delivered twice applies its effect once', async () => {
    const [from, to] = [await db.openAccount(100), await db.openAccount(100)];
    const { gid, submitted } = await transfer({ from, to, amount: 30 });
    await submitted;
    const rowsBefore = await db.barrierRows(gid);

    const again = await fetch(`${bank.url}/TransOut?gid=${gid}&trans_type=saga&branch_id=01&op=action`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from, to, amount: 30 }),
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ dtm_result: 'SUCCESS' });
    expect(bank.calls(gid).map(({ method, outcome }) => `${method}:${outcome}`)).toEqual([
      'TransOut:applied',
      'TransIn:applied',
      'TransOut:duplicate',
    ]);
    expect([await db.balance(from), await db.balance(to)]).toEqual([70, 130]);
    expect(await db.barrierRows(gid)).toEqual(rowsBefore);
  });
});

describe('gRPC saga from the SDK, protobuf payloads, branches behind the SDK barrier', () => {
  const target = (method: string) => `${stock.target}/product.Product/${method}`;

  async function decrStock(items: { id: number; num: number }[]) {
    const gid = await grpc.newGid();
    const saga = createGrpcSaga(grpc, gid, { waitResult: true });
    for (const { id, num } of items) {
      const message = DecrStockRequest.encode({ id: BigInt(id), num: BigInt(num) }).finish();
      saga.add(target('DecrStock'), target('DecrStockRevert'), message);
    }
    return { gid, submitted: saga.submit() };
  }

  it('normal: stock is taken from both products', async () => {
    const [first, second] = [await db.addProduct(10), await db.addProduct(10)];
    const { gid, submitted } = await decrStock([
      { id: first, num: 2 },
      { id: second, num: 5 },
    ]);
    await submitted;

    expect([await db.stock(first), await db.stock(second)]).toEqual([8, 5]);
    expect(await db.barrierRows(gid)).toEqual([row('01', 'action', 'action'), row('02', 'action', 'action')]);
    expect((await settled(gid)).transaction).toMatchObject({ status: 'succeed', protocol: 'grpc' });
  });

  it('rollback: insufficient stock is ABORTED, submit rejects with DtmFailureError, stock restored', async () => {
    const [first, second] = [await db.addProduct(10), await db.addProduct(1)];
    const { gid, submitted } = await decrStock([
      { id: first, num: 2 },
      { id: second, num: 5 },
    ]);

    const error = await submitted.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(DtmFailureError);
    expect((error as Error).message).toContain(`insufficient stock of product ${second}`);
    expect([await db.stock(first), await db.stock(second)]).toEqual([10, 1]);
    expect(await db.barrierRows(gid)).toEqual([
      row('01', 'action', 'action'),
      row('01', 'compensate', 'compensate'),
      row('02', 'action', 'compensate'),
      row('02', 'compensate', 'compensate'),
    ]);
    const { transaction } = await settled(gid);
    expect(transaction).toMatchObject({ status: 'failed', protocol: 'grpc' });
    expect(transaction?.rollback_reason).toContain('insufficient stock');
  });
});

describe('query through the SDK', () => {
  it('returns the finished transaction and its branches', async () => {
    const [from, to] = [await db.openAccount(100), await db.openAccount(100)];
    const request = { from, to, amount: 30 };
    const { gid, submitted } = await transfer(request);
    await submitted;

    const { transaction, branches } = await settled(gid);
    expect(transaction).toMatchObject({ gid, trans_type: 'saga', status: 'succeed', protocol: 'http' });
    expect(transaction?.finish_time).toEqual(expect.any(String));
    expect(branches.map(({ branch_id, op, status, url }) => ({ branch_id, op, status, url }))).toEqual([
      { branch_id: '01', op: 'compensate', status: 'prepared', url: `${bank.url}/TransOutRevert` },
      { branch_id: '01', op: 'action', status: 'succeed', url: `${bank.url}/TransOut` },
      { branch_id: '02', op: 'compensate', status: 'prepared', url: `${bank.url}/TransInRevert` },
      { branch_id: '02', op: 'action', status: 'succeed', url: `${bank.url}/TransIn` },
    ]);
    const payload = JSON.parse(Buffer.from(branches[1]!.bin_data!, 'base64').toString('utf8')) as unknown;
    expect(payload).toEqual(request);
  });

  it('answers null for a gid the server never saw', async () => {
    expect(await http.query(await http.newGid())).toEqual({ transaction: null, branches: [] });
  });
});

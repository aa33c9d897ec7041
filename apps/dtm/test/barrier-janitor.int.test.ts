// pruneBarriers against a real DTM server: barrier rows go only when DTM says their saga ended
// more than the retention ago (or forgot it, past its own retention), never while it may call again.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@mall/logger';
import { createPool, type Pool } from '@mall/db';
import {
  BranchBarrier,
  branchMetadata,
  createGrpcDtmClient,
  createGrpcSaga,
  createHttpDtmClient,
  dtmGidFate,
  pruneBarriers,
  startBarrierJanitor,
  type GidFate,
  type GrpcDtmClient,
  type PruneBarriersOptions,
  type PruneReport,
} from '@mall/dtm-client';
import { DecrStockRequest, ProductService } from '@mall/proto/product';
import { createRpcClient } from '@mall/rpc';
import { createJanitor } from '../src/janitor/janitor.js';
import { openBusiDatabase, type BusiDatabase } from './support/busi-database.js';
import { startDtm, type Dtm } from './support/dtm.js';
import { newTestGid } from './support/saga.js';
import { startStockService, type StockService } from './support/stock-grpc.js';

const HOUR = 3600;

let dtm: Dtm;
let grpc: GrpcDtmClient;
let fateOf: (gid: string) => Promise<GidFate>;
let db: BusiDatabase;
let stock: StockService;

beforeAll(async () => {
  dtm = await startDtm({ mysqlUrl: inject('mysqlUrl') });
  grpc = createGrpcDtmClient(dtm.grpcTarget);
  fateOf = dtmGidFate(createHttpDtmClient(dtm.httpUrl));
});

afterAll(async () => {
  grpc?.close();
  await dtm?.stop();
});

// A fresh business database (and barrier table) for each test, so run reports count its rows only.
beforeEach(async () => {
  db = await openBusiDatabase(inject('mysqlUrl'));
  stock = await startStockService(db);
});

afterEach(async () => {
  await stock?.stop();
  await db?.close();
});

/** A saga taking `num` of `product` (step 01), then calling `then` (step 02) if given; resolves once DTM is idle. */
async function takeStock(product: number, num: number, then?: string): Promise<string> {
  const gid = await grpc.newGid();
  const message = DecrStockRequest.encode({ id: BigInt(product), num: BigInt(num) }).finish();
  const method = (name: string) => `${stock.target}/product.Product/${name}`;
  const saga = createGrpcSaga(grpc, gid).add(method('DecrStock'), method('DecrStockRevert'), message);
  if (then) saga.add(then, then, message);
  await saga.submit();
  await dtm.server.processor.idle();
  return gid;
}

/** Makes the barrier rows of `gids` `hours` older, as if written that long ago. */
async function age(hours: number, ...gids: string[]): Promise<void> {
  await db.pool.query('UPDATE barrier SET create_time = create_time - INTERVAL ? SECOND WHERE gid IN (?)', [
    hours * HOUR,
    gids,
  ]);
}

const prune = (options: Partial<PruneBarriersOptions> = {}, pool: Pool = db.pool) =>
  pruneBarriers(pool, { tableName: db.barrierTable, retentionSeconds: HOUR, fateOf, ...options });

/** The pruner's clock, `hours` after DTM's (which stamps the transactions' end times). */
const inHours = (hours: number) => () => new Date(dtm.clock.now().getTime() + hours * HOUR * 1000);

const rowCount = async (gid: string) => (await db.barrierRows(gid)).length;

describe('pruneBarriers', () => {
  it('deletes the rows of sagas that ended more than the retention ago, and keeps recent ones', async () => {
    const product = await db.addProduct(100);
    const ended = await takeStock(product, 1);
    dtm.clock.advance(2 * HOUR);
    const endedLater = await takeStock(product, 1);
    await age(3, ended, endedLater);
    expect((await dtm.states(ended)).status).toBe('succeed');

    // 2.5 h after the first saga's end, half an hour after the second's.
    const report = await prune({ now: inHours(0.5) });

    expect(report).toMatchObject({ scanned: 2, deleted: 1, kept: { recent: 1 } });
    expect(await rowCount(ended)).toBe(0);
    expect(await rowCount(endedLater)).toBe(1);
  });

  it('keeps every row of a saga DTM may still call, however old: one retrying for longer than the retention', async () => {
    const product = await db.addProduct(100);
    const retrying = await takeStock(product, 1, '127.0.0.1:1/product.Product/DecrStock');
    await age(24 * 30, retrying);
    for (let hour = 0; hour < 3; hour += 1) await dtm.cronAfter(HOUR);
    expect((await dtm.states(retrying)).status).toBe('submitted');

    expect(await prune({ now: inHours(24 * 30) })).toMatchObject({ deleted: 0, kept: { open: 1 } });
    expect(await db.barrierRows(retrying)).toEqual([
      { branch_id: '01', op: 'action', barrier_id: '01', reason: 'action' },
    ]);
    expect(await db.stock(product)).toBe(99);
  });

  it('keeps rows of a gid DTM does not know, unless they are older than DTM forgets finished ones', async () => {
    const stranger = newTestGid('stranger');
    await new BranchBarrier(
      { transType: 'saga', gid: stranger, branchId: '01', op: 'action' },
      {
        tableName: db.barrierTable,
      },
    ).call(db.pool, () => Promise.resolve());
    await age(2, stranger);

    expect(await prune()).toMatchObject({ deleted: 0, kept: { unknown: 1 } });
    expect(await prune({ forgottenAfterSeconds: 3 * HOUR })).toMatchObject({ deleted: 0, kept: { unknown: 1 } });
    await age(2, stranger);
    expect(await prune({ forgottenAfterSeconds: 3 * HOUR })).toMatchObject({ deleted: 1 });
    expect(await rowCount(stranger)).toBe(0);
  });

  it("deletes the rows of a saga DTM's own janitor has removed, once older than DTM's retention", async () => {
    const product = await db.addProduct(100);
    const gid = await takeStock(product, 1);
    dtm.clock.advance(3 * HOUR);
    const dtmJanitor = createJanitor({
      store: dtm.store,
      clock: dtm.clock,
      logger: createLogger('test', 'silent'),
      intervalSeconds: 60,
      retentionSeconds: 2 * HOUR,
    });
    expect((await dtmJanitor.runOnce()).transactions).toBeGreaterThanOrEqual(1);
    expect(await fateOf(gid)).toEqual({ state: 'unknown' });
    await age(3, gid);

    expect(await prune({ forgottenAfterSeconds: 2 * HOUR })).toMatchObject({ deleted: 1 });
    expect(await rowCount(gid)).toBe(0);
  });

  it('with compensatedLater, keeps a succeeded branch until its compensation has run, which then still undoes it', async () => {
    const product = await db.addProduct(10);
    const gid = await takeStock(product, 2);
    await age(3, gid);
    expect(await prune({ now: inHours(3), compensatedLater: true })).toMatchObject({ scanned: 0, deleted: 0 });
    expect(await db.stock(product)).toBe(8);

    // Long after the saga, the application cancels: the stock step's compensation, with the saga's metadata.
    const products = createRpcClient(ProductService, stock.target, {
      app: 'test',
      token: 'unchecked-by-the-test-service',
    });
    try {
      const compensation = branchMetadata({ gid, transType: 'saga', branchId: '01', op: 'compensate' });
      await products.decrStockRevert({ id: BigInt(product), num: 2n }, compensation);
    } finally {
      products.close();
    }
    expect(await db.stock(product)).toBe(10);
    await age(3, gid);

    expect(await prune({ now: inHours(3), compensatedLater: true })).toMatchObject({ scanned: 2, deleted: 2 });
    expect(await rowCount(gid)).toBe(0);
  });

  it('deletes at most batchSize rows per batch, and stops between batches', async () => {
    const product = await db.addProduct(100);
    const gids = [];
    for (let i = 0; i < 5; i += 1) gids.push(await takeStock(product, 1));
    await age(3, ...gids);

    const stop = new AbortController();
    const first = await prune({
      now: inHours(3),
      batchSize: 2,
      signal: stop.signal,
      fateOf: (gid) => {
        stop.abort();
        return fateOf(gid);
      },
    });
    expect(first).toMatchObject({ scanned: 2, deleted: 2 });
    expect(await prune({ now: inHours(3), batchSize: 2 })).toMatchObject({ scanned: 3, deleted: 3 });
    for (const gid of gids) expect(await rowCount(gid)).toBe(0);
  });

  it('two janitors at once delete each row once and keep the live saga', async () => {
    const product = await db.addProduct(100);
    const ended = await Promise.all(Array.from({ length: 20 }, () => takeStock(product, 1)));
    const live = await takeStock(product, 1, '127.0.0.1:1/product.Product/DecrStock');
    await age(3, ...ended, live);
    const otherPool = createPool({
      url: inject('mysqlUrl'),
      database: db.barrierTable.split('.')[0]!,
      connectionLimit: 2,
    });
    try {
      const [one, other] = await Promise.all([
        prune({ now: inHours(3), batchSize: 3 }),
        prune({ now: inHours(3), batchSize: 4 }, otherPool),
      ]);
      expect(one.deleted + other.deleted).toBe(20);
    } finally {
      await otherPool.end();
    }
    for (const gid of ended) expect(await rowCount(gid)).toBe(0);
    expect(await rowCount(live)).toBe(1);
  });

  it('deletes nothing when DTM cannot be asked', async () => {
    const product = await db.addProduct(100);
    const gid = await takeStock(product, 1);
    await age(3, gid);
    const unreachable = dtmGidFate(createHttpDtmClient('http://127.0.0.1:1/api/dtmsvr', { timeoutMs: 1_000 }));

    await expect(prune({ now: inHours(3), fateOf: unreachable })).rejects.toThrow(/DTM call/);
    expect(await rowCount(gid)).toBe(1);
  });
});

describe('startBarrierJanitor', () => {
  it('runs pruneBarriers every interval and reports each run until stopped', async () => {
    const product = await db.addProduct(100);
    const gid = await takeStock(product, 1);
    await age(3, gid);
    let reportRun!: (report: PruneReport) => void;
    const firstRun = new Promise<PruneReport>((resolve) => (reportRun = resolve));

    const janitor = startBarrierJanitor(db.pool, {
      tableName: db.barrierTable,
      intervalSeconds: 1,
      retentionSeconds: HOUR,
      fateOf,
      now: inHours(3),
      onRun: reportRun,
    });
    try {
      expect(await firstRun).toMatchObject({ deleted: 1 });
    } finally {
      await janitor.stop();
    }
    expect(await rowCount(gid)).toBe(0);
  });
});

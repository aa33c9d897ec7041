// Kill product-rpc between the saga's two steps, bring it back, and check DTM finishes the saga.
// The saga is submitted straight to DTM so its second step can name an instance of product-rpc
// that only this test starts and kills; the rest of the mall keeps running untouched.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createGrpcDtmClient,
  createGrpcSaga,
  DtmFailureError,
  readSubmitFailure,
  type GrpcDtmClient,
} from '@mall/dtm-client';
import { CreateRequest } from '@mall/proto/order';
import { DecrStockRequest } from '@mall/proto/product';
import { startApp, type RunningApp } from '@mall/stack';
import { freePort, waitFor } from '@mall/testing';
import { keepUntilSuiteEnds } from './extra-instances.js';
import { createProduct, post, signUp, type TestUser } from './http.js';
import { barrierRows, dtmQuery, orderByGid, settled, stockOf } from './saga.js';

let dtm: GrpcDtmClient;
let user: TestUser;
let port: number;

const startProductRpc = async (label: string): Promise<RunningApp> => {
  const app = await startApp('product-rpc', {
    env: { ...inject('appEnvs')['product-rpc'], PORT: String(port), METRICS_PORT: '0' },
    output: { file: join(inject('logDir'), `product-rpc.${label}.log`) },
  });
  await keepUntilSuiteEnds(app.pid);
  return app;
};

/** The gateway's saga, with step 2 aimed at this test's own product-rpc on `port`. */
async function submitOrderSaga(pid: number, num: number): Promise<{ gid: string; outcome: string }> {
  const gid = `e2e-kill-${randomBytes(8).toString('hex')}`;
  const etcd = inject('etcdEndpoints');
  const order = `etcd://${etcd}/order.rpc`;
  const product = `127.0.0.1:${port}`;
  const saga = createGrpcSaga(dtm, gid, {
    waitResult: true,
    branchHeaders: { app: 'dtm', token: inject('appEnvs').gateway.DTM_BRANCH_TOKEN! },
  })
    .add(
      `${order}/order.Order/Create`,
      `${order}/order.Order/CreateRevert`,
      CreateRequest.encode({
        Uid: BigInt(user.id),
        Pid: BigInt(pid),
        Amount: 0n,
        Status: 0n,
        Num: BigInt(num),
        Gid: gid,
      }).finish(),
    )
    .add(
      `${product}/product.Product/DecrStock`,
      `${product}/product.Product/DecrStockRevert`,
      DecrStockRequest.encode({ id: BigInt(pid), num: BigInt(num) }).finish(),
    );
  try {
    await saga.submit();
    return { gid, outcome: 'succeeded' };
  } catch (error) {
    if (!(error instanceof DtmFailureError)) throw error;
    return { gid, outcome: readSubmitFailure(error).kind };
  }
}

beforeAll(async () => {
  dtm = createGrpcDtmClient(`127.0.0.1:${inject('appEnvs').dtm.GRPC_PORT}`, { timeoutMs: 15_000 });
  user = await signUp('saga-recovery');
  port = await freePort();
});
afterAll(async () => {
  dtm.close();
  // The instances killed here leave their etcd keys until their 10 s leases run out; later files
  // (discovery) expect the mall's own registrations only.
  const etcd = new Etcd3({
    hosts: inject('etcdEndpoints')
      .split(',')
      .map((host) => `http://${host}`),
  });
  try {
    await waitFor(
      'the killed product-rpc instances to leave etcd',
      async () => Object.keys(await etcd.getAll().prefix('product.rpc/').strings()).length <= 1,
      { timeoutMs: 20_000, intervalMs: 250 },
    );
  } finally {
    etcd.close();
  }
}, 30_000);

describe('product-rpc dies between the two steps', () => {
  it('the saga waits with the order recorded, then completes once product-rpc is back', async () => {
    const pid = await createProduct(user, { stock: 5 });
    await (await startProductRpc('before-kill')).kill();

    const { gid, outcome } = await submitOrderSaga(pid, 2);
    expect(outcome).toBe('unfinished');
    expect(await orderByGid(gid)).toMatchObject({ status: 0, num: 2 });
    expect(await stockOf(pid)).toBe(5);
    expect((await dtmQuery(gid)).transaction?.status).toBe('submitted');

    const back = await startProductRpc('after-kill');
    expect(await settled(gid)).toBe('succeed');
    expect(await stockOf(pid)).toBe(3);
    expect(await orderByGid(gid)).toMatchObject({ status: 0 });
    expect(await barrierRows(gid)).toEqual(['01 action action', '02 action action']);
    await back.stop();
  }, 60_000);

  it('compensates once product-rpc is back and refuses the step', async () => {
    const pid = await createProduct(user, { stock: 1 });
    await (await startProductRpc('before-second-kill')).kill();

    const { gid, outcome } = await submitOrderSaga(pid, 3);
    expect(outcome).toBe('unfinished');
    expect(await orderByGid(gid)).toMatchObject({ status: 0 });

    const back = await startProductRpc('after-second-kill');
    expect(await settled(gid)).toBe('failed');
    expect(await orderByGid(gid)).toMatchObject({ status: 9 });
    expect(await stockOf(pid)).toBe(1);
    await back.stop();
  }, 60_000);

  it('a cancel before the stock step gives nothing back, and the late step then takes nothing', async () => {
    const pid = await createProduct(user, { stock: 5 });
    await (await startProductRpc('before-cancel')).kill();
    const { gid, outcome } = await submitOrderSaga(pid, 2);
    expect(outcome).toBe('unfinished');
    const order = await orderByGid(gid);

    const cancelled = await post('/api/order/update', { id: order?.id, status: 9 }, user.token);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(await stockOf(pid)).toBe(5);

    const back = await startProductRpc('after-cancel');
    expect(await settled(gid)).toBe('succeed');
    expect(await stockOf(pid)).toBe(5);
    expect(await orderByGid(gid)).toMatchObject({ status: 9 });
    expect(await barrierRows(gid)).toEqual(['01 action action', '02 action compensate', '02 compensate compensate']);
    await back.stop();
  }, 60_000);
});

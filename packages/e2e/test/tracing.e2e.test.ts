// OpenTelemetry through the saga: every app exports its spans (OTLP/HTTP, to otlp-receiver.ts), and
// one order's trace runs from the gateway through DTM into both branches, compensations included,
// also when the DTM cron runs them seconds after the request has been answered.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { createGrpcDtmClient, createGrpcSaga, type GrpcDtmClient } from '@mall/dtm-client';
import { CreateRequest } from '@mall/proto/order';
import { DecrStockRequest } from '@mall/proto/product';
import { freePort } from '@mall/testing';
import { startTracing, type StartedSpan } from '@mall/tracing';
import { createProduct, expectError, post, signUp } from './http.js';
import { settled } from './saga.js';
import { KIND, STATUS_ERROR, traceOfSaga, type Trace } from './traces.js';

/** Checks a branch call as DTM made it: its span under `pass`, the branch's server span under it. */
function branchCall(trace: Trace, pass: { spanId: string }, label: string, service: string, method: string) {
  const [call] = trace
    .all('dtm', `${label} ${method}`, KIND.client)
    .filter((span) => span.parentSpanId === pass.spanId);
  expect(call, `${label} ${method} under the pass in ${trace.describe()}`).toBeDefined();
  const served = trace.answerTo(call!, service);
  expect(served.name).toBe(method);
  return { call: call!, served };
}

describe('a traced order', () => {
  it('is one trace from POST /api/order/create through DTM into both branches and both compensations', async () => {
    const user = await signUp('traced');
    const pid = await createProduct(user, { stock: 1 });
    const reply = await post('/api/order/create', { pid, num: 2 }, user.token);
    expectError(reply, 409, 'ABORTED');
    const gid = reply.headers.get('x-order-gid')!;

    const trace = await traceOfSaga(gid, [
      'gateway POST /api/order/create',
      'order-rpc order.Order/CreateRevert',
      'product-rpc product.Product/DecrStockRevert',
    ]);
    const roots = trace.spans.filter((span) => span.parentSpanId === '');
    expect(roots.map((span) => [span.service, span.name, span.kind])).toEqual([
      ['gateway', 'POST /api/order/create', KIND.server],
    ]);
    const root = roots[0]!;
    expect(root.attributes).toMatchObject({ 'http.route': '/api/order/create', 'http.response.status_code': 409 });
    // Names come from routes and methods; the gid is an attribute, never part of a name.
    expect(trace.spans.filter((span) => span.name.includes(gid))).toEqual([]);

    const submit = trace.one('gateway', 'dtmgimp.Dtm/Submit', KIND.client);
    expect(submit.parentSpanId).toBe(root.spanId);
    const accepted = trace.answerTo(submit, 'dtm');
    const pass = trace.one('dtm', 'saga pass', KIND.internal);
    expect(pass.parentSpanId).toBe(accepted.spanId);
    expect(pass.attributes).toMatchObject({ 'dtm.gid': gid, 'dtm.trigger': 'request', 'dtm.status.to': 'failed' });

    const create = branchCall(trace, pass, 'action', 'order-rpc', 'order.Order/Create');
    const userInfo = trace.one('order-rpc', 'user.User/UserInfo', KIND.client);
    expect(userInfo.parentSpanId).toBe(create.served.spanId);
    expect(trace.answerTo(userInfo, 'user-rpc').name).toBe('user.User/UserInfo');

    const decr = branchCall(trace, pass, 'action', 'product-rpc', 'product.Product/DecrStock');
    expect(decr.call.attributes['dtm.result']).toBe('FAILURE');
    expect(decr.call.status.code).toBe(STATUS_ERROR);
    // ABORTED is the saga's business refusal: not a fault of product-rpc.
    expect(decr.served.attributes['rpc.grpc.status_code']).toBe(10);
    expect(decr.served.status.code).not.toBe(STATUS_ERROR);

    for (const [service, method] of [
      ['product-rpc', 'product.Product/DecrStockRevert'],
      ['order-rpc', 'order.Order/CreateRevert'],
    ] as const) {
      const compensation = branchCall(trace, pass, 'compensate', service, method);
      expect(compensation.call.attributes).toMatchObject({ 'dtm.result': 'SUCCESS', 'dtm.op': 'compensate' });
      expect(BigInt(compensation.call.startTimeUnixNano)).toBeGreaterThan(BigInt(decr.call.startTimeUnixNano));
    }
  });
});

describe('a saga the cron finishes', () => {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ serviceName: 'e2e', exporter, batch: false });
  let root: StartedSpan;
  let dtm: GrpcDtmClient;

  beforeAll(() => {
    root = tracing.startSpan('e2e caller');
    dtm = createGrpcDtmClient(`127.0.0.1:${inject('appEnvs').dtm.GRPC_PORT}`, {
      timeoutMs: 15_000,
      inherit: () => ({ metadata: { ...root.headers } }),
      tracing,
    });
  });
  afterAll(() => dtm?.close());

  it('joins the passes the cron runs later, compensations and all, to the trace it was submitted in', async () => {
    const user = await signUp('traced-cron');
    const pid = await createProduct(user, { stock: 5 });
    const etcd = inject('etcdEndpoints');
    const gid = `e2e-trace-${randomBytes(8).toString('hex')}`;
    // Step 2's action is aimed where nothing listens: it errors until the saga's 2 s timeout, when
    // a cron pass rolls it back (DecrStockRevert then is a null compensation).
    const nowhere = `127.0.0.1:${await freePort()}`;
    await createGrpcSaga(dtm, gid, {
      timeoutToFail: 2,
      branchHeaders: { app: 'dtm', token: inject('appEnvs').gateway.DTM_BRANCH_TOKEN! },
    })
      .add(
        `etcd://${etcd}/order.rpc/order.Order/Create`,
        `etcd://${etcd}/order.rpc/order.Order/CreateRevert`,
        CreateRequest.encode({
          Uid: BigInt(user.id),
          Pid: BigInt(pid),
          Amount: 0n,
          Status: 0n,
          Num: 1n,
          Gid: gid,
        }).finish(),
      )
      .add(
        `${nowhere}/product.Product/DecrStock`,
        `etcd://${etcd}/product.rpc/product.Product/DecrStockRevert`,
        DecrStockRequest.encode({ id: BigInt(pid), num: 1n }).finish(),
      )
      .submit();
    root.span.end();
    expect(await settled(gid)).toBe('failed');

    const trace = await traceOfSaga(gid, ['order-rpc order.Order/CreateRevert']);
    const [submitCall] = exporter.getFinishedSpans().filter((span) => span.name === 'dtmgimp.Dtm/Submit');
    expect(trace.spans.every((span) => span.traceId === root.span.spanContext().traceId)).toBe(true);
    const accepted = trace.one('dtm', 'dtmgimp.Dtm/Submit', KIND.server);
    expect(accepted.parentSpanId).toBe(submitCall?.spanContext().spanId);

    const passes = trace.all('dtm', 'saga pass', KIND.internal);
    expect(passes.every((pass) => pass.parentSpanId === accepted.spanId)).toBe(true);
    const [first, ...later] = passes;
    expect(first?.attributes).toMatchObject({ 'dtm.trigger': 'request', 'dtm.status.to': 'submitted' });
    branchCall(trace, first!, 'action', 'order-rpc', 'order.Order/Create');
    const [stuck] = trace.all('dtm', 'action product.Product/DecrStock', KIND.client);
    expect(stuck?.attributes['dtm.result']).toBe('ERROR');

    const rollback = later.find((pass) => pass.attributes['dtm.status.to'] === 'failed');
    expect(rollback?.attributes).toMatchObject({ 'dtm.trigger': 'cron' });
    expect(later.every((pass) => pass.attributes['dtm.trigger'] === 'cron')).toBe(true);
    branchCall(trace, rollback!, 'compensate', 'product-rpc', 'product.Product/DecrStockRevert');
    branchCall(trace, rollback!, 'compensate', 'order-rpc', 'order.Order/CreateRevert');
  });
});

// Trace context across two hops of real gRPC: a caller → user.User/UserInfo on a front server,
// whose handler calls user.User/Login on a back server through a client that inherits the call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { createLogger } from '@mall/logger';
import { UserService } from '@mall/proto/user';
import { SpanKind, startTracing, type Tracing } from '@mall/tracing';
import { AppError, createRpcClient, createRpcServer, type RpcClient, type RpcServer } from '../src/index.js';

const exporter = new InMemorySpanExporter();
const tracingOf = (serviceName: string): Tracing => startTracing({ serviceName, exporter, batch: false });
const logger = createLogger('rpc-tracing-test', 'silent');

let front: RpcServer;
let back: RpcServer;
let caller: RpcClient<typeof UserService>;
let untraced: RpcClient<typeof UserService>;

beforeAll(async () => {
  back = createRpcServer({ logger, authenticate: () => 'front', tracing: tracingOf('back') });
  back.addService('user.User', UserService, {
    login: ({ Mobile }) =>
      Mobile === 'refuse'
        ? Promise.reject(new AppError('UNAUTHENTICATED', 'wrong mobile or password'))
        : Promise.reject(new AppError('INTERNAL', 'database down')),
    register: () => Promise.reject(new AppError('INTERNAL', 'unused')),
    userInfo: () => Promise.reject(new AppError('INTERNAL', 'unused')),
  });
  const backPort = await back.listen('127.0.0.1', 0);

  front = createRpcServer({ logger, authenticate: () => 'caller', tracing: tracingOf('front') });
  const toBack = createRpcClient(UserService, `127.0.0.1:${backPort}`, {
    app: 'front',
    token: 'unused',
    inherit: () => front.inherited(),
    tracing: tracingOf('front'),
  });
  front.addService('user.User', UserService, {
    login: () => Promise.reject(new AppError('INTERNAL', 'unused')),
    register: () => Promise.reject(new AppError('INTERNAL', 'unused')),
    userInfo: async ({ Id }) => {
      await toBack.login({ Mobile: Id === 1n ? 'refuse' : 'crash', Password: '' }).catch(() => undefined);
      return { Id, Name: 'n', Gender: 0n, Mobile: '' };
    },
  });
  const frontPort = await front.listen('127.0.0.1', 0);
  const options = { app: 'caller', token: 'unused' };
  caller = createRpcClient(UserService, `127.0.0.1:${frontPort}`, { ...options, tracing: tracingOf('caller') });
  untraced = createRpcClient(UserService, `127.0.0.1:${frontPort}`, options);
});

afterAll(async () => {
  caller?.close();
  untraced?.close();
  await front?.shutdown(0);
  await back?.shutdown(0);
});

const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
const service = (span: ReadableSpan) => span.resource.attributes['service.name'];
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('gRPC tracing', () => {
  it('makes one trace of client and server spans, each hop the child of the one before', async () => {
    exporter.reset();
    await caller.userInfo({ Id: 1n });
    const [root] = exporter.getFinishedSpans().filter((span) => service(span) === 'caller');
    expect(root).toBeDefined();
    const spans = spansOf(root!.spanContext().traceId);
    const find = (svc: string, kind: SpanKind) => spans.find((span) => service(span) === svc && span.kind === kind)!;
    const frontServer = find('front', SpanKind.SERVER);
    const frontClient = find('front', SpanKind.CLIENT);
    const backServer = find('back', SpanKind.SERVER);
    expect(spans).toHaveLength(4);
    expect([root!.name, frontServer.name, frontClient.name, backServer.name]).toEqual([
      'user.User/UserInfo',
      'user.User/UserInfo',
      'user.User/Login',
      'user.User/Login',
    ]);
    expect(parentOf(root!)).toBeUndefined();
    expect(parentOf(frontServer)).toBe(root!.spanContext().spanId);
    expect(parentOf(frontClient)).toBe(frontServer.spanContext().spanId);
    expect(parentOf(backServer)).toBe(frontClient.spanContext().spanId);
    expect(frontServer.attributes).toMatchObject({ 'rpc.service': 'user.User', 'rpc.method': 'UserInfo' });
    // UNAUTHENTICATED is the caller's fault: an error for the client, not for the server.
    expect(backServer.attributes['rpc.grpc.status_code']).toBe(16);
    expect([backServer.status.code, frontClient.status.code]).toEqual([0, 2]);
  });

  it('marks a server fault as an error on both sides', async () => {
    exporter.reset();
    await caller.userInfo({ Id: 2n });
    const backServer = exporter.getFinishedSpans().find((span) => service(span) === 'back')!;
    expect(backServer.status).toMatchObject({ code: 2, message: 'INTERNAL: database down' });
  });

  it('starts a new trace at a server when the caller sends no trace context', async () => {
    exporter.reset();
    await untraced.userInfo({ Id: 1n });
    const frontServer = exporter
      .getFinishedSpans()
      .find((span) => service(span) === 'front' && span.kind === SpanKind.SERVER)!;
    expect(parentOf(frontServer)).toBeUndefined();
    expect(spansOf(frontServer.spanContext().traceId)).toHaveLength(3);
  });
});

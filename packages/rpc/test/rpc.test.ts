import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@mall/logger';
import { UserService } from '@mall/proto/user';
import {
  AppError,
  createRpcClient,
  createRpcServer,
  fromServiceError,
  parseTokenList,
  toServiceError,
  tokenAuthenticator,
  type RpcServer,
} from '../src/index.js';

const serviceError = (code: status, details: string): ServiceError =>
  Object.assign(new Error(details), { code, details, metadata: new Metadata() });

describe('status mapping', () => {
  it('sends AppErrors as their canonical status and anything else as a bland INTERNAL', () => {
    expect(toServiceError(new AppError('NOT_FOUND', 'user not found'))).toMatchObject({
      code: status.NOT_FOUND,
      details: 'user not found',
    });
    expect(toServiceError(new Error("ER_DUP_ENTRY: Duplicate entry 'x'"))).toMatchObject({
      code: status.INTERNAL,
      details: 'internal error',
    });
  });

  it('turns received statuses back into AppErrors without passing on internal text', () => {
    expect(fromServiceError(serviceError(status.ABORTED, 'insufficient stock'), 'etcd:///product.rpc')).toMatchObject({
      code: 'ABORTED',
      message: 'insufficient stock',
    });
    const unavailable = fromServiceError(serviceError(status.UNAVAILABLE, 'no instance'), 'etcd:///user.rpc');
    expect([unavailable.code, unavailable.message]).toEqual([
      'UNAVAILABLE',
      'etcd:///user.rpc is unavailable: no instance',
    ]);
    expect(fromServiceError(serviceError(status.UNKNOWN, 'TypeError: x is undefined'), 't')).toMatchObject({
      code: 'INTERNAL',
      message: 't failed',
    });
    expect(fromServiceError(serviceError(status.INTERNAL, 'secret detail'), 't').message).not.toContain('secret');
    expect(fromServiceError(serviceError(status.UNAUTHENTICATED, 'wrong mobile or password'), 't')).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(fromServiceError(serviceError(status.UNAUTHENTICATED, 'access denied'), 'etcd:///user.rpc')).toMatchObject({
      code: 'INTERNAL',
      message: "etcd:///user.rpc refused this service's RPC credentials (access denied)",
    });
  });
});

describe('token auth', () => {
  it('parses app=token lists and rejects malformed entries', () => {
    expect([...parseTokenList('gateway=abc, order-rpc = def')]).toEqual([
      ['gateway', 'abc'],
      ['order-rpc', 'def'],
    ]);
    for (const bad of ['gateway', '=abc', 'gateway=', '']) expect(() => parseTokenList(bad)).toThrow();
  });

  it('accepts the right token only', () => {
    const authenticate = tokenAuthenticator(new Map([['gateway', 'secret-token']]));
    const metadata = (app?: string, token?: string) => {
      const m = new Metadata();
      if (app !== undefined) m.set('app', app);
      if (token !== undefined) m.set('token', token);
      return m;
    };
    expect(authenticate(metadata('gateway', 'secret-token'))).toBe('gateway');
    expect(() => authenticate(metadata())).toThrow('app/token required');
    expect(() => authenticate(metadata('gateway', 'secret-tokeN'))).toThrow('access denied');
    expect(() => authenticate(metadata('gateway', 'short'))).toThrow('access denied');
    expect(() => authenticate(metadata('stranger', 'secret-token'))).toThrow('access denied');
  });
});

describe('server and client over real gRPC', () => {
  let server: RpcServer;
  let port: number;

  beforeAll(async () => {
    server = createRpcServer({
      logger: createLogger('rpc-test', 'silent'),
      authenticate: tokenAuthenticator(new Map([['t', 'token']])),
    });
    server.addService('user.User', UserService, {
      login: () => Promise.reject(new AppError('UNAUTHENTICATED', 'wrong mobile or password')),
      register: () => Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:3306')),
      userInfo: async (request) => {
        await new Promise((resolve) => setTimeout(resolve, Number(request.Id)));
        return { Id: request.Id, Name: 'slow', Gender: 0n, Mobile: '' };
      },
    });
    port = await server.listen('127.0.0.1', 0);
  });

  afterAll(() => server.shutdown(1_000));

  it('carries AppErrors across, hides unexpected errors, and enforces deadlines', async () => {
    const client = createRpcClient(UserService, `127.0.0.1:${port}`, { app: 't', token: 'token', deadlineMs: 200 });
    const failure = (call: Promise<unknown>) =>
      call.then(
        () => undefined,
        (error: unknown) => error as AppError,
      );
    expect(await failure(client.login({ Mobile: '', Password: '' }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'wrong mobile or password',
    });
    const hidden = await failure(client.register({ Name: '', Gender: 0n, Mobile: '', Password: '' }));
    expect(hidden?.code).toBe('INTERNAL');
    expect(hidden?.message).not.toContain('ECONNREFUSED');
    expect(await client.userInfo({ Id: 10n })).toMatchObject({ Name: 'slow' });
    expect(await failure(client.userInfo({ Id: 1_000n }))).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    client.close();
  });

  // Found by apps/dtm/test/hostile-grpc.int.test.ts: grpc-js answered undecodable bytes with INTERNAL.
  it('answers bytes that are not the request message with INVALID_ARGUMENT', async () => {
    const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
    const metadata = new Metadata();
    metadata.set('app', 't');
    metadata.set('token', 'token');
    const error = await new Promise<ServiceError | null>((resolve) =>
      client.makeUnaryRequest(
        UserService.login.path,
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => bytes,
        Buffer.from([0x0a, 0x05, 0x41]),
        metadata,
        (failure) => resolve(failure),
      ),
    );
    expect(error).toMatchObject({ code: status.INVALID_ARGUMENT, details: 'the request is not a valid message' });
    client.close();
  });

  it("binds the caller's request id to the handler's logger", async () => {
    const traced = createRpcServer({ logger: createLogger('rpc-test', 'silent'), authenticate: () => 'gateway' });
    traced.addService('user.User', UserService, {
      login: () => Promise.reject(new AppError('INTERNAL', 'unused')),
      register: () => Promise.reject(new AppError('INTERNAL', 'unused')),
      userInfo: (request, context) => {
        const bindings = context.logger.bindings() as { requestId?: string; caller?: string };
        return Promise.resolve({
          Id: request.Id,
          Name: `${bindings.requestId}/${bindings.caller}`,
          Gender: 0n,
          Mobile: '',
        });
      },
    });
    const tracedPort = await traced.listen('127.0.0.1', 0);
    let current: string | undefined = 'req-7';
    const client = createRpcClient(UserService, `127.0.0.1:${tracedPort}`, {
      app: 'gateway',
      token: 'x',
      inherit: () => (current ? { metadata: { 'x-request-id': current } } : undefined),
    });
    expect((await client.userInfo({ Id: 1n })).Name).toBe('req-7/gateway');
    current = undefined;
    expect((await client.userInfo({ Id: 1n })).Name).toBe('undefined/gateway');
    client.close();
    await traced.shutdown(1_000);
  });

  it('logs a failed call once, bound to its method and request id, and makes no logger for a quiet one', async () => {
    const logger = createLogger('rpc-test', 'info');
    const lines: { bindings: object; level: string; fields: object; msg: string }[] = [];
    vi.spyOn(logger, 'child').mockImplementation((bindings: object) => {
      const write = (level: string) => (fields: object, msg: string) => lines.push({ bindings, level, fields, msg });
      return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') } as never;
    });
    const logged = createRpcServer({ logger, authenticate: () => 'gateway' });
    logged.addService('user.User', UserService, {
      login: () => Promise.reject(new AppError('UNAVAILABLE', 'mysql is down')),
      register: () => Promise.reject(new Error('ECONNREFUSED')),
      userInfo: (request) => Promise.resolve({ Id: request.Id, Name: '', Gender: 0n, Mobile: '' }),
    });
    const loggedPort = await logged.listen('127.0.0.1', 0);
    const client = createRpcClient(UserService, `127.0.0.1:${loggedPort}`, {
      app: 'gateway',
      token: 'x',
      inherit: () => ({ metadata: { 'x-request-id': 'req-9' } }),
    });
    await client.userInfo({ Id: 1n });
    expect(logger.child).not.toHaveBeenCalled();
    await client.login({ Mobile: '', Password: '' }).catch(() => undefined);
    await client.register({ Name: '', Gender: 0n, Mobile: '', Password: '' }).catch(() => undefined);
    expect(lines).toEqual([
      {
        bindings: { method: '/user.User/Login', requestId: 'req-9' },
        level: 'warn',
        fields: { ms: expect.any(Number) as unknown, outcome: 'UNAVAILABLE', reason: 'mysql is down' },
        msg: 'rpc failed',
      },
      {
        bindings: { method: '/user.User/Register', requestId: 'req-9' },
        level: 'error',
        fields: { ms: expect.any(Number) as unknown, err: new Error('ECONNREFUSED') },
        msg: 'rpc failed unexpectedly',
      },
    ]);
    client.close();
    await logged.shutdown(1_000);
  });

  it('refuses a method to callers it does not name, with PERMISSION_DENIED', async () => {
    const guarded = createRpcServer({
      logger: createLogger('rpc-test', 'silent'),
      authenticate: tokenAuthenticator(
        new Map([
          ['gateway', 'g-token'],
          ['pay-rpc', 'p-token'],
        ]),
      ),
    });
    guarded.addService(
      'user.User',
      UserService,
      {
        login: () => Promise.reject(new AppError('INTERNAL', 'unused')),
        register: () => Promise.reject(new AppError('INTERNAL', 'unused')),
        userInfo: (request) => Promise.resolve({ Id: request.Id, Name: 'internal', Gender: 0n, Mobile: '' }),
      },
      { userInfo: ['pay-rpc'] },
    );
    const guardedPort = await guarded.listen('127.0.0.1', 0);
    const asGateway = createRpcClient(UserService, `127.0.0.1:${guardedPort}`, { app: 'gateway', token: 'g-token' });
    const asPay = createRpcClient(UserService, `127.0.0.1:${guardedPort}`, { app: 'pay-rpc', token: 'p-token' });
    const refused = await asGateway.userInfo({ Id: 1n }).catch((error: AppError) => error);
    expect(refused).toMatchObject({ code: 'PERMISSION_DENIED', message: 'gateway may not call /user.User/UserInfo' });
    expect(await asPay.userInfo({ Id: 1n })).toMatchObject({ Name: 'internal' });
    asGateway.close();
    asPay.close();
    await guarded.shutdown(1_000);
  });

  it('reports every finished call, served or made, with its method and canonical code', async () => {
    const served: [string, string][] = [];
    const made: [string, string][] = [];
    const record = (into: [string, string][]) => ({
      observe: (method: string, code: string, ms: number) => {
        expect(ms).toBeGreaterThanOrEqual(0);
        into.push([method, code]);
      },
    });
    const measured = createRpcServer({
      logger: createLogger('rpc-test', 'silent'),
      authenticate: tokenAuthenticator(new Map([['gateway', 'g-token']])),
      metrics: record(served),
    });
    measured.addService('user.User', UserService, {
      login: () => Promise.reject(new AppError('NOT_FOUND', 'no such user')),
      register: () => Promise.reject(new Error('a bug')),
      userInfo: (request) => Promise.resolve({ Id: request.Id, Name: 'n', Gender: 0n, Mobile: '' }),
    });
    const measuredPort = await measured.listen('127.0.0.1', 0);
    const client = createRpcClient(UserService, `127.0.0.1:${measuredPort}`, {
      app: 'gateway',
      token: 'g-token',
      metrics: record(made),
    });
    const stranger = createRpcClient(UserService, `127.0.0.1:${measuredPort}`, {
      app: 'gateway',
      token: 'wrong',
      metrics: record(made),
    });
    await client.userInfo({ Id: 1n });
    await client.login({ Mobile: 'm', Password: 'p' }).catch(() => undefined);
    await client.register({ Name: 'n', Gender: 0n, Mobile: 'm', Password: 'p' }).catch(() => undefined);
    await stranger.userInfo({ Id: 1n }).catch(() => undefined);
    const expected = [
      ['/user.User/UserInfo', 'OK'],
      ['/user.User/Login', 'NOT_FOUND'],
      ['/user.User/Register', 'INTERNAL'],
      ['/user.User/UserInfo', 'UNAUTHENTICATED'],
    ];
    expect(served).toEqual(expected);
    expect(made).toEqual(expected);
    client.close();
    stranger.close();
    await measured.shutdown(1_000);
  });

  it("ends a downstream call when the caller's deadline passes, not its own", async () => {
    const downstream = createRpcServer({ logger: createLogger('rpc-test', 'silent'), authenticate: () => 'x' });
    downstream.addService('user.User', UserService, {
      login: () => Promise.reject(new AppError('INTERNAL', 'unused')),
      register: () => Promise.reject(new AppError('INTERNAL', 'unused')),
      userInfo: async (request) => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        return { Id: request.Id, Name: 'too late', Gender: 0n, Mobile: '' };
      },
    });
    const downstreamPort = await downstream.listen('127.0.0.1', 0);
    const middle = createRpcServer({ logger: createLogger('rpc-test', 'silent'), authenticate: () => 'x' });
    const onward = createRpcClient(UserService, `127.0.0.1:${downstreamPort}`, {
      app: 'x',
      token: 'y',
      deadlineMs: 5_000,
      inherit: () => middle.inherited(),
    });
    let onwardFailure: AppError | undefined;
    let onwardMs = 0;
    middle.addService('user.User', UserService, {
      login: () => Promise.reject(new AppError('INTERNAL', 'unused')),
      register: () => Promise.reject(new AppError('INTERNAL', 'unused')),
      userInfo: async (request) => {
        const started = Date.now();
        onwardFailure = await onward.userInfo(request).then(
          () => undefined,
          (error: AppError) => error,
        );
        onwardMs = Date.now() - started;
        throw onwardFailure ?? new AppError('INTERNAL', 'expected a failure');
      },
    });
    const middlePort = await middle.listen('127.0.0.1', 0);
    const caller = createRpcClient(UserService, `127.0.0.1:${middlePort}`, { app: 'x', token: 'y', deadlineMs: 300 });
    const outer = await caller.userInfo({ Id: 1n }).catch((error: AppError) => error);
    expect(outer).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(onwardFailure?.code).toBe('DEADLINE_EXCEEDED');
    expect(onwardMs).toBeLessThan(1_000);
    caller.close();
    onward.close();
    await middle.shutdown(1_000);
    await downstream.shutdown(2_000);
  });

  it('finishes in-flight calls on graceful shutdown', async () => {
    const other = createRpcServer({ logger: createLogger('rpc-test', 'silent'), authenticate: () => 'anyone' });
    other.addService('user.User', UserService, {
      login: () => Promise.reject(new AppError('INTERNAL', 'unused')),
      register: () => Promise.reject(new AppError('INTERNAL', 'unused')),
      userInfo: async (request) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return { Id: request.Id, Name: 'done', Gender: 0n, Mobile: '' };
      },
    });
    const otherPort = await other.listen('127.0.0.1', 0);
    const client = createRpcClient(UserService, `127.0.0.1:${otherPort}`, { app: 'x', token: 'y' });
    const inFlight = client.userInfo({ Id: 7n });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.shutdown(5_000);
    expect(await inFlight).toMatchObject({ Id: 7n, Name: 'done' });
    client.close();
  });
});

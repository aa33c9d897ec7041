import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import mysql from 'mysql2/promise';
import { UserService } from '@mall/proto/user';
import type { AppError } from '@mall/rpc';
import { createRpcClient, type RpcClient } from '@mall/rpc';
import { appErrorOf, createTestDatabase, type TestDatabase } from '@mall/testing';
import { startUserRpc } from '../src/app.js';
import { loadUserRpcConfig } from '../src/config.js';

const TOKEN = 'gateway-test-token-0123456789';
let database: TestDatabase;
let app: Awaited<ReturnType<typeof startUserRpc>>;
let client: RpcClient<typeof UserService>;

beforeAll(async () => {
  database = await createTestDatabase(inject('mysqlUrl'), 'user_rpc');
  const config = loadUserRpcConfig({
    PORT: '0',
    METRICS_PORT: '0',
    LISTEN_HOST: '127.0.0.1',
    MYSQL_URL: inject('mysqlUrl'),
    MYSQL_DATABASE: database.name,
    ETCD_ENDPOINTS: inject('etcdEndpoints'),
    RPC_AUTH_TOKENS: `gateway=${TOKEN}`,
    SCRYPT_COST: '1024',
    LOG_LEVEL: 'silent',
  });
  app = await startUserRpc(config, `user.rpc.test-${database.name}`);
  client = createRpcClient(UserService, `127.0.0.1:${app.port}`, { app: 'gateway', token: TOKEN });
});

afterAll(async () => {
  client?.close();
  await app?.stop();
  await database?.drop();
});

describe('user-rpc', () => {
  it('registers, logs in and reads a user', async () => {
    const registered = await client.register({ Name: 'ving', Gender: 1n, Mobile: '15212230311', Password: '123456' });
    expect(registered).toMatchObject({ Name: 'ving', Gender: 1n, Mobile: '15212230311' });
    expect(registered.Id).toBeGreaterThan(0n);

    const loggedIn = await client.login({ Mobile: '15212230311', Password: '123456' });
    expect(loggedIn.Id).toBe(registered.Id);

    const info = await client.userInfo({ Id: registered.Id });
    expect(info).toEqual({ Id: registered.Id, Name: 'ving', Gender: 1n, Mobile: '15212230311' });
  });

  it('serves Prometheus metrics on its own port, counting calls by method and code', async () => {
    await expect(client.userInfo({ Id: 999_999n })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(app.metricsPort).toBeGreaterThan(0);
    const text = await (await fetch(`http://127.0.0.1:${app.metricsPort}/metrics`)).text();
    expect(text).toMatch(/^rpc_server_requests_code_total\{method="\/user\.User\/UserInfo",code="NOT_FOUND"\} [1-9]/m);
    expect(text).toContain('# TYPE rpc_server_requests_duration_ms histogram');
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
  });

  it('stores a per-user salted scrypt hash, never the password or a shared-salt hash (bug 16)', async () => {
    await client.register({ Name: 'a', Gender: 0n, Mobile: '10000000001', Password: 'same-password' });
    await client.register({ Name: 'b', Gender: 0n, Mobile: '10000000002', Password: 'same-password' });
    const connection = await mysql.createConnection(`${inject('mysqlUrl')}/${database.name}`);
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      "SELECT password FROM `user` WHERE mobile IN ('10000000001', '10000000002')",
    );
    await connection.end();
    const [first, second] = rows.map((row) => row.password as string);
    expect(first).toMatch(/^scrypt\$1024\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(first).not.toContain('same-password');
    expect(first).not.toBe(second);
  });

  it('gives the same answer for an unknown mobile and a wrong password (bug 16)', async () => {
    await client.register({ Name: 'c', Gender: 2n, Mobile: '10000000003', Password: 'right-password' });
    const unknown = await appErrorOf(client.login({ Mobile: '19999999999', Password: 'whatever1' }));
    const wrong = await appErrorOf(client.login({ Mobile: '10000000003', Password: 'wrong-password' }));
    expect([unknown.code, unknown.message]).toEqual(['UNAUTHENTICATED', 'wrong mobile or password']);
    expect([wrong.code, wrong.message]).toEqual([unknown.code, unknown.message]);
  });

  it('refuses a second registration of a mobile with ALREADY_EXISTS, also when racing', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        client.register({ Name: `racer${i}`, Gender: 0n, Mobile: '10000000004', Password: 'password' }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
      expect((attempt.reason as AppError).code).toBe('ALREADY_EXISTS');
    }
  });

  it('rejects malformed input with INVALID_ARGUMENT', async () => {
    const cases = [
      { Name: '', Gender: 1n, Mobile: '10000000005', Password: '123456' },
      { Name: 'x', Gender: 7n, Mobile: '10000000005', Password: '123456' },
      { Name: 'x', Gender: 1n, Mobile: 'not-a-phone', Password: '123456' },
      { Name: 'x', Gender: 1n, Mobile: '10000000005', Password: '123' },
    ];
    for (const request of cases) expect((await appErrorOf(client.register(request))).code).toBe('INVALID_ARGUMENT');
    expect((await appErrorOf(client.userInfo({ Id: 0n }))).code).toBe('INVALID_ARGUMENT');
  });

  it('answers NOT_FOUND for an unknown user id', async () => {
    const error = await appErrorOf(client.userInfo({ Id: 987654321n }));
    expect([error.code, error.message]).toEqual(['NOT_FOUND', 'user not found']);
  });

  it('refuses calls without or with wrong credentials, which the caller reports as INTERNAL (its own fault)', async () => {
    const anonymous = createRpcClient(UserService, `127.0.0.1:${app.port}`, { app: '', token: '' });
    const impostor = createRpcClient(UserService, `127.0.0.1:${app.port}`, { app: 'gateway', token: 'guessed-token' });
    try {
      expect(await appErrorOf(anonymous.userInfo({ Id: 1n }))).toMatchObject({
        code: 'INTERNAL',
        message: expect.stringContaining(`refused this service's RPC credentials (app/token required)`),
      });
      expect(await appErrorOf(impostor.userInfo({ Id: 1n }))).toMatchObject({
        code: 'INTERNAL',
        message: expect.stringContaining(`refused this service's RPC credentials (access denied)`),
      });
    } finally {
      anonymous.close();
      impostor.close();
    }
  });
});

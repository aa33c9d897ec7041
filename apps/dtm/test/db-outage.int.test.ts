// The DTM server outlives an outage of its database: a MariaDB of the test's own is killed while a
// saga waits for a retry, and started again on the same data. Meanwhile the server stays up and
// refuses work with a clear answer; afterwards its cron finishes the saga.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGrpcDtmClient, createGrpcSaga, type GrpcDtmClient } from '@mall/dtm-client';
import { freePort, startMariaDb, waitFor, type MariaDb } from '@mall/testing';
import { startBusi, type Busi } from './support/busi.js';
import { newTestGid, sagaBody } from './support/saga.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

let busi: Busi;
let database: MariaDb;
let server: { child: ChildProcess; exited: Promise<number | null>; output: () => string };
let api: string;
let grpc: GrpcDtmClient;

beforeAll(async () => {
  [busi, database] = await Promise.all([startBusi(), startMariaDb()]);
  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  api = `http://127.0.0.1:${httpPort}/api`;
  grpc = createGrpcDtmClient(`127.0.0.1:${grpcPort}`, { timeoutMs: 10_000 });
  const env = {
    PATH: process.env.PATH ?? '',
    MYSQL_URL: database.url,
    HTTP_PORT: String(httpPort),
    GRPC_PORT: String(grpcPort),
    LISTEN_HOST: '127.0.0.1',
    RETRY_INTERVAL: '1',
    MAX_RETRY_INTERVAL: '2',
    TRANS_CRON_INTERVAL: '1',
    LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  server = { child, exited, output: () => output };
  await waitFor('the dtm server to answer', () => fetch(`${api}/ping`).then((r) => r.ok), { timeoutMs: 30_000 });
}, 120_000);

afterAll(async () => {
  grpc?.close();
  server?.child.kill('SIGTERM');
  await server?.exited;
  await busi?.stop();
  await database?.stop();
});

const statusOf = async (gid: string) => {
  const body = (await fetch(`${api}/dtmsvr/query?gid=${gid}`).then((r) => r.json())) as {
    transaction: { status: string } | null;
  };
  return body.transaction?.status;
};

const submit = (gid: string) =>
  fetch(`${api}/dtmsvr/submit`, { method: 'POST', body: JSON.stringify(sagaBody(gid, busi.httpUrl)) });

describe('the DTM server while its database is down', () => {
  it('stays up, refuses new sagas (HTTP 503, gRPC UNAVAILABLE) with one line, and finishes the pending saga once it is back', async () => {
    const gid = newTestGid('outage');
    busi.setNext('TransIn', 'ERROR', 2);
    expect((await submit(gid)).status).toBe(200);
    // Both forced errors answered: the next try would succeed, but the database goes first.
    await waitFor('TransIn to fail twice', () =>
      Promise.resolve(busi.trail(gid).filter((call) => call === 'TransIn:action').length === 2),
    );
    await database.kill();

    const refused = await submit(newTestGid('refused'));
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ message: 'storage unavailable, try again later' });
    expect((await fetch(`${api}/dtmsvr/query?gid=${gid}`)).status).toBe(503);
    const viaGrpc = createGrpcSaga(grpc, newTestGid('refused-grpc'), {}).add(
      `${busi.grpcTarget}/busi.Busi/TransOut`,
      `${busi.grpcTarget}/busi.Busi/TransOutRevert`,
      Buffer.alloc(0),
    );
    await expect(viaGrpc.submit()).rejects.toThrow(
      /failed with gRPC status UNAVAILABLE: storage unavailable, try again later$/,
    );
    // The cron keeps running into the outage meanwhile, without bringing the server down.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${api}/ping`)).status).toBe(200);

    await database.restart();
    await waitFor('the saga to finish', async () => (await statusOf(gid).catch(() => undefined)) === 'succeed', {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    expect(busi.trail(gid)).toEqual(['TransOut:action', 'TransIn:action', 'TransIn:action', 'TransIn:action']);
    const after = newTestGid('after');
    expect((await submit(after)).status).toBe(200);
    await waitFor('a new saga to finish', async () => (await statusOf(after)) === 'succeed');
    expect(server.output()).not.toMatch(/uncaught|unhandled/i);
  }, 120_000);
});

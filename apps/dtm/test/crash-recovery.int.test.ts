import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, freePort, waitFor, type TestDatabase } from '@mall/testing';
import { startBusi, type Busi } from './support/busi.js';
import { newTestGid, sagaBody } from './support/saga.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

let busi: Busi;
let database: TestDatabase;
let env: Record<string, string>;
let api: string;

beforeAll(async () => {
  [busi, database] = await Promise.all([startBusi(), createTestDatabase(inject('mysqlUrl'), 'dtm_crash')]);
  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  api = `http://127.0.0.1:${httpPort}/api`;
  env = {
    PATH: process.env.PATH ?? '',
    MYSQL_URL: inject('mysqlUrl'),
    MYSQL_DATABASE: database.name,
    HTTP_PORT: String(httpPort),
    GRPC_PORT: String(grpcPort),
    LISTEN_HOST: '127.0.0.1',
    RETRY_INTERVAL: '1',
    TIMEOUT_TO_FAIL: '2',
    TRANS_CRON_INTERVAL: '1',
    LOG_LEVEL: 'warn',
  };
});

afterAll(async () => {
  await busi?.stop();
  await database?.drop();
});

async function startServer(): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await waitFor('the dtm server to answer', () => fetch(`${api}/ping`).then((r) => r.ok), { timeoutMs: 15_000 });
  return { child, exited };
}

const statusOf = async (gid: string) => {
  const body = (await fetch(`${api}/dtmsvr/query?gid=${gid}`).then((r) => r.json())) as {
    transaction: { status: string } | null;
  };
  return body.transaction?.status;
};

describe('crash recovery', () => {
  it('a saga whose server is killed mid-branch is finished by the restarted server', async () => {
    const first = await startServer();
    const gid = newTestGid('crash');
    busi.setNext('TransIn', 'HANG');
    const submitted = await fetch(`${api}/dtmsvr/submit`, {
      method: 'POST',
      body: JSON.stringify(sagaBody(gid, busi.httpUrl)),
    });
    expect(submitted.status).toBe(200);
    await waitFor('TransIn to be called', () => Promise.resolve(busi.trail(gid).includes('TransIn:action')));

    first.child.kill('SIGKILL');
    await first.exited;
    busi.release();

    const second = await startServer();
    await waitFor('the saga to finish', async () => (await statusOf(gid)) === 'succeed', { timeoutMs: 15_000 });
    expect(busi.trail(gid)).toEqual(['TransOut:action', 'TransIn:action', 'TransIn:action']);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

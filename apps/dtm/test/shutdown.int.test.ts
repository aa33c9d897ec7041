// SIGTERM on the DTM server: it leaves etcd, stops taking requests, lets the pass in flight finish
// (its branch call answered and its result stored), then exits 0.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Etcd3 } from 'etcd3';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, freePort, waitFor, type TestDatabase } from '@mall/testing';
import { startBusi, type Busi } from './support/busi.js';
import { newTestGid, sagaBody } from './support/saga.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

let busi: Busi;
let database: TestDatabase;
let etcd: Etcd3;

beforeAll(async () => {
  [busi, database] = await Promise.all([startBusi(), createTestDatabase(inject('mysqlUrl'), 'dtm_shutdown')]);
  etcd = new Etcd3({
    hosts: inject('etcdEndpoints')
      .split(',')
      .map((host) => `http://${host}`),
  });
});

afterAll(async () => {
  etcd?.close();
  await busi?.stop();
  await database?.drop();
});

const registered = async (key: string) => Object.keys(await etcd.getAll().prefix(`${key}/`).strings());

async function storedStatus(gid: string): Promise<string | undefined> {
  const connection = await mysql.createConnection(`${inject('mysqlUrl')}/${database.name}`);
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT status FROM trans_global WHERE gid = ?', [
      gid,
    ]);
    return rows[0]?.status as string | undefined;
  } finally {
    await connection.end();
  }
}

describe('the DTM server on SIGTERM', () => {
  it('deregisters, refuses new requests, drains the pass in flight, then exits 0', async () => {
    const [httpPort, grpcPort] = [await freePort(), await freePort()];
    const api = `http://127.0.0.1:${httpPort}/api`;
    const etcdKey = `dtmservice.${database.name}`;
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        MYSQL_URL: inject('mysqlUrl'),
        MYSQL_DATABASE: database.name,
        HTTP_PORT: String(httpPort),
        GRPC_PORT: String(grpcPort),
        LISTEN_HOST: '127.0.0.1',
        ETCD_ENDPOINTS: inject('etcdEndpoints'),
        ETCD_KEY: etcdKey,
        REQUEST_TIMEOUT: '30',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await waitFor('the dtm server to register', async () => (await registered(etcdKey)).length === 1, {
      timeoutMs: 15_000,
    });

    const gid = newTestGid('drain');
    busi.setNext('TransIn', 'HANG');
    const body = JSON.stringify(sagaBody(gid, busi.httpUrl));
    expect((await fetch(`${api}/dtmsvr/submit`, { method: 'POST', body })).status).toBe(200);
    await waitFor('TransIn to be called', () => Promise.resolve(busi.trail(gid).includes('TransIn:action')));

    child.kill('SIGTERM');
    await waitFor('the etcd key to go', async () => (await registered(etcdKey)).length === 0);
    // A connection accepted just before the listener closed is dropped instead; later ones are refused.
    const refused = await waitFor('new requests to be refused', () =>
      fetch(`${api}/ping`).then(
        () => false,
        (error: Error) => (error.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED',
      ),
    );
    expect(refused).toBe(true);
    expect(child.exitCode).toBeNull();
    expect(await storedStatus(gid)).toBe('submitted');

    busi.release();
    expect(await exited).toBe(0);
    expect(await storedStatus(gid)).toBe('succeed');
    expect(busi.trail(gid)).toEqual(['TransOut:action', 'TransIn:action']);
  });
});

import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { findBinary, MissingBinaryError, startEtcd, startMariaDb } from '../src/index.js';

describe('findBinary', () => {
  it('names the exact install command when a server binary is missing', () => {
    const attempt = () => findBinary(['no-such-server-binary'], 'apt-get install -y mariadb-server');
    expect(attempt).toThrow(MissingBinaryError);
    expect(attempt).toThrow('no-such-server-binary not found: install it with `apt-get install -y mariadb-server`');
  });
});

describe('throw-away servers', () => {
  it('starts a MariaDB that accepts root on loopback, and removes it on stop', async () => {
    const server = await startMariaDb();
    const connection = await mysql.createConnection(server.url);
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    await connection.end();
    expect(String(rows[0]?.version)).toMatch(/MariaDB/);
    await server.stop();
    await expect(mysql.createConnection(server.url)).rejects.toThrow();
  }, 90_000);

  it('kills a MariaDB and starts it again on the same port with its committed data', async () => {
    const server = await startMariaDb();
    try {
      const before = await mysql.createConnection(server.url);
      await before.query('CREATE DATABASE kept');
      await before.query('CREATE TABLE kept.t (n INT) ENGINE=InnoDB');
      await before.query('INSERT INTO kept.t VALUES (7)');
      await server.kill();
      await expect(before.query('SELECT 1')).rejects.toThrow();
      before.destroy();
      await expect(mysql.createConnection(server.url)).rejects.toThrow();

      await server.restart();
      const after = await mysql.createConnection(server.url);
      const [rows] = await after.query<mysql.RowDataPacket[]>('SELECT n FROM kept.t');
      await after.end();
      expect(rows.map((row) => Number(row.n))).toEqual([7]);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('starts an etcd that reports healthy, and stops it', async () => {
    const server = await startEtcd();
    const health = (await (await fetch(`http://${server.endpoint}/health`)).json()) as { health: string };
    expect(health.health).toBe('true');
    await server.stop();
    await expect(fetch(`http://${server.endpoint}/health`)).rejects.toThrow();
  }, 60_000);

  it('restarts etcd after a crash on the same endpoint, keeping its keys', async () => {
    const server = await startEtcd();
    const key = Buffer.from('mall-restart-key').toString('base64');
    const put = await fetch(`http://${server.endpoint}/v3/kv/put`, {
      method: 'POST',
      body: JSON.stringify({ key, value: Buffer.from('kept').toString('base64') }),
    });
    expect(put.status).toBe(200);
    await server.restart();
    const range = await fetch(`http://${server.endpoint}/v3/kv/range`, {
      method: 'POST',
      body: JSON.stringify({ key }),
    });
    const body = (await range.json()) as { kvs?: { value: string }[] };
    expect(Buffer.from(body.kvs?.[0]?.value ?? '', 'base64').toString()).toBe('kept');
    await server.stop();
  }, 60_000);
});

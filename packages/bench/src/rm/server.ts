import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { withTransaction, type Pool } from '@mall/db';
import { barrierFromQuery, httpBranchReply } from '@mall/dtm-client';
import { changeBalance, readTransfer, type Transfer } from './transfer.js';

export const BRANCH_PREFIX = '/api/busi_bench';

/** Each saga branch: which account it changes, and by how much. */
const BRANCHES: Record<string, (transfer: Transfer) => [account: number, delta: number]> = {
  TransOut: ({ from, amount }) => [from, -amount],
  TransOutCompensate: ({ from, amount }) => [from, amount],
  TransIn: ({ to, amount }) => [to, amount],
  TransInCompensate: ({ to, amount }) => [to, -amount],
};

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export interface RmDeps {
  pool: Pool;
  barrierTable: string;
}

/**
 * DTM's bench business as an HTTP resource manager: the four saga branches (barrier + 2 SQL in one
 * local transaction) under /api/busi_bench, and /api/busi_bench/raw, which does the same two
 * transfers' writes as two local transactions with no coordinator and no barrier (the baseline).
 */
export function createRmServer({ pool, barrierTable }: RmDeps): Server {
  async function branch(name: string, url: URL, request: IncomingMessage, response: ServerResponse) {
    const change = BRANCHES[name];
    if (!change) return send(response, 404, { message: `no branch ${name}` });
    try {
      const [account, delta] = change(readTransfer(await readJson(request)));
      const barrier = barrierFromQuery(url.searchParams, { tableName: barrierTable });
      await barrier.call(pool, (tx) => changeBalance(tx, account, delta, barrier.info.gid));
      const reply = httpBranchReply();
      send(response, reply.status, reply.body);
    } catch (error) {
      const reply = httpBranchReply(error);
      send(response, reply.status, reply.body);
    }
  }

  async function raw(request: IncomingMessage, response: ServerResponse) {
    try {
      const { from, to, amount } = readTransfer(await readJson(request));
      await withTransaction(pool, (tx) => changeBalance(tx, from, -amount, 'raw'));
      await withTransaction(pool, (tx) => changeBalance(tx, to, amount, 'raw'));
      send(response, 200, {});
    } catch (error) {
      send(response, 500, { message: (error as Error).message });
    }
  }

  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://rm');
    if (request.method === 'GET' && url.pathname === '/healthz') return send(response, 200, {});
    if (request.method !== 'POST' || !url.pathname.startsWith(`${BRANCH_PREFIX}/`)) {
      return send(response, 404, { message: 'not found' });
    }
    const name = url.pathname.slice(BRANCH_PREFIX.length + 1);
    void (name === 'raw' ? raw(request, response) : branch(name, url, request, response));
  });
}

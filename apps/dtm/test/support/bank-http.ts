// An HTTP transfer service (DTM's busi TransOut/TransIn and their reverts) written with the SDK's barrier.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PoolConnection, ResultSetHeader } from '@mall/db';
import { barrierFromQuery, DtmFailureError, httpBranchReply } from '@mall/dtm-client';
import type { BusiDatabase } from './busi-database.js';

export interface TransferRequest {
  from: number;
  to: number;
  amount: number;
  /** 'FAILURE' makes TransIn refuse after its update, inside the barrier's transaction. */
  trans_in_result?: string;
}

/** What one call did: `applied`, a barrier skip (`duplicate`, `null-compensation`) or the error's name. */
export interface BankCall {
  method: string;
  gid: string;
  branchId: string;
  op: string;
  outcome: string;
}

export interface Bank {
  url: string;
  calls(gid: string): BankCall[];
  stop(): Promise<void>;
}

type Business = (tx: PoolConnection, request: TransferRequest) => Promise<void>;

async function adjust(tx: PoolConnection, account: number, delta: number): Promise<void> {
  const [result] = await tx.query<ResultSetHeader>(
    'UPDATE account SET balance = balance + ? WHERE id = ? AND balance + ? >= 0',
    [delta, account, delta],
  );
  if (result.affectedRows !== 1) throw new DtmFailureError(`Insufficient balance on account ${account}`);
}

const methods: Record<string, Business> = {
  TransOut: (tx, { from, amount }) => adjust(tx, from, -amount),
  TransOutRevert: (tx, { from, amount }) => adjust(tx, from, amount),
  async TransIn(tx, { to, amount, trans_in_result }) {
    await adjust(tx, to, amount);
    if (trans_in_result === 'FAILURE') throw new DtmFailureError('reason:TransIn refused');
  },
  TransInRevert: (tx, { to, amount }) => adjust(tx, to, -amount),
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBank(db: BusiDatabase): Promise<Bank> {
  const calls: BankCall[] = [];

  async function serve(request: IncomingMessage) {
    const url = new URL(request.url ?? '/', 'http://bank');
    const method = url.pathname.split('/').pop() ?? '';
    const business = methods[method];
    const call: BankCall = {
      method,
      gid: url.searchParams.get('gid') ?? '',
      branchId: url.searchParams.get('branch_id') ?? '',
      op: url.searchParams.get('op') ?? '',
      outcome: '',
    };
    calls.push(call);
    try {
      if (!business) throw new Error(`no method ${method}`);
      const body = JSON.parse(await readBody(request)) as TransferRequest;
      const result = await barrierFromQuery(url.searchParams, { tableName: db.barrierTable }).call(db.pool, (tx) =>
        business(tx, body),
      );
      call.outcome = result.skipped ? result.reason : 'applied';
      return httpBranchReply();
    } catch (error) {
      call.outcome = (error as Error).name;
      return httpBranchReply(error);
    }
  }

  const server: Server = createServer((request, response) => {
    void serve(request).then(({ status, body }) =>
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/bank`,
    calls: (gid) => calls.filter((call) => call.gid === gid),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

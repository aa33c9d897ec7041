// A fake business service (DTM's "busi" RM) over real HTTP and real gRPC, whose next answers can be forced.
import { createServer, type IncomingHttpHeaders, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, ServerCredentials, status, type Metadata, type MethodDefinition } from '@grpc/grpc-js';

export type Answer = 'SUCCESS' | 'FAILURE' | 'ONGOING' | 'ERROR' | 'HANG';
export const METHODS = ['TransOut', 'TransOutRevert', 'TransIn', 'TransInRevert'] as const;
export type Method = (typeof METHODS)[number];

export interface BusiCall {
  via: 'http' | 'grpc';
  method: Method;
  gid: string;
  transType: string;
  branchId: string;
  op: string;
  headers: Record<string, string>;
  body: Buffer;
  httpMethod?: string;
}

export interface Busi {
  httpUrl: string;
  grpcTarget: string;
  /** The next `count` calls of `method` answer `answer`. */
  setNext(method: Method, answer: Answer, count?: number): void;
  /** Lets every held (HANG) call answer SUCCESS. */
  release(): void;
  calls(gid?: string): BusiCall[];
  /** `op` of each call for `gid`, e.g. `TransOut:action`. */
  trail(gid: string): string[];
  stop(): Promise<void>;
}

const identity = (bytes: Buffer) => bytes;
const REASON = 'reason:Insufficient balance';

export async function startBusi(): Promise<Busi> {
  const forced = new Map<Method, Answer[]>();
  const calls: BusiCall[] = [];
  let releaseHeld: (() => void)[] = [];
  const nextAnswer = async (method: Method): Promise<Exclude<Answer, 'HANG'>> => {
    const answer = forced.get(method)?.shift() ?? 'SUCCESS';
    if (answer !== 'HANG') return answer;
    await new Promise<void>((resolve) => releaseHeld.push(resolve));
    return 'SUCCESS';
  };

  const release = () => {
    for (const resolve of releaseHeld) resolve();
    releaseHeld = [];
  };

  const http: HttpServer = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://busi');
      const method = url.pathname.split('/').pop() as Method;
      calls.push({
        via: 'http',
        method,
        gid: url.searchParams.get('gid') ?? '',
        transType: url.searchParams.get('trans_type') ?? '',
        branchId: url.searchParams.get('branch_id') ?? '',
        op: url.searchParams.get('op') ?? '',
        headers: flatHeaders(request.headers),
        body: Buffer.concat(chunks),
        httpMethod: request.method,
      });
      void nextAnswer(method).then((answer) => {
        const [code, body] = {
          SUCCESS: [200, { dtm_result: 'SUCCESS' }],
          FAILURE: [409, { dtm_result: 'FAILURE', message: REASON }],
          ONGOING: [425, { dtm_result: 'ONGOING' }],
          ERROR: [500, { message: 'busi broke' }],
        }[answer] as [number, unknown];
        response.writeHead(code, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));

  const grpc = new Server();
  const definition: Record<string, MethodDefinition<Buffer, Buffer>> = {};
  const handlers: Record<string, unknown> = {};
  for (const method of METHODS) {
    definition[method] = {
      path: `/busi.Busi/${method}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    };
    handlers[method] = (
      call: { request: Buffer; metadata: Metadata },
      callback: (error: { code: status; details: string } | null, reply?: Buffer) => void,
    ) => {
      const meta = call.metadata.getMap();
      const value = (key: string) => String(meta[key] ?? '');
      calls.push({
        via: 'grpc',
        method,
        gid: value('dtm-gid'),
        transType: value('dtm-trans_type'),
        branchId: value('dtm-branch_id'),
        op: value('dtm-op'),
        headers: Object.fromEntries(Object.keys(meta).map((key) => [key, value(key)])),
        body: call.request,
      });
      void nextAnswer(method).then((answer) => {
        if (answer === 'SUCCESS') return callback(null, Buffer.alloc(0));
        const code = { FAILURE: status.ABORTED, ONGOING: status.FAILED_PRECONDITION, ERROR: status.INTERNAL }[answer];
        callback({ code, details: answer === 'FAILURE' ? REASON : answer });
      });
    };
  }
  grpc.addService(definition, handlers as never);
  const grpcPort = await new Promise<number>((resolve, reject) =>
    grpc.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );

  return {
    httpUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/busi`,
    grpcTarget: `127.0.0.1:${grpcPort}`,
    setNext(method, answer, count = 1) {
      forced.set(method, [...(forced.get(method) ?? []), ...new Array<Answer>(count).fill(answer)]);
    },
    release,
    calls: (gid) => calls.filter((call) => gid === undefined || call.gid === gid),
    trail: (gid) => calls.filter((call) => call.gid === gid).map((call) => `${call.method}:${call.op}`),
    async stop() {
      forced.clear();
      release();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      grpc.forceShutdown();
    },
  };
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, String(value)]));
}

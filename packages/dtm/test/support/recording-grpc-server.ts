import {
  Metadata,
  Server,
  ServerCredentials,
  type sendUnaryData,
  type ServerUnaryCall,
  type StatusObject,
} from '@grpc/grpc-js';

export interface RecordedGrpcCall {
  path: string;
  /** The request message exactly as it arrived on the wire. */
  bytes: Buffer;
  metadata: Metadata;
}

/** Encoded response bytes, or the error status to answer with. */
export type GrpcReply = Buffer | Partial<StatusObject>;

export interface RecordingGrpcServer {
  /** `127.0.0.1:<port>` */
  target: string;
  calls: RecordedGrpcCall[];
  reply(path: string, reply: GrpcReply): void;
  close(): Promise<void>;
}

const identity = (bytes: Buffer) => bytes;

/** A grpc-js server with raw handlers for `paths`: no decoding, so tests see the exact bytes sent. */
export async function startRecordingGrpcServer(paths: string[]): Promise<RecordingGrpcServer> {
  const calls: RecordedGrpcCall[] = [];
  const replies = new Map<string, GrpcReply>();
  const server = new Server();
  for (const path of paths) {
    server.register(
      path,
      (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) => {
        calls.push({ path, bytes: call.request, metadata: call.metadata });
        const reply = replies.get(path) ?? Buffer.alloc(0);
        if (Buffer.isBuffer(reply)) callback(null, reply);
        else callback({ metadata: new Metadata(), ...reply });
      },
      identity,
      identity,
      'unary',
    );
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    target: `127.0.0.1:${port}`,
    calls,
    reply: (path, reply) => replies.set(path, reply),
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}

import { Client, Metadata, credentials, status, type ServiceError } from '@grpc/grpc-js';
import { RECONNECT_PROMPTLY } from '@mall/rpc';
import type { BranchCall } from './call.js';
import { grpcOutcome, type Outcome } from './outcome.js';

const identity = (bytes: Buffer) => bytes;
const ROUND_ROBIN = JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] });

/** The metadata DTM sends with every branch call (reference §2.4), then the transaction's branch headers. */
function branchMetadata(call: BranchCall): Metadata {
  const metadata = new Metadata();
  metadata.set('dtm-gid', call.gid);
  metadata.set('dtm-trans_type', call.transType);
  metadata.set('dtm-branch_id', call.branchId);
  metadata.set('dtm-op', call.op);
  metadata.set('dtm-dtm', '');
  for (const [key, value] of Object.entries(call.headers)) metadata.set(key.toLowerCase(), value);
  return metadata;
}

export interface GrpcChannels {
  call(server: string, method: string, call: BranchCall): Promise<Outcome>;
  close(): void;
}

/**
 * One cached channel per server (`host:port` or `etcd://…/key`), calling methods with the stored
 * payload as the raw request message; the reply message is never decoded.
 */
export function createGrpcChannels(): GrpcChannels {
  const clients = new Map<string, Client>();
  const clientFor = (server: string) => {
    let client = clients.get(server);
    if (!client) {
      const options = server.includes('://')
        ? RECONNECT_PROMPTLY
        : { ...RECONNECT_PROMPTLY, 'grpc.service_config': ROUND_ROBIN };
      client = new Client(server, credentials.createInsecure(), options);
      clients.set(server, client);
    }
    return client;
  };

  return {
    call(server, method, call) {
      return new Promise((resolve) => {
        let client: Client;
        try {
          client = clientFor(server);
        } catch (error) {
          resolve({ result: 'ERROR', message: `cannot dial ${server}: ${(error as Error).message}` });
          return;
        }
        client.makeUnaryRequest(
          method,
          identity,
          identity,
          call.payload,
          branchMetadata(call),
          { deadline: Date.now() + call.timeoutMs },
          (error: ServiceError | null) =>
            resolve(error ? grpcOutcome(error.code, error.details) : grpcOutcome(status.OK, '')),
        );
      });
    },
    close() {
      for (const client of clients.values()) client.close();
      clients.clear();
    },
  };
}

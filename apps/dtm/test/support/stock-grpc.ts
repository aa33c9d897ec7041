// A gRPC product service with only DecrStock / DecrStockRevert, written with the SDK's barrier.
import { Server, ServerCredentials, type Metadata, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import type { PoolConnection, ResultSetHeader } from '@mall/db';
import { barrierFromGrpcMetadata, branchServiceError, DtmFailureError } from '@mall/dtm-client';
import { ProductService, type DecrStockRequest, type DecrStockResponse } from '@mall/proto/product';
import type { BusiDatabase } from './busi-database.js';

export interface StockService {
  /** `127.0.0.1:<port>`, to which `/product.Product/<Method>` is appended. */
  target: string;
  stop(): Promise<void>;
}

async function take(tx: PoolConnection, { id, num }: DecrStockRequest): Promise<void> {
  const [result] = await tx.query<ResultSetHeader>('UPDATE stock SET stock = stock - ? WHERE id = ? AND stock >= ?', [
    num,
    id,
    num,
  ]);
  if (result.affectedRows !== 1) throw new DtmFailureError(`insufficient stock of product ${id}`);
}

async function giveBack(tx: PoolConnection, { id, num }: DecrStockRequest): Promise<void> {
  await tx.query('UPDATE stock SET stock = stock + ? WHERE id = ?', [num, id]);
}

export async function startStockService(db: BusiDatabase): Promise<StockService> {
  const server = new Server();
  const methods = [
    [ProductService.decrStock, take],
    [ProductService.decrStockRevert, giveBack],
  ] as const;
  for (const [method, business] of methods) {
    const serve = async (request: DecrStockRequest, metadata: Metadata) => {
      await barrierFromGrpcMetadata(metadata, { tableName: db.barrierTable }).call(db.pool, (tx) =>
        business(tx, request),
      );
    };
    const handler = (
      call: ServerUnaryCall<DecrStockRequest, DecrStockResponse>,
      callback: sendUnaryData<DecrStockResponse>,
    ) => {
      serve(call.request, call.metadata).then(
        () => callback(null, {}),
        (error: unknown) => callback(branchServiceError(error)),
      );
    };
    server.register(method.path, handler, method.responseSerialize, method.requestDeserialize, 'unary');
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    target: `127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}

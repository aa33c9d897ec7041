// Stand-ins for user-rpc and product-rpc, served over real gRPC: in-memory users, prices and stock.
// They exist for fault injection: making a neighbour fail at a chosen step (e.g. a compensation
// that errors) is what a real service cannot be made to do on demand. The same flows against the
// real services, as processes, are in packages/e2e.
import { createLogger } from '@mall/logger';
import { ProductService } from '@mall/proto/product';
import { UserService } from '@mall/proto/user';
import { AppError, createRpcServer, tokenAuthenticator, type Inherited } from '@mall/rpc';

export interface Neighbours {
  port: number;
  users: Set<bigint>;
  products: Map<bigint, { price: bigint; stock: bigint }>;
  /** When set, UserInfo / Detail fail with it. */
  failing: { userInfo?: AppError | undefined; detail?: AppError | undefined };
  /** When set, DecrStockRevert fails with it. */
  revertFailure: AppError | undefined;
  /** With revertFailure: the stock is given back first, as when the answer is lost after the commit. */
  revertApplies: boolean;
  /** DTM's barrier keys (`dtm-gid`, `dtm-branch_id`, `dtm-op`…) each DecrStockRevert came with. */
  revertBarrierKeys: Record<string, string>[];
  /** What the last call served inherited from the call order-rpc was serving (deadline, request id). */
  lastInherited: Inherited | undefined;
  /** Shuts the stand-ins down (once; later calls wait for the same shutdown). */
  stop(): Promise<void>;
}

/** Runs `work` as an async handler would: a throw becomes a rejection. */
const answer = <T>(work: () => T): Promise<T> => new Promise<T>((resolve) => resolve(work()));

const unimplemented = () =>
  answer<never>(() => {
    throw new AppError('FAILED_PRECONDITION', 'not part of the stand-in');
  });

export async function startNeighbours(app: string, token: string): Promise<Neighbours> {
  const server = createRpcServer({
    logger: createLogger('neighbours', 'silent'),
    authenticate: tokenAuthenticator(new Map([[app, token]])),
  });
  let stopped: Promise<void> | undefined;
  const neighbours: Neighbours = {
    port: 0,
    users: new Set(),
    products: new Map(),
    failing: {},
    revertFailure: undefined,
    revertApplies: false,
    revertBarrierKeys: [],
    lastInherited: undefined,
    stop: () => (stopped ??= server.shutdown(0)),
  };
  /** Answers like `answer`, noting what the call inherited. */
  const serve = <T>(work: () => T): Promise<T> => {
    neighbours.lastInherited = server.inherited();
    return answer(work);
  };
  const product = (id: bigint) => {
    const found = neighbours.products.get(id);
    if (!found) throw new AppError('NOT_FOUND', 'product not found');
    return found;
  };

  server.addService('user.User', UserService, {
    login: unimplemented,
    register: unimplemented,
    userInfo: ({ Id }) =>
      serve(() => {
        if (neighbours.failing.userInfo) throw neighbours.failing.userInfo;
        if (!neighbours.users.has(Id)) throw new AppError('NOT_FOUND', 'user not found');
        return { Id, Name: `user ${Id}`, Gender: 0n, Mobile: '' };
      }),
  });
  server.addService('product.Product', ProductService, {
    create: unimplemented,
    update: unimplemented,
    remove: unimplemented,
    detail: ({ id }) =>
      serve(() => {
        if (neighbours.failing.detail) throw neighbours.failing.detail;
        const { price, stock } = product(id);
        return { id, Name: `product ${id}`, Desc: '', Stock: stock, Amount: price, Status: 0n, Uid: 1n };
      }),
    decrStock: unimplemented,
    decrStockRevert: ({ id, num }, call) =>
      serve(() => {
        const keys = Object.entries(call.metadata.getMap()).filter(([key]) => key.startsWith('dtm-'));
        neighbours.revertBarrierKeys.push(Object.fromEntries(keys.map(([key, value]) => [key, String(value)])));
        const failure = neighbours.revertFailure;
        if (!failure || neighbours.revertApplies) product(id).stock += num;
        if (failure) throw failure;
        return {};
      }),
  });
  neighbours.port = await server.listen('127.0.0.1', 0);
  return neighbours;
}

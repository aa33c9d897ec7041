// A stand-in for order-rpc, served over real gRPC: in-memory orders with order-rpc's Detail and Paid rules.
// They exist for fault injection: making a neighbour fail at a chosen step (e.g. a compensation
// that errors) is what a real service cannot be made to do on demand. The same flows against the
// real services, as processes, are in packages/e2e.
import { createLogger } from '@mall/logger';
import { OrderService } from '@mall/proto/order';
import { AppError, checkId, createRpcServer, tokenAuthenticator, type Inherited } from '@mall/rpc';

export interface StandInOrder {
  uid: bigint;
  amount: bigint;
  status: bigint;
}

export interface Neighbours {
  port: number;
  orders: Map<bigint, StandInOrder>;
  /** How many times Paid was called, per order. */
  paidCalls: Map<bigint, number>;
  /** When set, Paid fails with it (once, then clears itself). */
  paidFailure: AppError | undefined;
  /** What the last call served inherited from the call pay-rpc was serving (deadline, request id). */
  lastInherited: Inherited | undefined;
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
  const neighbours: Neighbours = {
    port: 0,
    orders: new Map(),
    paidCalls: new Map(),
    paidFailure: undefined,
    lastInherited: undefined,
    stop: () => server.shutdown(0),
  };

  /** Answers like `answer`, noting what the call inherited. */
  const serve = <T>(work: () => T): Promise<T> => {
    neighbours.lastInherited = server.inherited();
    return answer(work);
  };

  server.addService('order.Order', OrderService, {
    create: unimplemented,
    createRevert: unimplemented,
    update: unimplemented,
    remove: unimplemented,
    list: unimplemented,
    detail: ({ id, Uid }) =>
      serve(() => {
        checkId(Uid, 'Uid');
        const order = neighbours.orders.get(id);
        if (!order || order.uid !== Uid) throw new AppError('NOT_FOUND', 'order not found');
        return { id, Uid: order.uid, Pid: 1n, Amount: order.amount, Status: order.status, Gid: '', Num: 1n };
      }),
    paid: ({ id }) =>
      serve(() => {
        neighbours.paidCalls.set(id, (neighbours.paidCalls.get(id) ?? 0) + 1);
        const failure = neighbours.paidFailure;
        neighbours.paidFailure = undefined;
        if (failure) throw failure;
        const order = neighbours.orders.get(id);
        if (!order) throw new AppError('NOT_FOUND', 'order not found');
        if (order.status === 9n) throw new AppError('FAILED_PRECONDITION', 'order is cancelled');
        order.status = 1n;
        return {};
      }),
  });
  neighbours.port = await server.listen('127.0.0.1', 0);
  return neighbours;
}

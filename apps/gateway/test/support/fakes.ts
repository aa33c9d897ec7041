// In-memory stand-ins for the four rpc services, with the ownership rules the real ones apply
// (another user's order or payment is NOT_FOUND). Every request is recorded for assertions.
import type { DetailResponse as OrderRow } from '@mall/proto/order';
import type { DetailResponse as PayRow } from '@mall/proto/pay';
import type { DetailResponse as ProductRow } from '@mall/proto/product';
import { AppError } from '@mall/rpc';
import type { Clients } from '../../src/clients.js';
import type { OrderSagas, PlaceOrder, PlacementOutcome } from '../../src/orders/order-saga.js';

interface UserRow {
  Id: bigint;
  Name: string;
  Gender: bigint;
  Mobile: string;
  password: string;
}

export interface Fakes {
  clients: Clients;
  users: Map<bigint, UserRow>;
  products: Map<bigint, ProductRow>;
  orders: Map<bigint, OrderRow>;
  pays: Map<bigint, PayRow>;
  /** `service.method` → requests received, in order. */
  calls: Map<string, unknown[]>;
  lastCall(name: string): unknown;
  /**
   * Runs order sagas the way the real saga ends: an order keyed by the gid and stock taken, or
   * nothing at all. Placements are recorded under `saga.place`.
   */
  sagas: OrderSagas;
  /** Makes the next placement end this way (or throw this error) instead. */
  nextPlacement?: PlacementOutcome | Error;
}

export function createFakes(): Fakes {
  const users = new Map<bigint, UserRow>();
  const products = new Map<bigint, ProductRow>();
  const orders = new Map<bigint, OrderRow>();
  const pays = new Map<bigint, PayRow>();
  const calls = new Map<string, unknown[]>();
  // Settles asynchronously, and a throw inside becomes a rejection, like a real call.
  const later = <T>(run: () => T): Promise<T> => Promise.resolve().then(run);
  let nextId = 1n;
  const record = (name: string, request: unknown) => calls.set(name, [...(calls.get(name) ?? []), request]);
  const found = <T>(row: T | undefined, what: string): T => {
    if (!row) throw new AppError('NOT_FOUND', `${what} not found`);
    return row;
  };
  const ownOrder = (id: bigint, uid: bigint) =>
    found(
      [orders.get(id)].find((row) => row?.Uid === uid),
      'order',
    );

  const clients: Clients = {
    user: {
      register: (request) =>
        later(() => {
          record('user.register', request);
          if ([...users.values()].some((row) => row.Mobile === request.Mobile)) {
            throw new AppError('ALREADY_EXISTS', 'this mobile is already registered');
          }
          const row = { ...request, Id: nextId++, password: request.Password };
          users.set(row.Id, row);
          return { Id: row.Id, Name: row.Name, Gender: row.Gender, Mobile: row.Mobile };
        }),
      login: (request) =>
        later(() => {
          record('user.login', request);
          const row = [...users.values()].find((user) => user.Mobile === request.Mobile);
          if (!row || row.password !== request.Password)
            throw new AppError('UNAUTHENTICATED', 'wrong mobile or password');
          return { Id: row.Id, Name: row.Name, Gender: row.Gender, Mobile: row.Mobile };
        }),
      userInfo: (request) =>
        later(() => {
          record('user.userInfo', request);
          const row = found(users.get(request.Id), 'user');
          return { Id: row.Id, Name: row.Name, Gender: row.Gender, Mobile: row.Mobile };
        }),
    },

    product: {
      create: (request) =>
        later(() => {
          record('product.create', request);
          const id = nextId++;
          products.set(id, { ...request, id });
          return { id };
        }),
      update: (request) =>
        later(() => {
          record('product.update', request);
          const row = found(products.get(request.id), 'product');
          const { id: _id, Uid: _uid, ...changes } = request;
          for (const [key, value] of Object.entries(changes))
            if (value !== undefined) Object.assign(row, { [key]: value });
          return {};
        }),
      remove: (request) =>
        later(() => {
          record('product.remove', request);
          found(products.get(request.id), 'product');
          products.delete(request.id);
          return {};
        }),
      detail: (request) =>
        later(() => {
          record('product.detail', request);
          return found(products.get(request.id), 'product');
        }),
    },

    order: {
      update: (request) =>
        later(() => {
          record('order.update', request);
          const row = ownOrder(request.id, request.Uid);
          if (request.Pid !== undefined) row.Pid = request.Pid;
          if (request.Amount !== undefined) row.Amount = request.Amount;
          if (request.Status !== undefined) row.Status = request.Status;
          return {};
        }),
      remove: (request) =>
        later(() => {
          record('order.remove', request);
          orders.delete(ownOrder(request.id, request.Uid).id);
          return {};
        }),
      detail: (request) =>
        later(() => {
          record('order.detail', request);
          if (request.Gid === '') return ownOrder(request.id, request.Uid);
          return found(
            [...orders.values()].find((row) => row.Gid === request.Gid && row.Uid === request.Uid),
            'order',
          );
        }),
      list: (request) =>
        later(() => {
          record('order.list', request);
          const mine = [...orders.values()].filter((row) => row.Uid === request.uid);
          const page = request.Page || 1n;
          const size = request.PageSize || 100n;
          const start = Number((page - 1n) * size);
          return { data: mine.slice(start, start + Number(size)) };
        }),
    },

    pay: {
      create: (request) =>
        later(() => {
          record('pay.create', request);
          ownOrder(request.Oid, request.Uid);
          const id = nextId++;
          pays.set(id, { id, Uid: request.Uid, Oid: request.Oid, Amount: request.Amount, Source: 0n, Status: 0n });
          return { id };
        }),
      detail: (request) =>
        later(() => {
          record('pay.detail', request);
          return found(
            [pays.get(request.id)].find((row) => row?.Uid === request.Uid),
            'payment',
          );
        }),
      callback: (request) =>
        later(() => {
          record('pay.callback', request);
          const row = found(
            [pays.get(request.id)].find((pay) => pay?.Uid === request.Uid),
            'payment',
          );
          if (row.Amount !== request.Amount)
            throw new AppError('FAILED_PRECONDITION', 'amount does not match the payment');
          row.Source = request.Source;
          row.Status = request.Status;
          return {};
        }),
    },
  };

  const runSaga = ({ uid, pid, num, gid, wait }: PlaceOrder): PlacementOutcome => {
    if ([...orders.values()].some((row) => row.Gid === gid)) return { kind: 'succeeded' };
    const product = products.get(pid);
    if (!product) return { kind: 'rolled-back', reason: 'product not found' };
    if (product.Stock < BigInt(num)) return { kind: 'rolled-back', reason: 'insufficient stock' };
    product.Stock -= BigInt(num);
    const id = nextId++;
    const Num = BigInt(num);
    orders.set(id, { id, Uid: uid, Pid: pid, Amount: product.Amount * Num, Status: 0n, Gid: gid, Num });
    return wait ? { kind: 'succeeded' } : { kind: 'accepted' };
  };

  const fakes: Fakes = {
    clients,
    users,
    products,
    orders,
    pays,
    calls,
    lastCall: (name) => calls.get(name)?.at(-1),
    sagas: {
      place: (order) =>
        later(() => {
          record('saga.place', order);
          const next = fakes.nextPlacement;
          fakes.nextPlacement = undefined;
          if (next instanceof Error) throw next;
          return next ?? runSaga(order);
        }),
    },
  };
  return fakes;
}

import { describe, expect, it, vi } from 'vitest';
import { Metadata } from '@grpc/grpc-js';
import type { Logger } from '@mall/logger';
import { AppError, type CallContext } from '@mall/rpc';
import type { OrderRepo, OrderRow } from '../repo/order-repo.js';
import type { ServiceContext } from '../service-context.js';
import { update } from './update.js';

const order: OrderRow = { id: 7n, uid: 3n, pid: 11n, amount: 20n, status: 0, num: 2, gid: null };

/** Cancels order 7 while DecrStockRevert fails with `failure`; returns what happened. */
async function cancelWhileRevertFails(failure: AppError) {
  const orders = {
    findOwned: vi.fn(() => Promise.resolve(order)),
    cancel: vi.fn(() => Promise.resolve(true)),
    reopen: vi.fn(() => Promise.resolve(true)),
  };
  const ctx = {
    orders: orders as unknown as OrderRepo,
    products: { decrStockRevert: vi.fn(() => Promise.reject(failure)) },
  } as unknown as ServiceContext;
  const error = vi.fn();
  const call: CallContext = { metadata: new Metadata(), caller: 'gateway', logger: { error } as unknown as Logger };
  const outcome = await update({ id: order.id, Uid: order.uid, Status: 9n }, ctx, call).catch((e: unknown) => e);
  return { outcome, reopened: orders.reopen.mock.calls.length > 0, logged: error.mock.calls };
}

describe('cancelling when the stock give-back fails', () => {
  it('reopens the order, logging nothing, when product-rpc was not reached', async () => {
    const failure = new AppError('UNAVAILABLE', 'product.rpc is unavailable: no connection');
    expect(await cancelWhileRevertFails(failure)).toEqual({ outcome: failure, reopened: true, logged: [] });
  });

  it('keeps it cancelled and logs what to reconcile when the give-back may have happened', async () => {
    const failure = new AppError('DEADLINE_EXCEEDED', 'product.rpc is unavailable: deadline exceeded');
    expect(await cancelWhileRevertFails(failure)).toEqual({
      outcome: failure,
      reopened: false,
      logged: [[{ err: failure, orderId: '7', pid: '11', num: 2 }, 'stock give-back uncertain; reconcile']],
    });
  });
});

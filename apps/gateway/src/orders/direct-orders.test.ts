import type { Metadata } from '@grpc/grpc-js';
import { AppError } from '@mall/rpc';
import { describe, expect, it } from 'vitest';
import { createDirectOrders, type BranchOrderClient, type BranchProductClient } from './direct-orders.js';

type Answer = Error | { id?: bigint };

/** Branch clients that record each call as `method branch op` and answer from `answers` (default: success). */
function branches(answers: Record<string, Answer> = {}) {
  const calls: string[] = [];
  const seen: Record<string, string>[] = [];
  const call = (method: string) => (_request: unknown, metadata?: Metadata) => {
    const values = metadata?.getMap() ?? {};
    seen.push(Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)])));
    calls.push(`${method} ${String(values['dtm-branch_id'])} ${String(values['dtm-op'])}`);
    const answer = answers[method] ?? { id: 7n };
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve({ id: answer.id ?? 0n });
  };
  const order: BranchOrderClient = { create: call('Create'), createRevert: call('CreateRevert') };
  const product: BranchProductClient = { decrStock: call('DecrStock'), decrStockRevert: call('DecrStockRevert') };
  return { sagas: createDirectOrders({ order, product }), calls, seen };
}

const placing = { uid: 1n, pid: 2n, num: 3, gid: 'order-1-abc', wait: true };

describe('direct order placement (the no-saga baseline)', () => {
  it('runs Create then DecrStock with the barrier metadata DTM sends', async () => {
    const { sagas, calls, seen } = branches();
    await expect(sagas.place({ ...placing, fault: 'decr-stock-after-commit' })).resolves.toEqual({
      kind: 'succeeded',
    });
    expect(calls).toEqual(['Create 01 action', 'DecrStock 02 action']);
    expect(seen[1]).toEqual({
      'dtm-gid': 'order-1-abc',
      'dtm-trans_type': 'saga',
      'dtm-branch_id': '02',
      'dtm-op': 'action',
      'x-mall-fault': 'decr-stock-after-commit',
    });
  });

  it('undoes both steps, last first, when DecrStock is refused for good', async () => {
    const { sagas, calls } = branches({ DecrStock: new AppError('ABORTED', 'insufficient stock') });
    await expect(sagas.place(placing)).resolves.toEqual({ kind: 'rolled-back', reason: 'insufficient stock' });
    expect(calls).toEqual([
      'Create 01 action',
      'DecrStock 02 action',
      'DecrStockRevert 02 compensate',
      'CreateRevert 01 compensate',
    ]);
  });

  it('undoes Create alone when Create is refused', async () => {
    const { sagas, calls } = branches({ Create: new AppError('ABORTED', 'product not found') });
    await expect(sagas.place(placing)).resolves.toEqual({ kind: 'rolled-back', reason: 'product not found' });
    expect(calls).toEqual(['Create 01 action', 'CreateRevert 01 compensate']);
  });

  it('reads a repeated Create without an order as rolled back earlier, and takes no stock', async () => {
    const { sagas, calls } = branches({ Create: { id: 0n } });
    await expect(sagas.place(placing)).resolves.toEqual({
      kind: 'rolled-back',
      reason: 'this order was rolled back earlier',
    });
    expect(calls).toEqual(['Create 01 action']);
  });

  it('answers UNAVAILABLE, compensating nothing, when a step fails in any other way', async () => {
    const { sagas, calls } = branches({ DecrStock: new AppError('DEADLINE_EXCEEDED', 'too slow') });
    await expect(sagas.place(placing)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('DecrStock (DEADLINE_EXCEEDED: too slow)') as unknown,
    });
    expect(calls).toEqual(['Create 01 action', 'DecrStock 02 action']);
  });
});

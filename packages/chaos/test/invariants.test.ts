// Each invariant of the chaos run catches the fault it is for: the checker runs on hand-made
// database snapshots, one broken in exactly one way per case.
import { describe, expect, it } from 'vitest';
import { checkInvariants, type ClientView } from '../src/invariants.js';
import type { BarrierRow, Snapshot } from '../src/snapshot.js';

const rows = (gid: string, ...entries: string[]): BarrierRow[] =>
  entries.map((entry) => {
    const [branchId, op, reason] = entry.split(' ') as [string, string, string];
    return { gid, branchId, op, reason };
  });

/** Product 1 (stock 10): g1 bought 3 and succeeded; g2 was rolled back after its stock step failed. */
function healthy(): Snapshot {
  return {
    sagas: [
      { gid: 'g1', status: 'succeed', rollbackReason: '' },
      { gid: 'g2', status: 'failed', rollbackReason: 'insufficient stock' },
    ],
    orders: [
      { id: 1, gid: 'g1', pid: 1, num: 3, status: 0 },
      { id: 2, gid: 'g2', pid: 1, num: 9, status: 9 },
    ],
    stock: new Map([[1, 7]]),
    barrier: [
      ...rows('g1', '01 action action', '02 action action'),
      ...rows('g2', '01 action action', '01 compensate compensate', '02 action compensate', '02 compensate compensate'),
    ],
  };
}
const initial = new Map([[1, 10]]);
const told: ClientView[] = [
  { gid: 'g1', outcome: 'succeeded' },
  { gid: 'g2', outcome: 'rolled-back' },
];
const rules = (snapshot: Snapshot, views: ClientView[] = told) =>
  checkInvariants(snapshot, initial, views).map((violation) => violation.rule);

describe('chaos invariants', () => {
  it('find nothing wrong in a consistent snapshot', () => {
    expect(checkInvariants(healthy(), initial, told)).toEqual([]);
  });

  it('catch a saga that never ended', () => {
    const snapshot = healthy();
    snapshot.sagas[1]!.status = 'aborting';
    expect(rules(snapshot)).toContain('every saga ended');
  });

  it('catch lost or doubled stock', () => {
    const lost = healthy();
    lost.stock.set(1, 6);
    expect(rules(lost)).toEqual(['stock conserved']);
    const doubled = healthy();
    doubled.stock.set(1, 8);
    expect(rules(doubled)).toEqual(['stock conserved']);
  });

  it('catch an open order without stock and a cancelled order still holding stock', () => {
    const unpaidWithoutStock = healthy();
    unpaidWithoutStock.barrier = unpaidWithoutStock.barrier.filter(
      (row) => !(row.gid === 'g1' && row.branchId === '02'),
    );
    expect(rules(unpaidWithoutStock)).toEqual(
      expect.arrayContaining(['order status matches stock', 'saga outcome matches order']),
    );
    const cancelledHolding = healthy();
    cancelledHolding.barrier = cancelledHolding.barrier.filter((row) => !(row.gid === 'g2' && row.branchId === '02'));
    cancelledHolding.barrier.push(...rows('g2', '02 action action'));
    expect(rules(cancelledHolding)).toEqual(
      expect.arrayContaining(['order status matches stock', 'saga outcome matches order']),
    );
  });

  it('catch a second order for one gid, and an order DTM never heard of', () => {
    const twice = healthy();
    twice.orders.push({ id: 3, gid: 'g1', pid: 1, num: 3, status: 0 });
    expect(rules(twice)).toContain('one order per gid');
    const stray = healthy();
    stray.orders.push({ id: 4, gid: 'g9', pid: 1, num: 1, status: 9 });
    expect(rules(stray)).toContain('one order per gid');
  });

  it('catch barrier anomalies: a compensation without its action, a null compensation whose write ran', () => {
    const orphan = healthy();
    orphan.barrier.push(...rows('g3', '02 compensate compensate'));
    expect(rules(orphan)).toContain('no barrier anomaly');
    const wroteAnyway = healthy();
    wroteAnyway.barrier = wroteAnyway.barrier.filter((row) => !(row.gid === 'g2' && row.branchId === '01'));
    wroteAnyway.barrier.push(...rows('g2', '01 action compensate', '01 compensate compensate'));
    expect(rules(wroteAnyway)).toEqual(['no barrier anomaly']);
  });

  it('catch a client told success for a saga that failed', () => {
    expect(rules(healthy(), [{ gid: 'g2', outcome: 'succeeded' }])).toEqual(['client told the truth']);
  });
});

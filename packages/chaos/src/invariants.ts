import type { Outcome } from './load.js';
import type { BarrierRow, OrderRow, Snapshot } from './snapshot.js';

export interface Violation {
  rule: string;
  detail: string;
}

/** What the client was told about one saga (orders placed without any answer have no gid). */
export interface ClientView {
  gid: string;
  outcome: Outcome;
}

const ORDER_BRANCH = '01';
const STOCK_BRANCH = '02';
const UNPAID = 0;
const CANCELLED = 9;

interface BranchBarrier {
  /** The action's row written by the action itself: its business write committed. */
  actionRan: boolean;
  /** The action's row written by a compensation that found no action: a null compensation. */
  nullCompensation: boolean;
  compensated: boolean;
}

function barrierByBranch(rows: readonly BarrierRow[]): Map<string, BranchBarrier> {
  const branches = new Map<string, BranchBarrier>();
  for (const row of rows) {
    const key = `${row.gid}\u0000${row.branchId}`;
    const branch = branches.get(key) ?? { actionRan: false, nullCompensation: false, compensated: false };
    if (row.op === 'action' && row.reason === 'action') branch.actionRan = true;
    if (row.op === 'action' && row.reason === 'compensate') branch.nullCompensation = true;
    if (row.op === 'compensate' && row.reason === 'compensate') branch.compensated = true;
    branches.set(key, branch);
  }
  return branches;
}

/**
 * The chaos run's invariants over what the databases hold after convergence, and over what the
 * client was told. `initialStock` is each product's stock before the first order.
 */
export function checkInvariants(
  snapshot: Snapshot,
  initialStock: ReadonlyMap<number, number>,
  clientViews: readonly ClientView[],
): Violation[] {
  const violations: Violation[] = [];
  const violate = (rule: string, detail: string) => violations.push({ rule, detail });
  const sagas = new Map(snapshot.sagas.map((saga) => [saga.gid, saga.status]));
  const branches = barrierByBranch(snapshot.barrier);
  const branch = (gid: string, id: string) =>
    branches.get(`${gid}\u0000${id}`) ?? { actionRan: false, nullCompensation: false, compensated: false };
  /** The stock step took its units and no compensation gave them back. */
  const stockHeld = (gid: string) => {
    const stock = branch(gid, STOCK_BRANCH);
    return stock.actionRan && !stock.compensated;
  };

  const ended = (gid: string) => ['succeed', 'failed'].includes(sagas.get(gid) ?? '');
  for (const [gid, status] of sagas) {
    if (!ended(gid)) violate('every saga ended', `${gid} is still ${status}`);
  }
  // A saga still running may hold an open order without stock yet: the checks below judge ended sagas
  // only, and products none of whose sagas is still running, so one stuck saga is reported once.
  const busyProducts = new Set(snapshot.orders.flatMap((order) => (order.gid && !ended(order.gid) ? [order.pid] : [])));

  const ordersByGid = new Map<string, OrderRow>();
  for (const order of snapshot.orders) {
    if (order.gid === null) {
      violate('one order per gid', `order ${order.id} has no gid`);
      continue;
    }
    if (ordersByGid.has(order.gid)) violate('one order per gid', `${order.gid} has several orders`);
    ordersByGid.set(order.gid, order);
    if (!sagas.has(order.gid)) violate('one order per gid', `order ${order.id}'s saga ${order.gid} is unknown to DTM`);
    if (!ended(order.gid)) continue;
    const held = stockHeld(order.gid);
    if (order.status === UNPAID && !held) {
      violate('order status matches stock', `order ${order.id} (${order.gid}) is unpaid but holds no stock`);
    } else if (order.status === CANCELLED && held) {
      violate('order status matches stock', `order ${order.id} (${order.gid}) is cancelled but still holds stock`);
    } else if (order.status !== UNPAID && order.status !== CANCELLED) {
      violate('order status matches stock', `order ${order.id} has status ${order.status}; nobody paid`);
    }
  }

  const sold = new Map<number, number>();
  for (const [gid, status] of sagas) {
    const order = ordersByGid.get(gid);
    const held = stockHeld(gid);
    if (status === 'succeed') {
      if (order?.status !== UNPAID) violate('saga outcome matches order', `${gid} succeeded without an open order`);
      if (!held) violate('saga outcome matches order', `${gid} succeeded without taking stock`);
      if (order) sold.set(order.pid, (sold.get(order.pid) ?? 0) + order.num);
    } else if (status === 'failed') {
      if (order && order.status !== CANCELLED) {
        violate('saga outcome matches order', `${gid} failed but its order ${order.id} has status ${order.status}`);
      }
      if (held) violate('saga outcome matches order', `${gid} failed but its stock was not given back`);
    }
  }

  for (const [pid, initial] of initialStock) {
    if (busyProducts.has(pid)) continue;
    const current = snapshot.stock.get(pid);
    const units = sold.get(pid) ?? 0;
    if (current === undefined || initial !== current + units) {
      violate('stock conserved', `product ${pid}: initial ${initial} ≠ current ${current} + sold ${units}`);
    }
  }

  checkBarrier(snapshot.barrier, branches, ordersByGid, violate);

  for (const view of clientViews) {
    const status = sagas.get(view.gid);
    const told =
      (view.outcome === 'succeeded' && status !== 'succeed') ||
      (view.outcome === 'rolled-back' && status !== 'failed') ||
      (view.outcome === 'unfinished' && status === undefined);
    if (told)
      violate('client told the truth', `${view.gid}: client saw ${view.outcome}, saga is ${status ?? 'missing'}`);
  }
  return violations;
}

function checkBarrier(
  rows: readonly BarrierRow[],
  branches: ReadonlyMap<string, BranchBarrier>,
  ordersByGid: ReadonlyMap<string, OrderRow>,
  violate: (rule: string, detail: string) => void,
): void {
  for (const row of rows) {
    const known =
      [ORDER_BRANCH, STOCK_BRANCH].includes(row.branchId) &&
      ((row.op === 'action' && (row.reason === 'action' || row.reason === 'compensate')) ||
        (row.op === 'compensate' && row.reason === 'compensate'));
    if (!known) violate('no barrier anomaly', `${row.gid} ${row.branchId}: unexpected row ${row.op}/${row.reason}`);
  }
  for (const [key, branch] of branches) {
    const [gid, branchId] = key.split('\u0000') as [string, string];
    const where = `${gid} branch ${branchId}`;
    if (branch.compensated && !branch.actionRan && !branch.nullCompensation) {
      violate('no barrier anomaly', `${where}: a compensation with no action row`);
    }
    if (branch.nullCompensation && !branch.compensated) {
      violate('no barrier anomaly', `${where}: a null-compensation guard without its compensation`);
    }
    if (branchId === ORDER_BRANCH && branch.nullCompensation && ordersByGid.has(gid)) {
      violate('no barrier anomaly', `${where}: null compensation, yet the order was written`);
    }
    if (branchId === ORDER_BRANCH && branch.actionRan && !ordersByGid.has(gid)) {
      violate('no barrier anomaly', `${where}: the action ran, yet there is no order`);
    }
  }
}

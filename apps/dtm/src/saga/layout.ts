import type { Branch } from '../trans/types.js';

export interface SagaStep {
  index: number;
  compensate: Branch;
  action: Branch;
}

/** How steps may run: all in order, or concurrently with `orders` (step → steps it waits for). */
export interface SagaLayout {
  concurrent: boolean;
  prerequisites: (step: number) => number[];
  /** The steps that wait for `step`, whose rollback must come first. */
  dependents: (step: number) => number[];
}

function readOrders(raw: unknown): Map<number, number[]> {
  const orders = new Map<number, number[]>();
  if (typeof raw !== 'object' || raw === null) return orders;
  for (const [step, before] of Object.entries(raw)) {
    if (Array.isArray(before)) orders.set(Number(step), before.map(Number).filter(Number.isInteger));
  }
  return orders;
}

/** Reads saga `custom_data` (`{"concurrent":true,"orders":{"1":[0]}}`); anything unreadable means sequential. */
export function sagaLayout(customData: string): SagaLayout {
  let parsed: { concurrent?: unknown; orders?: unknown } = {};
  try {
    parsed = customData ? (JSON.parse(customData) as typeof parsed) : {};
  } catch {
    parsed = {};
  }
  const orders = readOrders(parsed.orders);
  const dependents = new Map<number, number[]>();
  for (const [step, before] of orders) {
    for (const prerequisite of before) dependents.set(prerequisite, [...(dependents.get(prerequisite) ?? []), step]);
  }
  return {
    concurrent: parsed.concurrent === true,
    prerequisites: (step) => orders.get(step) ?? [],
    dependents: (step) => dependents.get(step) ?? [],
  };
}

/**
 * Why the actions of a saga of `stepCount` steps could never all run under `layout`: a step waits
 * for one that does not exist, or steps wait for each other in a cycle. Undefined when they can.
 */
export function layoutProblem(layout: SagaLayout, stepCount: number): string | undefined {
  const waiting: number[] = [];
  for (let step = 0; step < stepCount; step++) {
    const before = layout.prerequisites(step);
    const missing = before.find((index) => index < 0 || index >= stepCount);
    if (missing !== undefined) return `step ${step} waits for step ${missing}, which does not exist`;
    waiting.push(before.length);
  }
  // Run the steps in an order the layout allows; those never ready wait in a cycle.
  const ready = waiting.flatMap((count, step) => (count === 0 ? [step] : []));
  let ran = 0;
  for (let step = ready.pop(); step !== undefined; step = ready.pop()) {
    ran += 1;
    for (const next of layout.dependents(step)) {
      if (next < stepCount && --waiting[next]! === 0) ready.push(next);
    }
  }
  if (ran === stepCount) return undefined;
  const stuck = waiting.flatMap((count, step) => (count > 0 ? [step] : []));
  return `steps ${stuck.slice(0, 10).join(', ')} wait for each other in a cycle`;
}

/** Pairs the stored rows into steps; rows come compensate-then-action per branch id. */
export function sagaSteps(branches: Branch[]): SagaStep[] {
  const byId = new Map<string, Partial<Pick<SagaStep, 'compensate' | 'action'>>>();
  for (const branch of branches) {
    if (branch.op !== 'action' && branch.op !== 'compensate') continue;
    byId.set(branch.branchId, { ...byId.get(branch.branchId), [branch.op]: branch });
  }
  return [...byId.entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .flatMap(([, pair], index) =>
      pair.action && pair.compensate ? [{ index, action: pair.action, compensate: pair.compensate }] : [],
    );
}

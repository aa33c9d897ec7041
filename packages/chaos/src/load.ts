import { setTimeout as sleep } from 'node:timers/promises';
import { post } from './http.js';
import type { Prng } from './prng.js';
import type { Shop } from './seed.js';

export interface OrderPlan {
  shopper: number;
  pid: number;
  num: number;
  /** Sent as Idempotency-Key, so a retry after a 503 names the same saga and the same order. */
  key: string;
}

/**
 * What the client was told in the end, after retrying 503s and missing answers:
 * `succeeded` 200, `rolled-back` 409, `unfinished` 202, `unavailable` still 503 (or no answer) after
 * every retry, `unexpected` anything else (a bug: printed and failing the run).
 */
export type Outcome = 'succeeded' | 'rolled-back' | 'unfinished' | 'unavailable' | 'unexpected';

export interface PlacedOrder extends OrderPlan {
  /** From the X-Order-Gid header, which every answer carries. */
  gid?: string;
  outcome: Outcome;
  attempts: number;
}

export interface LoadResult {
  placed: PlacedOrder[];
  /** Every answer, retries included, by HTTP status (`0` = no answer). */
  responses: Record<string, number>;
  /** Answers other than 200/202/409/503, with their body: must be none. */
  unexpected: string[];
  /** Orders never started because the time limit came first. */
  notPlaced: number;
}

const MAX_ATTEMPTS = 8;

export function planOrders(prng: Prng, shop: Shop, orders: number, maxNum: number): OrderPlan[] {
  return Array.from({ length: orders }, () => ({
    shopper: prng.int(0, shop.shoppers.length - 1),
    pid: prng.pick(shop.productIds),
    num: prng.int(1, maxNum),
    key: prng.hex(24),
  }));
}

async function placeOne(gatewayUrl: string, shop: Shop, order: OrderPlan, load: LoadResult): Promise<PlacedOrder> {
  const headers = {
    authorization: `Bearer ${shop.shoppers[order.shopper]!.token}`,
    'idempotency-key': order.key,
  };
  let gid: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const reply = await post(gatewayUrl, '/api/order/create', { pid: order.pid, num: order.num }, headers);
    load.responses[reply.status] = (load.responses[reply.status] ?? 0) + 1;
    gid = reply.headers.get('x-order-gid') ?? gid;
    const done = (outcome: Outcome): PlacedOrder => ({ ...order, gid, outcome, attempts: attempt });
    switch (reply.status) {
      case 200:
        return done('succeeded');
      case 409:
        return done('rolled-back');
      case 202:
        return done('unfinished');
      case 0:
      case 503:
        if (attempt === MAX_ATTEMPTS) return done('unavailable');
        await sleep(Math.min(3_000, 250 * 2 ** (attempt - 1)));
        continue;
      default:
        load.unexpected.push(`${reply.status} ${reply.text.slice(0, 300)}`);
        return done('unexpected');
    }
  }
}

/**
 * Places the planned orders, paced evenly over `durationMs` with at most `concurrency` in flight;
 * none is started after 2 × `durationMs` (retries during outages hold a slot each). Resolves when every started order has its answer.
 */
export async function placeOrders(
  gatewayUrl: string,
  shop: Shop,
  plan: readonly OrderPlan[],
  { concurrency, durationMs }: { concurrency: number; durationMs: number },
): Promise<LoadResult> {
  const load: LoadResult = { placed: [], responses: {}, unexpected: [], notPlaced: 0 };
  const started = performance.now();
  const spacing = durationMs / plan.length;
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < plan.length; index = next++) {
      const due = started + index * spacing - performance.now();
      if (due > 0) await sleep(due);
      if (performance.now() - started > durationMs * 2) {
        load.notPlaced++;
        continue;
      }
      load.placed.push(await placeOne(gatewayUrl, shop, plan[index]!, load));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, plan.length) }, worker));
  return load;
}

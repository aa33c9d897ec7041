import { Counter, type Registry } from 'prom-client';
import type { OrderSagas, PlacementOutcome } from './order-saga.js';

/** How `POST /api/order/create` placed orders: `saga` on the DTM server, or the `direct` benchmark baseline. */
export type OrderCreateMode = 'saga' | 'direct';

const OUTCOME: Record<PlacementOutcome['kind'], string> = {
  succeeded: 'created',
  'rolled-back': 'aborted',
  accepted: 'pending',
  unfinished: 'pending',
};

/**
 * Counts every placement in `mall_order_create_total{mode,outcome}`: `created`, `aborted` (rolled
 * back), `pending` (accepted or still being retried by DTM) or `unavailable` (the coordinator could
 * not be asked; the order may or may not exist).
 */
export function countedOrderSagas(sagas: OrderSagas, registry: Registry, mode: OrderCreateMode): OrderSagas {
  const placed = new Counter({
    name: 'mall_order_create_total',
    help: 'Orders placed through POST /api/order/create, by mode and outcome',
    labelNames: ['mode', 'outcome'],
    registers: [registry],
  });
  for (const outcome of [...new Set(Object.values(OUTCOME)), 'unavailable']) placed.inc({ mode, outcome }, 0);
  return {
    async place(order) {
      try {
        const outcome = await sagas.place(order);
        placed.inc({ mode, outcome: OUTCOME[outcome.kind] });
        return outcome;
      } catch (error) {
        placed.inc({ mode, outcome: 'unavailable' });
        throw error;
      }
    },
  };
}

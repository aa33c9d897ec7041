import { AppError, checkId } from '@mall/rpc';
import type { PaidRequest, PaidResponse } from '@mall/proto/order';
import { planPaid } from '../domain/status.js';
import { orderNotFound } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';

/** Marks an unpaid order paid (pay-rpc's callback); idempotent, and never for a cancelled order. */
export async function paid(request: PaidRequest, ctx: ServiceContext): Promise<PaidResponse> {
  checkId(request.id);
  const order = await ctx.orders.findById(request.id);
  if (!order) throw orderNotFound();
  if (planPaid(order.status) === 'keep' || (await ctx.orders.markPaid(order.id))) return {};

  // Changed since it was read (paid or cancelled concurrently): judge again.
  const fresh = await ctx.orders.findById(order.id);
  if (!fresh) throw orderNotFound();
  if (planPaid(fresh.status) === 'keep') return {};
  throw new AppError('ABORTED', 'the order changed while paying it; try again');
}

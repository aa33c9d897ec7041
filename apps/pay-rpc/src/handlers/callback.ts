import { AppError, checkId } from '@mall/rpc';
import type { CallbackRequest, CallbackResponse } from '@mall/proto/pay';
import { checkCallbackMatches, checkSource, paymentNotFound } from '../domain/rules.js';
import { planCallback } from '../domain/status.js';
import type { ServiceContext } from '../service-context.js';

/**
 * Records the outcome of a payment. On success the order is marked paid first and the payment
 * second, so a callback retried after a failure in between completes the job; replays change nothing.
 * A failure never touches the order (bug 6).
 */
export async function callback(request: CallbackRequest, ctx: ServiceContext): Promise<CallbackResponse> {
  const { id, Uid, Oid, Source, Status } = request;
  checkId(id);
  checkId(Uid, 'Uid');
  checkId(Oid, 'Oid');
  checkSource(Source);
  const payment = await ctx.payments.findOwned(id, Uid);
  if (!payment) throw paymentNotFound();
  checkCallbackMatches(payment, request);

  const plan = planCallback(payment.status, Status);
  if (plan === 'pay') {
    await ctx.orders.paid({ id: Oid });
    await ctx.payments.markPaid(id, Number(Source));
  } else if (plan === 'fail' && !(await ctx.payments.markFailed(id, Number(Source)))) {
    throw new AppError('FAILED_PRECONDITION', 'payment already succeeded');
  }
  return {};
}

import { checkId } from '@mall/rpc';
import type { DetailRequest, DetailResponse } from '@mall/proto/pay';
import { paymentNotFound } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';

export async function detail(request: DetailRequest, ctx: ServiceContext): Promise<DetailResponse> {
  checkId(request.id);
  checkId(request.Uid, 'Uid');
  const payment = await ctx.payments.findOwned(request.id, request.Uid);
  if (!payment) throw paymentNotFound();
  return {
    id: payment.id,
    Uid: payment.uid,
    Oid: payment.oid,
    Amount: payment.amount,
    Source: BigInt(payment.source),
    Status: BigInt(payment.status),
  };
}

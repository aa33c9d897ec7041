import { AppError, checkId } from '@mall/rpc';
import type { CreateRequest, CreateResponse } from '@mall/proto/pay';
import { checkPayable } from '../domain/status.js';
import { DuplicateOrderPaymentError } from '../repo/pay-repo.js';
import type { ServiceContext } from '../service-context.js';

/** Opens the one payment of one of the caller's unpaid orders, for exactly its amount. */
export async function create(request: CreateRequest, ctx: ServiceContext): Promise<CreateResponse> {
  const { Uid, Oid, Amount } = request;
  checkId(Uid, 'Uid');
  checkId(Oid, 'Oid');
  checkPayable(await ctx.orders.detail({ id: Oid, Uid, Gid: '' }), Amount);
  try {
    return { id: await ctx.payments.insert({ uid: Uid, oid: Oid, amount: Amount }) };
  } catch (error) {
    if (error instanceof DuplicateOrderPaymentError) {
      throw new AppError('ALREADY_EXISTS', 'a payment for this order already exists');
    }
    throw error;
  }
}

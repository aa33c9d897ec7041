import { AppError, type CallContext, checkId, isAppError } from '@mall/rpc';
import type { CreateRequest, CreateResponse } from '@mall/proto/order';
import { orderAmount } from '../domain/amount.js';
import { orderGid, orderNum } from '../domain/rules.js';
import { DuplicateGidError } from '../repo/order-repo.js';
import type { ServiceContext } from '../service-context.js';

const DUPLICATE_GID = 'an order for this Gid already exists';

/**
 * Takes the stock, then records the order, priced by the product (the request's Amount and Status
 * are ignored). A failed insert gives the stock back.
 */
export async function create(request: CreateRequest, ctx: ServiceContext, call: CallContext): Promise<CreateResponse> {
  const { Uid, Pid } = request;
  checkId(Uid, 'Uid');
  checkId(Pid, 'Pid');
  const num = orderNum(request.Num);
  const gid = orderGid(request.Gid);
  await ctx.users.userInfo({ Id: Uid }).catch((error: unknown) => {
    throw isAppError(error) && error.code === 'NOT_FOUND' ? new AppError('NOT_FOUND', 'user not found') : error;
  });
  const product = await ctx.products.detail({ id: Pid });
  const amount = orderAmount(product.Amount, num);
  if (gid !== null && (await ctx.orders.findByGid(gid))) throw new AppError('ALREADY_EXISTS', DUPLICATE_GID);

  const stock = { id: Pid, num: BigInt(num) };
  await ctx.products.decrStock(stock);
  try {
    return { id: await ctx.orders.insert({ uid: Uid, pid: Pid, amount, num, gid }) };
  } catch (error) {
    await ctx.products.decrStockRevert(stock).catch((revertError: unknown) => {
      call.logger.error(
        { err: revertError, pid: String(Pid), num },
        'could not give back the stock of an order not recorded',
      );
    });
    if (error instanceof DuplicateGidError) throw new AppError('ALREADY_EXISTS', DUPLICATE_GID);
    throw error;
  }
}

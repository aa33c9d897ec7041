import { checkId } from '@mall/rpc';
import type { RemoveRequest, RemoveResponse } from '@mall/proto/product';
import { accessError } from '../domain/ownership.js';
import type { ServiceContext } from '../service-context.js';

/** Soft delete by the owner: the row stays (orders name it), and only stock give-backs still reach it. */
export async function remove(request: RemoveRequest, ctx: ServiceContext): Promise<RemoveResponse> {
  const { id, Uid } = request;
  checkId(id);
  checkId(Uid, 'Uid');
  if (!(await ctx.products.removeOwned(id, Uid))) throw accessError(await ctx.products.findOwner(id));
  return {};
}

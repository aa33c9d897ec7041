import type { RemoveRequest, RemoveResponse } from '@mall/proto/product';
import { accessError } from '../domain/ownership.js';
import { checkId } from '../domain/rules.js';
import type { ServiceContext } from '../service-context.js';

/** Hard delete by the owner; orders keep their own copy of the amount. */
export async function remove(request: RemoveRequest, ctx: ServiceContext): Promise<RemoveResponse> {
  const { id, Uid } = request;
  checkId(id);
  checkId(Uid, 'Uid');
  if (!(await ctx.products.removeOwned(id, Uid))) throw accessError(await ctx.products.findOwner(id));
  return {};
}

import { checkId } from '@mall/rpc';
import type { UpdateRequest, UpdateResponse } from '@mall/proto/product';
import { checkedFields } from '../domain/fields.js';
import { accessError, checkOwner } from '../domain/ownership.js';
import type { ServiceContext } from '../service-context.js';

/** Writes exactly the fields present in the request, 0 and "" included (go-zero-mall dropped those). */
export async function update(request: UpdateRequest, ctx: ServiceContext): Promise<UpdateResponse> {
  const { id, Uid } = request;
  checkId(id);
  checkId(Uid, 'Uid');
  const changes = checkedFields(request);
  if (Object.keys(changes).length === 0) {
    checkOwner(await ctx.products.findOwner(id), Uid);
  } else if (!(await ctx.products.updateOwned(id, Uid, changes))) {
    throw accessError(await ctx.products.findOwner(id));
  }
  return {};
}

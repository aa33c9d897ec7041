import { checkId } from '@mall/rpc';
import type { CreateRequest, CreateResponse } from '@mall/proto/product';
import { checkedFields } from '../domain/fields.js';
import type { ServiceContext } from '../service-context.js';

export async function create(request: CreateRequest, ctx: ServiceContext): Promise<CreateResponse> {
  checkId(request.Uid, 'Uid');
  const fields = checkedFields(request);
  return { id: await ctx.products.insert(fields, request.Uid) };
}

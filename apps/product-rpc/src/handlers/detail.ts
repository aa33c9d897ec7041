import { AppError, checkId } from '@mall/rpc';
import type { DetailRequest, DetailResponse } from '@mall/proto/product';
import { toDetail } from '../domain/product.js';
import type { ServiceContext } from '../service-context.js';

export async function detail(request: DetailRequest, ctx: ServiceContext): Promise<DetailResponse> {
  checkId(request.id);
  const product = await ctx.products.findById(request.id);
  if (!product) throw new AppError('NOT_FOUND', 'product not found');
  return toDetail(product);
}

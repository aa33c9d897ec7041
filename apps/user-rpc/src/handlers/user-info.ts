import { AppError, checkId } from '@mall/rpc';
import type { UserInfoRequest, UserInfoResponse } from '@mall/proto/user';
import type { ServiceContext } from '../service-context.js';

export async function userInfo(request: UserInfoRequest, ctx: ServiceContext): Promise<UserInfoResponse> {
  checkId(request.Id);
  const user = await ctx.users.findById(request.Id);
  if (!user) throw new AppError('NOT_FOUND', 'user not found');
  return { Id: user.id, Name: user.name, Gender: BigInt(user.gender), Mobile: user.mobile };
}

import { AppError } from '@mall/rpc';
import type { LoginRequest, LoginResponse } from '@mall/proto/user';
import { verifyPassword } from '../domain/password.js';
import type { ServiceContext } from '../service-context.js';

/** One answer for an unknown mobile and for a wrong password, so logins cannot probe for users. */
const WRONG_CREDENTIALS = 'wrong mobile or password';

export async function login(request: LoginRequest, ctx: ServiceContext): Promise<LoginResponse> {
  const { Mobile, Password } = request;
  if (!Mobile || !Password || Password.length > 128) throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  const user = await ctx.users.findByMobile(Mobile);
  const matches = await verifyPassword(Password, user?.password ?? ctx.decoyHash);
  if (!user || !matches) throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  return { Id: user.id, Name: user.name, Gender: BigInt(user.gender), Mobile: user.mobile };
}

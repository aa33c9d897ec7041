import { AppError } from '@mall/rpc';
import type { RegisterRequest, RegisterResponse } from '@mall/proto/user';
import { hashPassword } from '../domain/password.js';
import { checkGender, checkMobile, checkName, checkPassword } from '../domain/rules.js';
import { DuplicateMobileError } from '../repo/user-repo.js';
import type { ServiceContext } from '../service-context.js';

export async function register(request: RegisterRequest, ctx: ServiceContext): Promise<RegisterResponse> {
  const { Name, Gender, Mobile, Password } = request;
  checkName(Name);
  checkGender(Gender);
  checkMobile(Mobile);
  checkPassword(Password);
  if (await ctx.users.findByMobile(Mobile)) throw new AppError('ALREADY_EXISTS', 'this mobile is already registered');
  const password = await hashPassword(Password, ctx.scryptCost);
  try {
    const Id = await ctx.users.insert({ name: Name, gender: Number(Gender), mobile: Mobile, password });
    return { Id, Name, Gender, Mobile };
  } catch (error) {
    if (error instanceof DuplicateMobileError)
      throw new AppError('ALREADY_EXISTS', 'this mobile is already registered');
    throw error;
  }
}

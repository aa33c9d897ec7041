import { AppError } from '@mall/rpc';
import type { GatewayMiddleware } from '../context.js';
import { INVALID_TOKEN, type Jwt } from '../jwt.js';

/** `Authorization: [Bearer ]<token>`; the prefix is optional and any case, as go-zero accepts it. */
export function requireUser(jwt: Jwt): GatewayMiddleware {
  return async (ctx, next) => {
    const token = ctx
      .get('Authorization')
      .replace(/^bearer(\s+|$)/i, '')
      .trim();
    if (!token) throw new AppError('UNAUTHENTICATED', INVALID_TOKEN);
    ctx.state.uid = await jwt.verify(token);
    await next();
  };
}

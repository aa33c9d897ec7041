import type { Middleware, ParameterizedContext } from 'koa';
import type { Logger } from '@mall/logger';

export interface GatewayState {
  requestId: string;
  /** The app logger bound to this request's id. */
  logger: Logger;
  /** The signed-in user, set by the auth middleware on protected routes. */
  uid?: bigint;
}

export type GatewayContext = ParameterizedContext<GatewayState>;
export type GatewayMiddleware = Middleware<GatewayState>;

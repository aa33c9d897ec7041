import type { Middleware, ParameterizedContext } from 'koa';
import type { Logger } from '@mall/logger';
import type { TraceHeaders } from '@mall/tracing';

export interface GatewayState {
  requestId: string;
  /** The app logger bound to this request's id. */
  logger: Logger;
  /** The signed-in user, set by the auth middleware on protected routes. */
  uid?: bigint;
  /** The trace context of this request's span, when tracing is on. */
  trace?: TraceHeaders;
}

export type GatewayContext = ParameterizedContext<GatewayState>;
export type GatewayMiddleware = Middleware<GatewayState>;

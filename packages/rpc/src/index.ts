export { AppError, isAppError, type ErrorCode } from './app-error.js';
export { toServiceError, fromServiceError } from './status-mapping.js';
export { createRpcServer, type RpcServer, type RpcServerOptions } from './server.js';
export { REQUEST_ID, type CallContext, type Handlers, type MethodAccess, type UnaryDefinition } from './handlers.js';
export type { Inherited } from './call-scope.js';
export { createRpcClient, type RpcClient, type RpcClientOptions } from './client.js';
export { checkId } from './validate.js';
export { checkHealth } from './check-health.js';
export { tokenAuthenticator, parseTokenList, type Authenticator } from './auth.js';

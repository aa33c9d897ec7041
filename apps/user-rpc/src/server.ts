import { UserService } from '@mall/proto/user';
import type { RpcServer } from '@mall/rpc';
import { login } from './handlers/login.js';
import { register } from './handlers/register.js';
import { userInfo } from './handlers/user-info.js';
import type { ServiceContext } from './service-context.js';

export function addUserService(server: RpcServer, ctx: ServiceContext): void {
  server.addService('user.User', UserService, {
    login: (request) => login(request, ctx),
    register: (request) => register(request, ctx),
    userInfo: (request) => userInfo(request, ctx),
  });
}

import { Router } from '@koa/router';
import type { UserClient } from '../clients.js';
import type { GatewayMiddleware, GatewayState } from '../context.js';
import { actingUid } from '../identity.js';
import type { Jwt } from '../jwt.js';
import { jsonBody } from '../middleware/json-body.js';
import { sendJson } from '../json.js';
import type { Reply } from '../schemas/fields.js';
import { loginBody, loginReply, registerBody, userReply } from '../schemas/user.js';
import { handle } from './handle.js';

interface UserRouteDeps {
  user: UserClient;
  jwt: Jwt;
  requireUser: GatewayMiddleware;
}

interface UserReply {
  Id: bigint;
  Name: string;
  Gender: bigint;
  Mobile: string;
}

const userJson = ({ Id, Name, Gender, Mobile }: UserReply): Reply<typeof userReply> => ({
  id: Id,
  name: Name,
  gender: Gender,
  mobile: Mobile,
});

export function userRouter({ user, jwt, requireUser }: UserRouteDeps): Router<GatewayState> {
  const router = new Router<GatewayState>({ prefix: '/api/user' });

  router.post(
    '/register',
    jsonBody,
    handle(registerBody, userReply, async ({ name, gender, mobile, password }) =>
      userJson(await user.register({ Name: name, Gender: BigInt(gender), Mobile: mobile, Password: password })),
    ),
  );

  router.post(
    '/login',
    jsonBody,
    handle(loginBody, loginReply, async ({ mobile, password }) => {
      const { Id } = await user.login({ Mobile: mobile, Password: password });
      return jwt.sign(Id);
    }),
  );

  // No body is read here, as in go-zero-mall: the user is the token's.
  router.post('/userinfo', requireUser, async (ctx) => {
    sendJson(ctx, userJson(await user.userInfo({ Id: actingUid(ctx) })));
  });

  return router;
}

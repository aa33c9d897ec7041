import { z } from 'zod';
import { body, id, text, uint8 } from './fields.js';

const mobile = text(20);
const password = text(128);

export const registerBody = body({ name: text(255), gender: uint8, mobile, password });
export const loginBody = body({ mobile, password });

export const userReply = z.object({ id, name: z.string(), gender: uint8, mobile: z.string() });

export const loginReply = z.object({
  accessToken: z
    .string()
    .describe('an HS256 JWT with the claims {uid, iat, exp}: send it as `Authorization: Bearer …`'),
  accessExpire: z.int().describe('when the token expires, in unix seconds'),
});

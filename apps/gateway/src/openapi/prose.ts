import { BODY_LIMIT } from '../middleware/json-body.js';
import type { Caller } from './operations.js';

export const DESCRIPTION = `The mall's HTTP API: go-zero-mall's four API services behind one gateway, with the same routes and
JSON field names. Every route but \`/healthz\` is a \`POST\` with a JSON body (\`Content-Type: application/json\`;
an empty body counts as \`{}\`).

- **Sign in** with \`/api/user/login\` and send its \`accessToken\` as \`Authorization: Bearer <token>\`. The user is
  always the token's: a \`uid\` in a body is accepted only if it names that same user.
- **Failures** are JSON \`{code, message}\`, \`code\` from a small closed vocabulary. A known path called with another
  method is a 405 \`METHOD_NOT_ALLOWED\` with an \`Allow\` header; an unknown path is a 404.
- **Every answer** carries \`X-Request-Id\` (yours, if you sent a sensible one): the gateway's log line for the
  request has the same id.

This document is generated, when the gateway starts, from the schemas it validates requests with.`;

export const TAGS = [
  { name: 'user', description: 'Register, sign in (JWT), who am I.' },
  { name: 'product', description: 'Products, owned by the user who created them.' },
  { name: 'order', description: 'Orders: placed by a saga on the DTM server, private to their user.' },
  { name: 'pay', description: 'One payment per order, settled by the callback.' },
  { name: 'health', description: 'For load balancers and healthchecks.' },
];

/** What a failure status means on any route; an operation's `errors` say what it means on that route. */
export const FAILURE: Record<number, string> = {
  400: 'The request is wrong: malformed JSON, or a missing or invalid field (`field: problem`).',
  401: 'Missing or invalid credentials.',
  403: 'Not yours.',
  404: 'No such thing, or not one you may see.',
  409: 'Not possible in the current state.',
  413: `The body is larger than ${BODY_LIMIT / 1024 / 1024} MiB.`,
  500: 'A bug or an infrastructure failure: the message is `internal error`; the details are in the gateway’s log.',
  503: 'A service cannot be reached or did not answer in time: `service unavailable, try again`.',
};

/** What a 401 means, by who may call the route. */
export const UNAUTHENTICATED: Partial<Record<Caller, string>> = {
  user: 'missing or invalid token',
  'payment-provider': 'missing or invalid payment signature',
};

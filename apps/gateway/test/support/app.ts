import { createLogger } from '@mall/logger';
import { createApp } from '../../src/app.js';
import { createJwt } from '../../src/jwt.js';
import { createRequestContext } from '../../src/request-context.js';
import { createFakes } from './fakes.js';
import { SECRET, TTL } from './gateway.js';

/** The app, not listening, with in-memory rpc clients: for tests that read its routes. */
export const createTestApp = (options: { payCallbackSecret?: string; faultInjection?: boolean } = {}) => {
  const fakes = createFakes();
  return createApp({
    logger: createLogger('gateway-test', 'silent'),
    jwt: createJwt({ secret: SECRET, ttlSeconds: TTL }),
    clients: fakes.clients,
    orderSagas: fakes.sagas,
    requestContext: createRequestContext(),
    ...options,
  });
};

import { Router } from '@koa/router';
import type { UseCaseDeps } from '../../../usecases/deps.js';
import { resetCronTime, resetNextCronTime } from '../../../usecases/queries.js';
import { SUCCESS_BODY, sendJson } from '../context.js';
import { jsonBody } from '../json-body.js';
import { intParam } from '../query-params.js';
import { gidOf } from './transactions.js';

/** The operator's levers on the retry schedule. */
export function cronRoutes(deps: UseCaseDeps): Router {
  const router = new Router();
  router.get('/resetCronTime', async (ctx) => {
    const timeout = intParam(ctx, 'timeout', 3 * deps.settings.timeoutToFail);
    const { changed, hasRemaining } = await resetCronTime(deps, timeout, intParam(ctx, 'limit', 100, 10_000));
    sendJson(ctx, { has_remaining: hasRemaining, succeed_count: changed });
  });
  router.post('/resetNextCronTime', jsonBody, async (ctx) => {
    await resetNextCronTime(deps, gidOf(ctx));
    sendJson(ctx, SUCCESS_BODY);
  });
  return router;
}

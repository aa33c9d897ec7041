import { Router } from '@koa/router';
import { z } from 'zod';
import { invalid } from '../../../errors.js';
import { newGid } from '../../../gid.js';
import { abort } from '../../../usecases/abort.js';
import type { UseCaseDeps } from '../../../usecases/deps.js';
import { forceStop } from '../../../usecases/force-stop.js';
import { prepare } from '../../../usecases/prepare.js';
import { submit } from '../../../usecases/submit.js';
import { SUCCESS_BODY, sendJson, type DtmContext } from '../context.js';
import { jsonBody } from '../json-body.js';
import { gidField, parseTransBody } from '../trans-body.js';
import { requestTrace } from '../trace-requests.js';

const gidBody = z.object({ gid: gidField });

export function gidOf(ctx: DtmContext): string {
  const parsed = gidBody.safeParse(ctx.request.body);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? 'gid is required');
  return parsed.data.gid;
}

/** newGid, prepare, submit, abort, forceStop. */
export function transactionRoutes(deps: UseCaseDeps): Router {
  const router = new Router();
  router.get('/newGid', (ctx) => sendJson(ctx, { gid: newGid(), dtm_result: 'SUCCESS' }));
  router.post('/prepare', jsonBody, async (ctx) => {
    await prepare(deps, { ...parseTransBody(ctx.request.body), trace: requestTrace(ctx) });
    sendJson(ctx, SUCCESS_BODY);
  });
  router.post('/submit', jsonBody, async (ctx) => {
    await submit(deps, { ...parseTransBody(ctx.request.body), trace: requestTrace(ctx) });
    sendJson(ctx, SUCCESS_BODY);
  });
  router.post('/abort', jsonBody, async (ctx) => {
    await abort(deps, gidOf(ctx));
    sendJson(ctx, SUCCESS_BODY);
  });
  router.post('/forceStop', jsonBody, async (ctx) => {
    await forceStop(deps, gidOf(ctx));
    sendJson(ctx, SUCCESS_BODY);
  });
  return router;
}

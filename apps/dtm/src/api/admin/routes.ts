import { Router } from '@koa/router';
import { notFound } from '../../errors.js';
import type { UseCaseDeps } from '../../usecases/deps.js';
import { forceStop } from '../../usecases/force-stop.js';
import { queryTransaction, resetNextCronTime } from '../../usecases/queries.js';
import { sendJson, type DtmContext } from '../http/context.js';
import { VERSION } from '../http/routes/queries.js';
import { parseListQuery } from './list-query.js';
import { adminBranch, adminTransaction, adminTransactionDetail } from './views.js';
import type { AdminDetail, AdminInfo, AdminPage } from './ui/wire.js';

/** The console's JSON API, mounted under `/admin/api` behind the token. */
export function adminApiRoutes(deps: UseCaseDeps): Router {
  const router = new Router();
  const now = () => deps.clock.now().toISOString();

  const detail = async (gid: string): Promise<AdminDetail> => {
    const { transaction, branches } = await queryTransaction(deps, gid);
    if (!transaction) throw notFound(gid);
    return { now: now(), transaction: adminTransactionDetail(transaction), branches: branches.map(adminBranch) };
  };
  const gidOf = (ctx: DtmContext) => (ctx.params as { gid: string }).gid;

  router.get('/info', (ctx) => {
    const info: AdminInfo = { now: now(), version: VERSION, settings: { ...deps.settings } };
    sendJson(ctx, info);
  });

  router.get('/transactions', async (ctx) => {
    const page = await deps.store.scanGlobals(parseListQuery(ctx.query));
    const body: AdminPage = {
      now: now(),
      transactions: page.items.map(adminTransaction),
      nextCursor: page.nextPosition,
    };
    sendJson(ctx, body);
  });

  router.get('/transactions/:gid', async (ctx) => sendJson(ctx, await detail(gidOf(ctx))));

  // DTM's forceStop: an unfinished transaction becomes `failed` at once, no compensation runs.
  router.post('/transactions/:gid/force-stop', async (ctx) => {
    await forceStop(deps, gidOf(ctx));
    sendJson(ctx, await detail(gidOf(ctx)));
  });

  // DTM's resetNextCronTime: the cron may pick the transaction up at its next look.
  router.post('/transactions/:gid/reset-next-cron', async (ctx) => {
    await resetNextCronTime(deps, gidOf(ctx));
    sendJson(ctx, await detail(gidOf(ctx)));
  });
  return router;
}

import { Router } from '@koa/router';
import type { UseCaseDeps } from '../../../usecases/deps.js';
import { listTransactions, queryTransaction } from '../../../usecases/queries.js';
import { sendJson } from '../context.js';
import { intParam, millisParam, param } from '../query-params.js';
import { branchJson, transactionJson } from '../render.js';
import { cleanId } from '../trans-body.js';

export const VERSION = 'v1.19.0';

/** version, query, all. */
export function queryRoutes(deps: UseCaseDeps): Router {
  const router = new Router();
  router.get('/version', (ctx) => sendJson(ctx, { version: VERSION }));

  router.get('/query', async (ctx) => {
    const { transaction, branches } = await queryTransaction(deps, cleanId(param(ctx, 'gid')));
    sendJson(ctx, {
      transaction: transaction ? transactionJson(transaction) : null,
      branches: branches.map(branchJson),
    });
  });

  router.get('/all', async (ctx) => {
    const gid = cleanId(param(ctx, 'gid'));
    const page = await listTransactions(deps, gid, {
      position: param(ctx, 'position') || undefined,
      limit: intParam(ctx, 'limit', 100, 10_000),
      status: cleanId(param(ctx, 'status')) || undefined,
      transType: param(ctx, 'transType') || undefined,
      createdFrom: millisParam(ctx, 'createTimeStart'),
      createdTo: millisParam(ctx, 'createTimeEnd'),
    });
    const transactions = gid && page.items.length === 0 ? null : page.items.map(transactionJson);
    sendJson(ctx, { transactions, next_position: page.nextPosition });
  });
  return router;
}

import { Router } from '@koa/router';
import { invalid } from '../../../errors.js';
import type { Store } from '../../../store/store.js';
import { sendJson } from '../context.js';
import { intParam, param } from '../query-params.js';
import { kvJson } from '../render.js';

/** Read access to the kv table (topics); subscribing is not served yet. */
export function kvRoutes(store: Store): Router {
  const router = new Router();
  router.get('/scanKV', async (ctx) => {
    const cat = param(ctx, 'cat');
    if (!cat) throw invalid('cat is required');
    const page = await store.scanKv(cat, param(ctx, 'position') || undefined, intParam(ctx, 'limit', 100, 10_000));
    sendJson(ctx, { kv: page.items.map(kvJson), next_position: page.nextPosition });
  });
  router.get('/queryKV', async (ctx) => {
    const cat = param(ctx, 'cat');
    if (!cat) throw invalid('cat is required');
    const entries = await store.findKv(cat, param(ctx, 'key') || undefined);
    sendJson(ctx, { kv: entries.map(kvJson) });
  });
  return router;
}

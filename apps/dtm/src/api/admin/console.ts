import { Router } from '@koa/router';
import type Koa from 'koa';
import type { UseCaseDeps } from '../../usecases/deps.js';
import { sendJson, type DtmContext, type DtmMiddleware } from '../http/context.js';
import { loadAdminAssets, type Asset } from './assets.js';
import { requireToken } from './auth.js';
import { adminApiRoutes } from './routes.js';
import { setSecurityHeaders } from './security-headers.js';

export interface AdminConsoleOptions {
  /** DTM_ADMIN_TOKEN; without it the console is off. */
  token: string | undefined;
  useCases: UseCaseDeps;
}

const PREFIX = '/admin';
const DISABLED =
  'The DTM admin console is disabled: set DTM_ADMIN_TOKEN (at least 32 characters) and restart the server.';
const DISABLED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DTM admin console: disabled</title></head>
<body><h1>DTM admin console: disabled</h1><p>${DISABLED}</p></body></html>
`;

/** Installs itself on the DTM server's Koa app, after DTM's own routes. */
export interface AdminConsole {
  mount(app: Koa): void;
}

const underPrefix = (ctx: DtmContext) => ctx.path === PREFIX || ctx.path.startsWith(`${PREFIX}/`);
const isApi = (ctx: DtmContext) => ctx.path === `${PREFIX}/api` || ctx.path.startsWith(`${PREFIX}/api/`);

function send(ctx: DtmContext, asset: Asset) {
  ctx.type = asset.type;
  ctx.body = asset.body;
}

/** What `/admin` answers without a token: 404 and why, as a page or as JSON. */
const disabledConsole: DtmMiddleware = async (ctx, next) => {
  if (!underPrefix(ctx)) {
    await next();
    return;
  }
  setSecurityHeaders(ctx);
  if (isApi(ctx)) return sendJson(ctx, { message: DISABLED }, 404);
  ctx.status = 404;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = DISABLED_PAGE;
};

/**
 * The admin console at `/admin`: the page and its assets (open: they hold no data), and its JSON API
 * under `/admin/api`, every call of which needs the token. Nothing else under `/admin` exists.
 */
export async function createAdminConsole({ token, useCases }: AdminConsoleOptions): Promise<AdminConsole> {
  if (token === undefined) return { mount: (app) => app.use(disabledConsole) };
  const assets = await loadAdminAssets();
  const index = assets.get('index.html')!;

  const router = new Router({ prefix: PREFIX });
  router.get('/', (ctx) => send(ctx, index));
  router.get('/assets/:name', (ctx) => {
    const asset = assets.get((ctx.params as { name: string }).name);
    if (asset && asset !== index) send(ctx, asset);
  });
  router.use('/api', requireToken(token), adminApiRoutes(useCases).routes());
  return {
    mount(app) {
      app.use(async (ctx, next) => {
        if (underPrefix(ctx)) setSecurityHeaders(ctx);
        await next();
      });
      app.use(router.routes());
      app.use(router.allowedMethods());
    },
  };
}

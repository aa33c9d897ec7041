import { createHash } from 'node:crypto';
import { Router } from '@koa/router';
import { AppError } from '@mall/rpc';
import type { GatewayContext, GatewayState } from '../context.js';
import { toJson } from '../json.js';
import { loadDocsAssets, type Asset } from './docs-assets.js';
import { ASSETS_PATH, DOCS_CSP, DOCS_PATH, DOCUMENT_PATH, docsPage } from './docs-page.js';
import type { OpenApiDocument } from './document.js';

type Entity = Pick<Asset, 'type' | 'body' | 'gzipped' | 'etag'>;

const entity = (text: string, type: string): Entity => {
  const body = Buffer.from(text);
  return { type, body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
};

/** Revalidated on every use (a cheap 304): the page and the document change when the gateway does. */
const REVALIDATE = 'no-cache';
/** Asset names carry their content's hash: a changed file is a new URL. */
const FOREVER = 'public, max-age=31536000, immutable';

function send(ctx: GatewayContext, { type, body, gzipped, etag }: Entity, cacheControl: string): void {
  ctx.set('Cache-Control', cacheControl);
  ctx.set('ETag', etag);
  if (gzipped) ctx.vary('Accept-Encoding');
  ctx.status = 200;
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.type = type;
  if (gzipped && ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
    ctx.set('Content-Encoding', 'gzip');
    ctx.body = gzipped;
  } else {
    ctx.body = body;
  }
}

/**
 * The API reference, for anyone: `/api/docs` (Swagger UI, its files served from the swagger-ui-dist package)
 * and `/api/docs/openapi.json`. The files are read on the first visit, not when the gateway starts.
 */
export function docsRouter(document: OpenApiDocument): Router<GatewayState> {
  const router = new Router<GatewayState>();
  const openApiJson = entity(toJson(document), 'application/json; charset=utf-8');

  let loading: Promise<{ byName: Map<string, Asset>; page: Entity }> | undefined;
  const load = () =>
    (loading ??= loadDocsAssets().then(
      ({ byName, nameOf }) => ({ byName, page: entity(docsPage(nameOf), 'text/html; charset=utf-8') }),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));

  router.get(DOCS_PATH, async (ctx) => {
    const { page } = await load();
    // The page runs swagger-ui's scripts and styles: a policy of its own, still closed to other origins.
    ctx.set('Content-Security-Policy', DOCS_CSP);
    send(ctx, page, REVALIDATE);
  });

  router.get(DOCUMENT_PATH, (ctx) => send(ctx, openApiJson, REVALIDATE));

  router.get(`${ASSETS_PATH}/:name`, async (ctx) => {
    const asset = (await load()).byName.get(ctx.params.name ?? '');
    if (!asset) throw new AppError('NOT_FOUND', 'no such file');
    send(ctx, asset, FOREVER);
  });

  return router;
}

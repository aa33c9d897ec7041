import { readFile } from 'node:fs/promises';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CSP } from '../src/middleware/security-headers.js';
import { DOCS_CSP } from '../src/openapi/docs-page.js';
import { buildOpenApiDocument } from '../src/openapi/document.js';
import { startGateway, type TestGateway } from './support/gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway({ faultInjection: true });
});
afterAll(() => gateway.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(gateway.url + path, { headers });

/** The asset URLs the page refers to, in order. */
const assetsOf = (html: string) => [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map(([, url]) => url!);

describe('GET /api/docs/openapi.json', () => {
  it('answers the document of this gateway, without a token', async () => {
    const response = await get('/api/docs/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(API_CSP);
    expect(await response.json()).toEqual(buildOpenApiDocument({ signedPayCallback: false, faultInjection: true }));
  });

  it('answers 304 to a client that has it already', async () => {
    const etag = (await get('/api/docs/openapi.json')).headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    // As a browser revalidates (fetch would otherwise add `Cache-Control: no-cache`, which forbids a 304).
    const again = await get('/api/docs/openapi.json', { 'If-None-Match': etag, 'Cache-Control': 'max-age=0' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});

describe('GET /api/docs', () => {
  it('answers the Swagger UI page, with a policy that lets it load only from the gateway', async () => {
    for (const path of ['/api/docs', '/api/docs/']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const policy = response.headers.get('content-security-policy')!;
      expect(policy).toBe(DOCS_CSP);
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toMatch(/https?:|\*|'unsafe-(inline|eval)'/);
      const html = await response.text();
      expect(html).toContain('<div id="swagger-ui"></div>');
      expect(html).not.toMatch(/<script>|<style>| on\w+=|https?:/);
      expect(assetsOf(html)).toEqual([
        expect.stringMatching(/^\/api\/docs\/assets\/favicon-32x32\.[0-9a-f]{12}\.png$/),
        expect.stringMatching(/^\/api\/docs\/assets\/swagger-ui\.[0-9a-f]{12}\.css$/),
        expect.stringMatching(/^\/api\/docs\/assets\/swagger-ui-bundle\.[0-9a-f]{12}\.js$/),
        expect.stringMatching(/^\/api\/docs\/assets\/docs\.[0-9a-f]{12}\.js$/),
      ]);
    }
  });

  it("serves the page's files from the swagger-ui-dist package, typed, cached for good, gzipped when asked", async () => {
    const html = await (await get('/api/docs')).text();
    const packageDir = createRequire(import.meta.url)
      .resolve('swagger-ui-dist/package.json')
      .replace(/package\.json$/, '');
    const types: Record<string, string> = {
      png: 'image/png',
      css: 'text/css; charset=utf-8',
      js: 'text/javascript; charset=utf-8',
    };
    for (const url of assetsOf(html)) {
      const [, source, extension] = /\/([\w-]+)\.[0-9a-f]{12}\.(\w+)$/.exec(url)!;
      const plain = await get(url, { 'Accept-Encoding': 'identity' });
      expect(plain.status, url).toBe(200);
      expect(plain.headers.get('content-type')).toBe(types[extension!]);
      expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(plain.headers.get('content-encoding')).toBeNull();
      const bytes = Buffer.from(await plain.arrayBuffer());
      if (source === 'docs') {
        expect(bytes.toString()).toContain('url: "/api/docs/openapi.json"');
        expect(bytes.toString()).toContain('validatorUrl: null');
      } else {
        expect(bytes.equals(await readFile(`${packageDir}${source}.${extension}`)), url).toBe(true);
      }
      if (extension === 'png') continue;
      // fetch would gunzip it: read the raw bytes through node:http.
      const gzipped = await fetchRaw(url);
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers.vary).toBe('Accept-Encoding');
      expect(gunzipSync(gzipped.body).equals(bytes)).toBe(true);
    }
  });

  it('answers an unknown file with a JSON 404 and another method with a 405', async () => {
    const missing = await get('/api/docs/assets/swagger-ui.000000000000.css');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 'NOT_FOUND', message: 'no such file' });
    const traversal = await get('/api/docs/assets/..%2F..%2Fpackage.json');
    expect(traversal.status).toBe(404);
    const posted = await gateway.post('/api/docs', {});
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('HEAD, GET');
  });
});

/** A GET over node:http, which leaves Content-Encoding alone. */
function fetchRaw(path: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(gateway.url + path, { headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

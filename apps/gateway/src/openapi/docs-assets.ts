import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { DOCS_SCRIPT } from './docs-page.js';

/** A file of the reference page, held in memory. Its name carries a hash of its content, so it can be cached for good. */
export interface Asset {
  name: string;
  type: string;
  body: Buffer;
  /** The body gzipped, when that is smaller. */
  gzipped?: Buffer;
  etag: string;
}

export interface DocsAssets {
  byName: Map<string, Asset>;
  /** The hashed name of a source file, e.g. `swagger-ui.css` → `swagger-ui.3f9a0c12d4e5.css`. */
  nameOf: (source: string) => string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
};

/** What the page loads from swagger-ui-dist: nothing else of the package is served. */
const SWAGGER_UI_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png'];

const gzipped = promisify(gzip);

async function asset(source: string, body: Buffer): Promise<Asset> {
  const hash = createHash('sha256').update(body).digest('hex');
  const extension = extname(source);
  const type = TYPES[extension];
  if (!type) throw new Error(`no content type for ${source}`);
  const compressed = type.startsWith('text/') ? await gzipped(body) : undefined;
  return {
    name: `${source.slice(0, -extension.length)}.${hash.slice(0, 12)}${extension}`,
    type,
    body,
    ...(compressed && compressed.length < body.length ? { gzipped: compressed } : {}),
    etag: `"${hash.slice(0, 32)}"`,
  };
}

/** Reads the page's files from the installed swagger-ui-dist package (no CDN: nothing outside is reachable). */
export async function loadDocsAssets(): Promise<DocsAssets> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const sources = new Map<string, Asset>();
  for (const file of SWAGGER_UI_FILES) sources.set(file, await asset(file, await readFile(join(packageDir, file))));
  sources.set('docs.js', await asset('docs.js', Buffer.from(DOCS_SCRIPT)));
  return {
    byName: new Map([...sources.values()].map((loaded) => [loaded.name, loaded])),
    nameOf: (source) => {
      const loaded = sources.get(source);
      if (!loaded) throw new Error(`${source} is not an asset of the reference page`);
      return loaded.name;
    },
  };
}

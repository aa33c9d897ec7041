import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the build puts the page: `tsc -p src/api/admin/ui` plus the copied HTML, CSS and icon. */
const BUILT_UI = new URL('../../../dist/admin-ui/', import.meta.url);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Asset {
  type: string;
  body: Buffer;
}

/**
 * Reads the built page into memory once: a handful of small files, served from a fixed map, so no
 * request path ever reaches the file system.
 */
export async function loadAdminAssets(dir: URL = BUILT_UI): Promise<Map<string, Asset>> {
  const path = fileURLToPath(dir);
  let names: string[];
  try {
    names = await readdir(path);
  } catch {
    throw new Error(`the admin console is not built (no ${path}): run \`pnpm build\``);
  }
  const assets = new Map<string, Asset>();
  for (const name of names) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, { type, body: await readFile(new URL(name, dir)) });
  }
  if (!assets.has('index.html')) throw new Error(`the admin console is not built (no index.html in ${path})`);
  return assets;
}

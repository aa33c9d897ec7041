import { accessSync, constants } from 'node:fs';
import { executableSearchPath } from './config.js';
import { delimiter, join } from 'node:path';

export class MissingBinaryError extends Error {
  override readonly name = 'MissingBinaryError';
}

const SEARCH = ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];

/** The first of `names` found on PATH or in the usual sbin/bin folders, else a error naming the install command. */
export function findBinary(names: string[], install: string): string {
  const folders = [...executableSearchPath().split(delimiter), ...SEARCH].filter(Boolean);
  for (const name of names) {
    for (const folder of folders) {
      const candidate = join(folder, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  throw new MissingBinaryError(
    `${names[0]} not found: install it with \`${install}\` (or point the tests at a server)`,
  );
}

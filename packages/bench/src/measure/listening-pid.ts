import { readdir, readFile, readlink } from 'node:fs/promises';

const LISTEN = '0A';

/** Socket inodes listening on `port` in a `/proc/net/tcp` or `/proc/net/tcp6` table. */
export function listeningInodes(table: string, port: number): string[] {
  const inodes: string[] = [];
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const [, local, , state] = fields;
    const inode = fields[9];
    if (!local || state !== LISTEN || !inode || inode === '0') continue;
    if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port) inodes.push(inode);
  }
  return inodes;
}

async function readOr(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}

/**
 * The process listening on TCP `port` on this machine (e.g. the MariaDB server the bench talks to),
 * found through /proc; undefined when it cannot be seen (another user's process, or not local).
 */
export async function pidListeningOn(port: number): Promise<number | undefined> {
  const tables = await Promise.all([readOr('/proc/net/tcp'), readOr('/proc/net/tcp6')]);
  const sockets = new Set(tables.flatMap((table) => listeningInodes(table, port)).map((inode) => `socket:[${inode}]`));
  if (sockets.size === 0) return undefined;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fds = await readdir(`/proc/${entry}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '');
      if (sockets.has(target)) return Number(entry);
    }
  }
  return undefined;
}

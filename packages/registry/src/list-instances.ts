import type { Etcd3 } from 'etcd3';

/** The `host:port` values registered under `<key>/…`, as go-zero's subscriber reads them. */
export async function listInstances(etcd: Etcd3, key: string): Promise<string[]> {
  const values = await etcd.getAll().prefix(`${key}/`).strings();
  return [...new Set(Object.values(values))].sort();
}

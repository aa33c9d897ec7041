import { Metadata, experimental, status, type ChannelOptions, type StatusObject } from '@grpc/grpc-js';
import { Etcd3, type Watcher } from 'etcd3';
import type { Logger } from '@mall/logger';
import { listInstances } from './list-instances.js';

type GrpcUri = experimental.GrpcUri;
type ResolverListener = experimental.ResolverListener;

const roundRobin = { ok: true as const, value: { loadBalancingConfig: [{ round_robin: {} }], methodConfig: [] } };

export interface EtcdTarget {
  /** etcd endpoints named in the target's authority, or [] to use the default client. */
  hosts: string[];
  key: string;
}

/**
 * `etcd:///user.rpc` (default etcd) or `etcd://h1:2379,h2:2379/user.rpc`; `discov://` is go-zero's
 * spelling of the same thing and is accepted too.
 */
export function parseEtcdTarget(target: GrpcUri): EtcdTarget {
  const hosts = (target.authority ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter(Boolean)
    .map((host) => (/^https?:\/\//.test(host) ? host : `http://${host}`));
  const key = target.path.replace(/^\/+/, '').replace(/\/+$/, '');
  return { hosts, key };
}

function unavailable(details: string): StatusObject {
  return { code: status.UNAVAILABLE, details, metadata: new Metadata() };
}

const WATCH_RETRY_MS = 1_000;

/**
 * Teaches grpc-js the `etcd:` and `discov:` schemes: a channel watches `<key>/` and follows
 * instances as they come and go, balancing calls round-robin. grpc-js keeps resolvers in one
 * process-wide table, so the last registration wins: an app registers once, at start-up, and
 * calls the returned function on shutdown to close the extra clients made for explicit hosts.
 */
export function registerEtcdResolver(defaultClient: Etcd3, logger: Logger): () => void {
  const clients = new Map<string, Etcd3>();
  const clientFor = (hosts: string[]): Etcd3 => {
    if (hosts.length === 0) return defaultClient;
    const id = hosts.join(',');
    let client = clients.get(id);
    if (!client) {
      client = new Etcd3({ hosts });
      clients.set(id, client);
    }
    return client;
  };

  class EtcdResolver implements experimental.Resolver {
    private readonly key: string;
    private readonly client: Etcd3;
    private watcher: Watcher | undefined;
    private destroyed = false;
    private resolving: Promise<void> | undefined;
    private again = false;

    constructor(
      target: GrpcUri,
      private readonly listener: ResolverListener,
      _options: ChannelOptions,
    ) {
      const parsed = parseEtcdTarget(target);
      this.key = parsed.key;
      this.client = clientFor(parsed.hosts);
      this.watch();
    }

    private retry: NodeJS.Timeout | undefined;

    /** Watches `<key>/`; if etcd cannot be reached yet, tries again until it can. */
    private watch(): void {
      this.client
        .watch()
        .prefix(`${this.key}/`)
        .create()
        .then((watcher) => {
          if (this.destroyed) {
            void watcher.cancel();
            return;
          }
          this.watcher = watcher;
          watcher.on('put', () => this.updateResolution());
          watcher.on('delete', () => this.updateResolution());
          watcher.on('connected', () => this.updateResolution());
        })
        .catch((error: unknown) => {
          if (this.destroyed) return;
          logger.warn({ key: this.key, err: (error as Error).message }, 'etcd watch failed; retrying');
          this.retry = setTimeout(() => this.watch(), WATCH_RETRY_MS);
        });
    }

    updateResolution(): void {
      if (this.resolving) {
        this.again = true;
        return;
      }
      this.resolving = this.resolve().finally(() => {
        this.resolving = undefined;
        if (this.again && !this.destroyed) {
          this.again = false;
          this.updateResolution();
        }
      });
    }

    private async resolve(): Promise<void> {
      let endpoints: string[];
      try {
        endpoints = await listInstances(this.client, this.key);
      } catch (error) {
        if (this.destroyed) return;
        this.listener(
          { ok: false, error: unavailable(`etcd lookup of ${this.key} failed: ${(error as Error).message}`) },
          {},
          null,
          '',
        );
        return;
      }
      if (this.destroyed) return;
      if (endpoints.length === 0) {
        this.listener(
          { ok: false, error: unavailable(`no instance of ${this.key} is registered in etcd`) },
          {},
          null,
          '',
        );
        return;
      }
      const list = endpoints.flatMap((endpoint) => {
        const hostPort = experimental.splitHostPort(endpoint);
        return hostPort?.port ? [{ addresses: [{ host: hostPort.host, port: hostPort.port }] }] : [];
      });
      this.listener({ ok: true, value: list }, {}, roundRobin, '');
    }

    destroy(): void {
      this.destroyed = true;
      clearTimeout(this.retry);
      void this.watcher?.cancel();
    }

    static getDefaultAuthority(target: GrpcUri): string {
      return parseEtcdTarget(target).key;
    }
  }

  experimental.registerResolver('etcd', EtcdResolver);
  experimental.registerResolver('discov', EtcdResolver);
  return () => {
    for (const client of clients.values()) client.close();
    clients.clear();
  };
}

import type { Etcd3, Lease } from 'etcd3';
import type { Logger } from '@mall/logger';

export interface PublishOptions {
  /** The service key, e.g. `user.rpc`; instances live at `<key>/<leaseId>` (go-zero's format). */
  key: string;
  /** `host:port` that peers can dial. */
  endpoint: string;
  /** Lease time-to-live in seconds; go-zero uses 10. */
  ttlSeconds?: number;
  logger: Logger;
}

export interface Publication {
  /** The full key currently held, e.g. `user.rpc/7587862001`. */
  currentKey(): string | undefined;
  /** Revokes the lease, which deletes the key at once. */
  stop(): Promise<void>;
}

const RETRY_MS = 1_000;
/** How long stop() waits for etcd to revoke the lease; the key expires with its TTL anyway. */
const REVOKE_TIMEOUT_MS = 3_000;

/**
 * Registers `endpoint` under `<key>/<leaseId>` with a kept-alive lease. When the lease is lost
 * (etcd down longer than the TTL, or the lease revoked elsewhere) a new lease is granted and
 * the key is written again, retrying until etcd answers.
 */
export async function publishService(etcd: Etcd3, options: PublishOptions): Promise<Publication> {
  const { key, endpoint, logger } = options;
  const ttl = options.ttlSeconds ?? 10;
  let lease: Lease | undefined;
  let heldKey: string | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const register = async (): Promise<void> => {
    const next = etcd.lease(ttl, { autoKeepAlive: true });
    lease = next;
    next.on('lost', (error: Error) => {
      if (stopped || lease !== next) return;
      logger.warn({ err: error.message, key: heldKey }, 'etcd lease lost; registering again');
      heldKey = undefined;
      scheduleRegister(0);
    });
    const leaseId = await next.grant();
    const fullKey = `${key}/${leaseId}`;
    await next.put(fullKey).value(endpoint);
    heldKey = fullKey;
    logger.info({ key: fullKey, endpoint, ttl }, 'registered in etcd');
  };

  const scheduleRegister = (delayMs: number): void => {
    clearTimeout(retry);
    retry = setTimeout(() => {
      if (stopped) return;
      register().catch((error: unknown) => {
        logger.warn({ err: (error as Error).message }, 'etcd registration failed; retrying');
        lease?.release();
        scheduleRegister(RETRY_MS);
      });
    }, delayMs);
  };

  await register();

  return {
    currentKey: () => heldKey,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const held = lease;
      lease = undefined;
      heldKey = undefined;
      if (!held) return;
      try {
        await Promise.race([
          held.revoke(),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('etcd did not answer')), REVOKE_TIMEOUT_MS).unref(),
          ),
        ]);
        logger.info({ key }, 'deregistered from etcd');
      } catch (error) {
        held.release();
        logger.warn({ err: (error as Error).message }, 'etcd lease revoke failed; the key expires with its TTL');
      }
    },
  };
}

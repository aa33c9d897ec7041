import type { Pool as CorePool, PoolConnection, ResultSetHeader } from 'mysql2';
import type { Branch, TransGlobal } from '../../trans/types.js';
import { insertBranches, insertGlobals, type Statement } from './statements.js';

/** What `settle` answers when the grouped statement cannot decide: run the write on its own. */
export const ALONE = Symbol('alone');

/**
 * A write that may share one local transaction (one round trip, one commit) with writes of other
 * transactions. `alone` is the same write in its own local transaction: it runs when the group
 * fails (a duplicate gid, a deadlock, a lost connection) or when `settle` cannot decide from the
 * matched-row count, so grouping never changes what a write does, only how many commits it costs.
 */
export type GroupWrite<T> =
  | {
      kind: 'insert';
      trans: TransGlobal;
      branches: Branch[];
      /** Rough byte size, to keep a group well under `max_allowed_packet`. */
      size: number;
      alone(): Promise<T>;
      /** The answer once the group has committed. */
      inserted: T;
    }
  | {
      kind: 'statement';
      statement: Statement;
      size: number;
      settle(matched: number): T | typeof ALONE;
      alone(): Promise<T>;
    };

interface Queued {
  gid: string;
  write: GroupWrite<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface WriteLanes {
  /** Queues `write` on the lane of `gid`; resolves once it is committed. */
  write<T>(gid: string, write: GroupWrite<T>): Promise<T>;
  /** Resolves once every write queued so far is answered (close drains with it). */
  idle(): Promise<void>;
}

export interface WriteLaneOptions {
  /** A pool of connections opened with `multipleStatements`, at least one per lane. */
  pool: CorePool;
  lanes: number;
  /** Most writes in one group. */
  maxWrites?: number;
  /** Most bytes of values in one group. */
  maxBytes?: number;
}

/**
 * FNV-1a over the gid's UTF-16 units: every write of a transaction goes through the same lane. The
 * gid column compares without regard to case, so neither does the hash: `Abc` and `abc` are one row.
 */
function laneOf(gid: string, lanes: number): number {
  const key = gid.toLowerCase();
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % lanes;
}

/**
 * Group commit for the hot writes. Each lane keeps at most one group in flight; writes that arrive
 * meanwhile queue up and go together in the next one, as `START TRANSACTION; …; COMMIT` in a single
 * round trip (one autocommit statement when a group holds a single statement). A caller is answered
 * only after the COMMIT of its group came back, so every write is as durable as before. All writes
 * of one gid share a lane and keep their order, so groups in flight never lock the same global row
 * (next-key locks on neighbouring index entries can still deadlock two groups; the loser falls back
 * to running its writes alone).
 */
export function createWriteLanes({ pool, lanes, maxWrites = 200, maxBytes = 1 << 20 }: WriteLaneOptions): WriteLanes {
  // Never rejects (a lane waits for it before its next group).
  const runAlone = (queued: Queued): Promise<void> =>
    Promise.resolve()
      .then(() => queued.write.alone())
      .then(queued.resolve, queued.reject);

  /**
   * Writes run each on its own (a failed group's, or those `settle` could not decide): in arrival
   * order per gid, gids side by side. The lane waits for them before its next group, so a later
   * write of the same gid never overtakes one of these.
   */
  const runEachAlone = (group: Queued[]): Promise<unknown> => {
    const chains = new Map<string, Promise<void>>();
    for (const queued of group) {
      chains.set(
        queued.gid,
        (chains.get(queued.gid) ?? Promise.resolve()).then(() => runAlone(queued)),
      );
    }
    return Promise.all(chains.values());
  };

  /** Answers each write of a committed group; `results[i]` belongs to the i-th statement write. */
  const finish = (group: Queued[], results: ResultSetHeader[]): Promise<unknown> => {
    const undecided: Queued[] = [];
    let next = 0;
    for (const queued of group) {
      const { write } = queued;
      if (write.kind === 'insert') {
        queued.resolve(write.inserted);
        continue;
      }
      const matched = results[next++]?.affectedRows ?? 0;
      let answer: unknown;
      try {
        answer = write.settle(matched);
      } catch (error) {
        queued.reject(error);
        continue;
      }
      if (answer === ALONE) undecided.push(queued);
      else queued.resolve(answer);
    }
    return runEachAlone(undecided);
  };

  const send = (group: Queued[], done: () => void) => {
    const inserts = group.flatMap((queued) => (queued.write.kind === 'insert' ? [queued.write] : []));
    const parts: Statement[] = [];
    if (inserts.length > 0) {
      parts.push(insertGlobals(inserts.map((write) => write.trans)));
      const branches = inserts.flatMap((write) => write.branches);
      if (branches.length > 0) parts.push(insertBranches(branches));
    }
    const insertParts = parts.length;
    for (const { write } of group) if (write.kind === 'statement') parts.push(write.statement);
    const single = group.length === 1 && group[0]!.write.kind === 'statement';
    const sql = single ? parts[0]!.sql : ['START TRANSACTION', ...parts.map((part) => part.sql), 'COMMIT'].join(';\n');
    const values = parts.flatMap((part) => part.params);

    const fallBack = () => void runEachAlone(group).then(done);
    pool.getConnection((connectError, connection: PoolConnection) => {
      if (connectError) return fallBack();
      connection.query({ sql, values }, (error, results) => {
        if (!error) {
          connection.release();
          // Past START TRANSACTION and the inserts, up to COMMIT: one result per statement write.
          const headers = single
            ? [results as ResultSetHeader]
            : (results as ResultSetHeader[]).slice(1 + insertParts, -1);
          return void finish(group, headers).then(done);
        }
        if (single) {
          connection.release();
          return fallBack();
        }
        // The statements after the failing one never ran; undo the ones before it.
        connection.query('ROLLBACK', (rollbackError) => {
          if (rollbackError) connection.destroy();
          else connection.release();
          fallBack();
        });
      });
    });
  };

  const queues = Array.from({ length: lanes }, () => {
    const queue: Queued[] = [];
    let busy = false;
    const take = () => {
      const group: Queued[] = [];
      let bytes = 0;
      while (queue.length > 0 && group.length < maxWrites) {
        const size = queue[0]!.write.size;
        if (group.length > 0 && bytes + size > maxBytes) break;
        bytes += size;
        group.push(queue.shift()!);
      }
      return group;
    };
    const flush = () => {
      if (busy || queue.length === 0) return;
      busy = true;
      send(take(), () => {
        busy = false;
        flush();
      });
    };
    return {
      push(queued: Queued) {
        queue.push(queued);
        // Writes made in this turn of the event loop go in one group.
        if (queue.length === 1 && !busy) setImmediate(flush);
      },
    };
  });

  let pending = 0;
  let drained: (() => void)[] = [];
  const settled = () => {
    if (--pending > 0) return;
    const waiting = drained;
    drained = [];
    for (const wake of waiting) wake();
  };

  return {
    write<T>(gid: string, write: GroupWrite<T>): Promise<T> {
      pending++;
      const answer = new Promise<T>((resolve, reject) => {
        queues[laneOf(gid, lanes)]!.push({ gid, write, resolve: resolve as Queued['resolve'], reject });
      });
      answer.then(settled, settled);
      return answer;
    },
    idle() {
      return pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => drained.push(resolve));
    },
  };
}

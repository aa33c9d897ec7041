import type { Branch, GlobalStatus, KvEntry, TransGlobal } from '../trans/types.js';

export interface GlobalScan {
  /** Only rows with a smaller id; absent = from the newest. */
  position?: string;
  limit: number;
  status?: string;
  transType?: string;
  /** Only gids starting with this text (case-insensitive, as the gid column compares). */
  gidPrefix?: string;
  createdFrom?: Date;
  createdTo?: Date;
}

export interface Page<T> {
  items: T[];
  /** The id to pass as `position` for the next page, or '' when this was the last one. */
  nextPosition: string;
}

/** Which timestamp a status change stamps, and the reason it records. */
export interface StatusChange {
  now: Date;
  finishTime?: Date;
  rollbackTime?: Date;
  rollbackReason?: string;
}

/** What one janitor batch removed. */
export interface Purged {
  transactions: number;
  branches: number;
}

export interface CronLease {
  now: Date;
  /** The new `next_cron_time`: the row stays hidden from other instances until then. */
  until: Date;
  owner: string;
}

/**
 * Durable state, shaped after DTM's storage. Every write that depends on a status is conditional
 * on it, so any number of server instances can share one database.
 */
export interface Store {
  findGlobal(gid: string): Promise<TransGlobal | undefined>;
  scanGlobals(scan: GlobalScan): Promise<Page<TransGlobal>>;
  findBranches(gid: string): Promise<Branch[]>;
  /** Stores a new transaction with its branches in one go; false when the gid already exists. */
  saveNew(trans: TransGlobal, branches: Branch[]): Promise<boolean>;
  /**
   * Writes the new state of some branches of transaction `gid` (inserting a row if missing), all
   * at once and only while the global row is still in `globalStatus`; throws StaleTransaction
   * otherwise.
   */
  updateBranches(gid: string, branches: Branch[], globalStatus: GlobalStatus): Promise<void>;
  /** Adds branches to a `prepared` transaction (TCC/XA/workflow registration); false when it is not prepared. */
  addBranches(gid: string, branches: Branch[]): Promise<boolean>;
  /**
   * `status: from → to`, and the new state of `branches` written in the same atomic step (as
   * updateBranches would, while the row is still in `from`); false, writing nothing, when the row
   * was not in `from` any more.
   */
  changeStatus(
    gid: string,
    from: GlobalStatus,
    to: GlobalStatus,
    change: StatusChange,
    branches?: Branch[],
  ): Promise<boolean>;
  /** Moves the retry schedule, only while the row is in `status`. */
  touchCronTime(gid: string, status: GlobalStatus, interval: number, next: Date, now: Date): Promise<boolean>;
  /** Leases one unfinished transaction whose `next_cron_time` is before `now`, or none. */
  leaseDue(lease: CronLease): Promise<TransGlobal | undefined>;
  /** Makes unfinished transactions scheduled after `after` due at `now`, at most `limit` of them. */
  resetCronTime(after: Date, now: Date, limit: number): Promise<{ changed: number; hasRemaining: boolean }>;
  /** Makes one unfinished transaction due now; false for an unknown gid. */
  resetNextCronTime(gid: string, now: Date): Promise<boolean>;
  /**
   * Deletes up to `limit` finished (`succeed` / `failed`) transactions whose last update and last
   * scheduled retry are both before `before`, with their branch rows, in one short local
   * transaction. Never an unfinished one, however old; safe to run from several instances at once
   * (a row already gone is simply not counted).
   */
  purgeFinished(before: Date, limit: number): Promise<Purged>;
  findKv(cat: string, key?: string): Promise<KvEntry[]>;
  scanKv(cat: string, position: string | undefined, limit: number): Promise<Page<KvEntry>>;
  close(): Promise<void>;
}

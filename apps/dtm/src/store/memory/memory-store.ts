/* eslint-disable @typescript-eslint/require-await -- memory answers at once, but keeps the Store's async contract */
import { StaleTransaction } from '../../errors.js';
import { FINISHED, UNFINISHED, type Branch, type KvEntry, type TransGlobal } from '../../trans/types.js';
import type { GlobalScan, Page, Store } from '../store.js';

const copyGlobal = (trans: TransGlobal): TransGlobal => ({ ...trans, options: structuredClone(trans.options) });
const copyBranch = (branch: Branch): Branch => ({ ...branch, payload: Buffer.from(branch.payload) });
const branchKey = (branch: Branch) => `${branch.branchId}\u0000${branch.op}`;

function page<T extends { id?: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextPosition: items.length === limit ? (items.at(-1)?.id ?? '') : '' };
}

/** The Store in process memory, for unit tests of the engine. Same conditions as the MySQL store. */
export function createMemoryStore(): Store {
  const globals = new Map<string, TransGlobal>();
  const branches = new Map<string, Map<string, Branch>>();
  const kv: KvEntry[] = [];
  let nextId = 1;
  const newId = () => String(nextId++);

  const unfinished = (trans: TransGlobal) => UNFINISHED.includes(trans.status);
  const newestFirst = (rows: TransGlobal[]) => rows.sort((a, b) => Number(b.id) - Number(a.id));
  const writeBranches = (gid: string, updated: Branch[]) => {
    const rows = branches.get(gid) ?? new Map<string, Branch>();
    branches.set(gid, rows);
    for (const branch of updated) {
      const existing = rows.get(branchKey(branch));
      rows.set(branchKey(branch), { ...copyBranch(branch), id: existing?.id ?? newId() });
    }
  };

  return {
    async findGlobal(gid) {
      const trans = globals.get(gid);
      return trans && copyGlobal(trans);
    },

    async scanGlobals({ position, limit, status, transType, gidPrefix, createdFrom, createdTo }: GlobalScan) {
      const prefix = gidPrefix?.toLowerCase();
      const rows = newestFirst([...globals.values()]).filter(
        (trans) =>
          (position === undefined || Number(trans.id) < Number(position)) &&
          (!status || trans.status === status) &&
          (!transType || trans.transType === transType) &&
          (!prefix || trans.gid.toLowerCase().startsWith(prefix)) &&
          (!createdFrom || trans.createTime >= createdFrom) &&
          (!createdTo || trans.createTime <= createdTo),
      );
      return page(rows.map(copyGlobal), limit);
    },

    async findBranches(gid) {
      const rows = [...(branches.get(gid)?.values() ?? [])];
      return rows.sort((a, b) => Number(a.id) - Number(b.id)).map(copyBranch);
    },

    async saveNew(trans, newBranches) {
      if (globals.has(trans.gid)) return false;
      globals.set(trans.gid, { ...copyGlobal(trans), id: newId() });
      const rows = new Map<string, Branch>();
      for (const branch of newBranches) rows.set(branchKey(branch), { ...copyBranch(branch), id: newId() });
      branches.set(trans.gid, rows);
      return true;
    },

    async updateBranches(gid, updated, globalStatus) {
      if (globals.get(gid)?.status !== globalStatus) {
        throw new StaleTransaction(`transaction ${gid} is no longer ${globalStatus}`);
      }
      writeBranches(gid, updated);
    },

    async addBranches(gid, newBranches) {
      if (globals.get(gid)?.status !== 'prepared') return false;
      const rows = branches.get(gid) ?? new Map<string, Branch>();
      if (newBranches.some((branch) => rows.has(branchKey(branch)))) {
        throw new Error(`branch already registered in ${gid}`);
      }
      for (const branch of newBranches) rows.set(branchKey(branch), { ...copyBranch(branch), id: newId() });
      branches.set(gid, rows);
      return true;
    },

    async changeStatus(gid, from, to, { now, finishTime, rollbackTime, rollbackReason }, updated = []) {
      const trans = globals.get(gid);
      if (trans?.status !== from) return false;
      writeBranches(gid, updated);
      trans.status = to;
      trans.updateTime = now;
      if (finishTime) trans.finishTime = finishTime;
      if (rollbackTime) trans.rollbackTime = rollbackTime;
      if (rollbackReason !== undefined) trans.rollbackReason = rollbackReason;
      return true;
    },

    async touchCronTime(gid, status, interval, next, now) {
      const trans = globals.get(gid);
      if (trans?.status !== status) return false;
      Object.assign(trans, { nextCronInterval: interval, nextCronTime: next, updateTime: now });
      return true;
    },

    async leaseDue({ now, until, owner }) {
      const due = [...globals.values()].filter((trans) => unfinished(trans) && trans.nextCronTime < now);
      const picked = due[Math.floor(Math.random() * due.length)];
      if (!picked) return undefined;
      Object.assign(picked, { nextCronTime: until, owner, updateTime: now });
      return copyGlobal(picked);
    },

    async resetCronTime(after, now, limit) {
      const late = [...globals.values()].filter((trans) => unfinished(trans) && trans.nextCronTime > after);
      for (const trans of late.slice(0, limit)) Object.assign(trans, { nextCronTime: now, updateTime: now });
      return { changed: Math.min(limit, late.length), hasRemaining: late.length > limit };
    },

    async resetNextCronTime(gid, now) {
      const trans = globals.get(gid);
      if (!trans) return false;
      Object.assign(trans, { nextCronTime: now, updateTime: now });
      return true;
    },

    async purgeFinished(before, limit) {
      const old = [...globals.values()].filter(
        (trans) => FINISHED.includes(trans.status) && trans.nextCronTime < before && trans.updateTime < before,
      );
      let purgedBranches = 0;
      for (const trans of old.slice(0, limit)) {
        purgedBranches += branches.get(trans.gid)?.size ?? 0;
        branches.delete(trans.gid);
        globals.delete(trans.gid);
      }
      return { transactions: Math.min(limit, old.length), branches: purgedBranches };
    },

    async findKv(cat, key) {
      return kv.filter((entry) => entry.cat === cat && (key === undefined || entry.key === key));
    },

    async scanKv(cat, position, limit) {
      const rows = kv
        .filter((entry) => entry.cat === cat && (position === undefined || Number(entry.id) < Number(position)))
        .sort((a, b) => Number(b.id) - Number(a.id));
      return page(rows, limit);
    },

    async close() {},
  };
}

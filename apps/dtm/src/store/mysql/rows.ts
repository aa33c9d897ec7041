import type { RowDataPacket } from '@mall/db';
import type {
  Branch,
  BranchStatus,
  GlobalStatus,
  KvEntry,
  Protocol,
  TransGlobal,
  TransOptions,
  TransType,
} from '../../trans/types.js';

export const GLOBAL_COLUMNS = [
  'gid',
  'trans_type',
  'status',
  'query_prepared',
  'protocol',
  'create_time',
  'update_time',
  'finish_time',
  'rollback_time',
  'options',
  'custom_data',
  'next_cron_interval',
  'next_cron_time',
  'owner',
  'ext_data',
  'result',
  'rollback_reason',
] as const;

export const BRANCH_COLUMNS = [
  'gid',
  'url',
  'bin_data',
  'branch_id',
  'op',
  'status',
  'finish_time',
  'rollback_time',
  'create_time',
  'update_time',
] as const;

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return typeof value === 'number' || typeof value === 'bigint' ? String(value) : '';
}
const date = (value: unknown) => (value instanceof Date ? value : undefined);

function parseOptions(json: string): TransOptions {
  try {
    return { concurrent: false, ...(JSON.parse(json) as Partial<TransOptions>) };
  } catch {
    return { concurrent: false };
  }
}

export function globalValues(trans: TransGlobal): unknown[] {
  return [
    trans.gid,
    trans.transType,
    trans.status,
    trans.queryPrepared,
    trans.protocol,
    trans.createTime,
    trans.updateTime,
    trans.finishTime ?? null,
    trans.rollbackTime ?? null,
    JSON.stringify(trans.options),
    trans.customData,
    trans.nextCronInterval,
    trans.nextCronTime,
    trans.owner,
    trans.extData,
    trans.result,
    trans.rollbackReason,
  ];
}

export function toGlobal(row: RowDataPacket): TransGlobal {
  return {
    id: text(row.id),
    gid: text(row.gid),
    transType: text(row.trans_type) as TransType,
    status: text(row.status) as GlobalStatus,
    queryPrepared: text(row.query_prepared),
    protocol: text(row.protocol) as Protocol,
    createTime: date(row.create_time) ?? new Date(0),
    updateTime: date(row.update_time) ?? new Date(0),
    finishTime: date(row.finish_time),
    rollbackTime: date(row.rollback_time),
    options: parseOptions(text(row.options)),
    customData: text(row.custom_data),
    nextCronInterval: Number(row.next_cron_interval ?? 0),
    nextCronTime: date(row.next_cron_time) ?? new Date(0),
    owner: text(row.owner),
    extData: text(row.ext_data),
    result: text(row.result),
    rollbackReason: text(row.rollback_reason),
  };
}

export function branchValues(branch: Branch): unknown[] {
  return [
    branch.gid,
    branch.url,
    branch.payload,
    branch.branchId,
    branch.op,
    branch.status,
    branch.finishTime ?? null,
    branch.rollbackTime ?? null,
    branch.createTime,
    branch.updateTime,
  ];
}

export function toBranch(row: RowDataPacket): Branch {
  return {
    id: text(row.id),
    gid: text(row.gid),
    url: text(row.url),
    payload: Buffer.isBuffer(row.bin_data) ? row.bin_data : Buffer.alloc(0),
    branchId: text(row.branch_id),
    op: text(row.op),
    status: text(row.status) as BranchStatus,
    createTime: date(row.create_time) ?? new Date(0),
    updateTime: date(row.update_time) ?? new Date(0),
    finishTime: date(row.finish_time),
    rollbackTime: date(row.rollback_time),
  };
}

export function toKv(row: RowDataPacket): KvEntry {
  return {
    id: text(row.id),
    cat: text(row.cat),
    key: text(row.k),
    value: text(row.v),
    version: Number(row.version ?? 1),
    createTime: date(row.create_time) ?? new Date(0),
    updateTime: date(row.update_time) ?? new Date(0),
  };
}

/** `next_position` as DTM computes it: the last id when the page came back full. */
export function nextPosition(rows: { id?: string }[], limit: number): string {
  return rows.length === limit ? (rows.at(-1)?.id ?? '') : '';
}

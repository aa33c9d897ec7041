/** The statuses a global transaction moves through (reference §4.2). */
export type GlobalStatus = 'prepared' | 'submitted' | 'aborting' | 'succeed' | 'failed';
export type BranchStatus = 'prepared' | 'succeed' | 'failed';
export type TransType = 'saga' | 'msg' | 'tcc' | 'xa' | 'workflow';
export type Protocol = 'http' | 'grpc' | 'json-rpc';

export const TRANS_TYPES: readonly TransType[] = ['saga', 'msg', 'tcc', 'xa', 'workflow'];

/** Statuses the cron still has work for. */
export const UNFINISHED: readonly GlobalStatus[] = ['prepared', 'submitted', 'aborting'];

/** Statuses nothing moves out of: no branch is called for them again. */
export const FINISHED: readonly GlobalStatus[] = ['succeed', 'failed'];

/** The per-transaction knobs, stored as JSON in `trans_global.options` (reference §4.7). */
export interface TransOptions {
  wait_result?: boolean;
  timeout_to_fail?: number;
  request_timeout?: number;
  retry_interval?: number;
  branch_headers?: Record<string, string>;
  concurrent: boolean;
  retry_limit?: number;
  retry_count?: number;
}

export interface TransGlobal {
  /** Row id; absent until stored. A decimal string, as BIGINT comes back from MySQL. */
  id?: string;
  gid: string;
  transType: TransType;
  status: GlobalStatus;
  queryPrepared: string;
  protocol: Protocol;
  createTime: Date;
  updateTime: Date;
  finishTime?: Date;
  rollbackTime?: Date;
  options: TransOptions;
  customData: string;
  nextCronInterval: number;
  nextCronTime: Date;
  owner: string;
  extData: string;
  result: string;
  rollbackReason: string;
}

export interface Branch {
  id?: string;
  gid: string;
  url: string;
  payload: Buffer;
  branchId: string;
  op: string;
  status: BranchStatus;
  createTime: Date;
  updateTime: Date;
  finishTime?: Date;
  rollbackTime?: Date;
}

export interface KvEntry {
  id?: string;
  cat: string;
  key: string;
  value: string;
  version: number;
  createTime: Date;
  updateTime: Date;
}

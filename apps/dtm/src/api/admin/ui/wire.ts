// The JSON of the admin console's API (`/admin/api/*`): written by the server, read by the page.
// Times are ISO 8601 strings in UTC; `now` is the server's clock, so ages do not depend on the browser's.

export type GlobalStatus = 'prepared' | 'submitted' | 'aborting' | 'succeed' | 'failed';

export interface AdminTransaction {
  id: string;
  gid: string;
  transType: string;
  status: GlobalStatus;
  protocol: string;
  createTime: string;
  updateTime: string;
  finishTime: string | null;
  rollbackTime: string | null;
  nextCronTime: string | null;
  /** Seconds. */
  nextCronInterval: number;
  rollbackReason: string;
}

export interface AdminTransactionDetail extends AdminTransaction {
  /** Option keys and values, except `branch_headers`, whose values are secrets. */
  options: Record<string, unknown>;
  /** Names of the headers sent with every branch call; their values are never shown. */
  branchHeaders: string[];
  customData: string;
  queryPrepared: string;
  result: string;
  owner: string;
}

export interface AdminBranch {
  id: string;
  branchId: string;
  op: string;
  status: 'prepared' | 'succeed' | 'failed';
  /** The target, with any user:password and query values masked. */
  url: string;
  payloadBytes: number;
  createTime: string;
  updateTime: string;
  finishTime: string | null;
  rollbackTime: string | null;
}

export interface AdminPage {
  now: string;
  transactions: AdminTransaction[];
  /** Pass as `cursor` for the next (older) page; '' when this was the last one. */
  nextCursor: string;
}

export interface AdminDetail {
  now: string;
  transaction: AdminTransactionDetail;
  branches: AdminBranch[];
}

export interface AdminInfo {
  now: string;
  version: string;
  /** The server-wide defaults, in seconds. */
  settings: { retryInterval: number; maxRetryInterval: number; requestTimeout: number; timeoutToFail: number };
}

export interface AdminError {
  message: string;
}

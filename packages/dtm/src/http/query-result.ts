/** A global transaction as `/query` returns it; empty columns are left out by the server. */
export interface DtmTransactionRecord {
  id: number;
  create_time: string | null;
  update_time: string | null;
  gid?: string;
  trans_type?: string;
  status?: 'prepared' | 'submitted' | 'aborting' | 'succeed' | 'failed';
  protocol?: string;
  finish_time?: string;
  rollback_time?: string;
  result?: string;
  rollback_reason?: string;
  /** JSON text of the transaction's options. */
  options?: string;
  /** JSON text, e.g. the saga's `{"concurrent":true,"orders":{…}}`. */
  custom_data?: string;
  next_cron_interval?: number;
  next_cron_time?: string;
  owner?: string;
}

/** One branch op (`action`, `compensate`, …) of a transaction. */
export interface DtmBranchRecord {
  id: number;
  create_time: string | null;
  update_time: string | null;
  gid?: string;
  url?: string;
  /** The payload, base64. */
  bin_data?: string;
  branch_id?: string;
  op?: string;
  status?: 'prepared' | 'succeed' | 'failed';
  finish_time?: string;
  rollback_time?: string;
}

export interface DtmQueryResult {
  /** null when the server knows no transaction with that gid. */
  transaction: DtmTransactionRecord | null;
  branches: DtmBranchRecord[];
}

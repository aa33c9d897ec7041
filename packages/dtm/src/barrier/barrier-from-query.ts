import { BranchBarrier, type BarrierOptions } from './branch-barrier.js';
import { readTransInfo } from './trans-info.js';

const queryKeys = { transType: 'trans_type', gid: 'gid', branchId: 'branch_id', op: 'op' };

/** A query string already parsed: `URLSearchParams`, or a framework's object of values. */
export type QueryParams = URLSearchParams | Record<string, unknown>;

function firstValue(query: QueryParams, key: string): string | undefined {
  if (query instanceof URLSearchParams) return query.get(key) ?? undefined;
  const value = query[key];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** A barrier for the HTTP branch call with query `query`. Build one per request, never share it. */
export function barrierFromQuery(query: QueryParams, options?: BarrierOptions): BranchBarrier {
  return new BranchBarrier(
    readTransInfo((key) => firstValue(query, key), queryKeys),
    options,
  );
}

import type { Branch, KvEntry, TransGlobal } from '../../trans/types.js';

const pad = (value: number) => String(Math.abs(Math.trunc(value))).padStart(2, '0');

/** RFC 3339 in the server's local offset, as Go's time.Time marshals (`2024-01-01T10:00:00+08:00`). */
export function rfc3339(date: Date | undefined): string | null {
  if (!date) return null;
  const offset = -date.getTimezoneOffset();
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${zone}`
  );
}

/** Drops empty values, as Go's `omitempty` does. */
function compact(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(entries).filter(([, value]) => value !== '' && value != null && value !== 0),
  );
}

/** A stored transaction as DTM's query/all return it (reference §1.6). */
export function transactionJson(trans: TransGlobal): Record<string, unknown> {
  return {
    id: Number(trans.id),
    create_time: rfc3339(trans.createTime),
    update_time: rfc3339(trans.updateTime),
    ...compact({
      gid: trans.gid,
      trans_type: trans.transType,
      status: trans.status,
      query_prepared: trans.queryPrepared,
      protocol: trans.protocol,
      finish_time: rfc3339(trans.finishTime),
      rollback_time: rfc3339(trans.rollbackTime),
      result: trans.result,
      rollback_reason: trans.rollbackReason,
      options: JSON.stringify(trans.options),
      custom_data: trans.customData,
      next_cron_interval: trans.nextCronInterval,
      next_cron_time: rfc3339(trans.nextCronTime),
      owner: trans.owner,
      ext_data: trans.extData,
    }),
    concurrent: false,
  };
}

export function branchJson(branch: Branch): Record<string, unknown> {
  return {
    id: Number(branch.id),
    create_time: rfc3339(branch.createTime),
    update_time: rfc3339(branch.updateTime),
    ...compact({
      gid: branch.gid,
      url: branch.url,
      bin_data: branch.payload.length > 0 ? branch.payload.toString('base64') : '',
      branch_id: branch.branchId,
      op: branch.op,
      status: branch.status,
      finish_time: rfc3339(branch.finishTime),
      rollback_time: rfc3339(branch.rollbackTime),
    }),
  };
}

export function kvJson(entry: KvEntry): Record<string, unknown> {
  return {
    id: Number(entry.id),
    create_time: rfc3339(entry.createTime),
    update_time: rfc3339(entry.updateTime),
    cat: entry.cat,
    k: entry.key,
    v: entry.value,
    version: entry.version,
  };
}

import type { Branch, TransGlobal } from '../../trans/types.js';
import type { AdminBranch, AdminTransaction, AdminTransactionDetail } from './ui/wire.js';

const iso = (date: Date | undefined) => (date ? date.toISOString() : null);

/**
 * A branch target, or a text quoting one (a failure reason), as the console may show it:
 * `user:password@` and every query value masked, since either can carry a credential. Works on
 * every target form (http URLs, `host:port/pkg.Svc/Method`, `etcd://…`) and inside sentences,
 * which is why it is a text rewrite and not a URL parse.
 */
export function maskTarget(text: string): string {
  return text.replace(/\/\/[^/?#@\s]*@/g, '//***@').replace(/([?&][^=&#\s]*)=[^&#\s]*/g, '$1=***');
}

export function adminTransaction(trans: TransGlobal): AdminTransaction {
  return {
    id: trans.id ?? '',
    gid: trans.gid,
    transType: trans.transType,
    status: trans.status,
    protocol: trans.protocol,
    createTime: trans.createTime.toISOString(),
    updateTime: trans.updateTime.toISOString(),
    finishTime: iso(trans.finishTime),
    rollbackTime: iso(trans.rollbackTime),
    nextCronTime: iso(trans.nextCronTime),
    nextCronInterval: trans.nextCronInterval,
    rollbackReason: maskTarget(trans.rollbackReason),
  };
}

/** Everything about a transaction except its secrets: branch header values and `ext_data`. */
export function adminTransactionDetail(trans: TransGlobal): AdminTransactionDetail {
  const { branch_headers: headers, ...options } = trans.options;
  return {
    ...adminTransaction(trans),
    options,
    branchHeaders: Object.keys(headers ?? {}).sort(),
    customData: trans.customData,
    queryPrepared: maskTarget(trans.queryPrepared),
    result: maskTarget(trans.result),
    owner: trans.owner,
  };
}

/** A branch row without its payload, which is business data: only its size is shown. */
export function adminBranch(branch: Branch): AdminBranch {
  return {
    id: branch.id ?? '',
    branchId: branch.branchId,
    op: branch.op,
    status: branch.status,
    url: maskTarget(branch.url),
    payloadBytes: branch.payload.length,
    createTime: branch.createTime.toISOString(),
    updateTime: branch.updateTime.toISOString(),
    finishTime: iso(branch.finishTime),
    rollbackTime: iso(branch.rollbackTime),
  };
}

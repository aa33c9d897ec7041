import { failure, invalid, notFound } from '../errors.js';
import type { UseCaseDeps } from './deps.js';

/**
 * Abort is for TCC/XA (while prepared or aborting) and msg (while prepared); a saga can only be
 * force-stopped. Rolling back TCC/XA/msg is not driven by this server yet, so those are refused
 * plainly instead of being left half done.
 */
export async function abort(deps: UseCaseDeps, gid: string): Promise<void> {
  const trans = await deps.store.findGlobal(gid);
  if (!trans) throw notFound(gid);
  const { transType: type, status } = trans;
  const abortable =
    ((type === 'tcc' || type === 'xa') && (status === 'prepared' || status === 'aborting')) ||
    (type === 'msg' && status === 'prepared');
  if (!abortable) throw failure(`trans type: '${type}' current status '${status}', cannot abort`);
  throw invalid(`aborting ${type} transactions is not supported by this server yet`);
}

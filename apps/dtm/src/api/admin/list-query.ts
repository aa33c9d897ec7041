import { z } from 'zod';
import { invalid } from '../../errors.js';
import type { GlobalScan } from '../../store/store.js';
import { TRANS_TYPES, type GlobalStatus, type TransType } from '../../trans/types.js';
import { cleanId } from '../http/trans-body.js';

const STATUSES: GlobalStatus[] = ['prepared', 'submitted', 'aborting', 'succeed', 'failed'];
const blank = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const millis = z.coerce.number({ error: 'must be epoch milliseconds' }).int('must be epoch milliseconds').min(0);

const listQuery = z.object({
  status: optional(z.enum(STATUSES, { error: `must be one of ${STATUSES.join(', ')}` })),
  type: optional(
    z.enum(TRANS_TYPES as [TransType, ...TransType[]], { error: `must be one of ${TRANS_TYPES.join(', ')}` }),
  ),
  gid: optional(z.string().transform(cleanId).pipe(z.string().max(128, 'is longer than 128 characters'))),
  from: optional(millis),
  to: optional(millis),
  cursor: optional(z.string().regex(/^\d{1,19}$/, 'must be a transaction id')),
  limit: optional(z.coerce.number().int().min(1).max(100, 'must be at most 100')),
});

/**
 * The console's list filters: status, type, gid prefix, create-time range (epoch milliseconds, as
 * DTM's UI sends them) and an id cursor, newest first, 20 a page unless `limit` says otherwise.
 */
export function parseListQuery(query: Record<string, string | string[] | undefined>): GlobalScan {
  const single = Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  const parsed = listQuery.safeParse(single);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  const { status, type, gid, from, to, cursor, limit } = parsed.data;
  if (from !== undefined && to !== undefined && from > to) throw invalid('from: must not be after to');
  return {
    position: cursor,
    limit: limit ?? 20,
    status,
    transType: type,
    gidPrefix: gid,
    createdFrom: from === undefined ? undefined : new Date(from),
    createdTo: to === undefined ? undefined : new Date(to),
  };
}

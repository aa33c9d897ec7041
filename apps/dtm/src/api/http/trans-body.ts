import { z } from 'zod';
import { invalid } from '../../errors.js';
import type { TransRequest } from '../../trans/request.js';
import { TRANS_TYPES, type TransOptions, type TransType } from '../../trans/types.js';

// Some SDKs send null or 0 for options they do not set; both mean "unset" here.
const unset = (value: unknown) => (value === null || value === 0 || value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unset, schema.optional());
const seconds = optional(z.number().int().min(0).max(31_536_000));

/** Strips what DTM strips from ids before they reach SQL or logs. */
export const cleanId = (value: string) => value.replace(/[\n\r;]/g, '');

export const gidField = z
  .string({ error: 'gid is required' })
  .transform(cleanId)
  .pipe(
    z
      .string()
      .min(1, 'gid is required')
      .max(128, 'gid is longer than 128 characters')
      // "\ud800" and "\udfff" would both be stored as U+FFFD: two gids, one row.
      .refine((gid) => !/\p{Cs}/u.test(gid), 'gid must be valid Unicode (a lone surrogate is not)'),
  );

const transBody = z.object({
  gid: gidField,
  trans_type: z.enum(TRANS_TYPES as [TransType, ...TransType[]], {
    error: `trans_type must be one of ${TRANS_TYPES.join(', ')}`,
  }),
  steps: optional(z.array(z.record(z.string(), z.string()))),
  payloads: optional(z.array(z.string())),
  custom_data: optional(z.string().max(1024)),
  query_prepared: optional(z.string().max(1024)),
  protocol: optional(z.enum(['http', 'grpc', 'json-rpc'])),
  rollback_reason: optional(z.string()),
  wait_result: optional(z.boolean()),
  timeout_to_fail: seconds,
  request_timeout: seconds,
  retry_interval: seconds,
  branch_headers: optional(z.record(z.string(), z.string())),
  concurrent: optional(z.boolean()),
  retry_limit: optional(z.number().int().min(0).max(1_000_000)),
  retry_count: optional(z.number().int().min(0)),
});

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}

/** Keys with a value, in DTM's option order; `concurrent` is always there, as DTM stores it. */
function options(body: z.output<typeof transBody>): TransOptions {
  const picked: TransOptions = { concurrent: body.concurrent ?? false };
  if (body.wait_result) picked.wait_result = true;
  if (body.timeout_to_fail) picked.timeout_to_fail = body.timeout_to_fail;
  if (body.request_timeout) picked.request_timeout = body.request_timeout;
  if (body.retry_interval) picked.retry_interval = body.retry_interval;
  if (body.branch_headers && Object.keys(body.branch_headers).length > 0) picked.branch_headers = body.branch_headers;
  if (body.retry_limit) picked.retry_limit = body.retry_limit;
  if (body.retry_count) picked.retry_count = body.retry_count;
  return picked;
}

/**
 * The transaction JSON of prepare/submit (reference §1.3, §1.5). A step's payload comes from
 * `payloads[i]` or, in the older form, from the step's own `data` key.
 */
export function parseTransBody(raw: unknown): TransRequest {
  const parsed = transBody.safeParse(raw);
  if (!parsed.success) throw invalid(describe(parsed.error));
  const body = parsed.data;
  const rawSteps = body.steps ?? [];
  const inline = rawSteps.flatMap((step) => (step.data === undefined ? [] : [step.data]));
  const payloads = [...(body.payloads ?? []), ...inline].map((payload) => Buffer.from(payload));
  return {
    gid: body.gid,
    transType: body.trans_type,
    protocol: body.protocol ?? 'http',
    steps: rawSteps.map(({ data: _data, ...urls }) => urls),
    payloads,
    customData: body.custom_data ?? '',
    queryPrepared: body.query_prepared ?? '',
    rollbackReason: body.rollback_reason ?? '',
    options: options(body),
  };
}

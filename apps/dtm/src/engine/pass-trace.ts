import { SpanKind, SpanStatusCode, type TraceHeaders, type Tracing } from '@mall/tracing';
import type { Outcome } from '../invoke/outcome.js';
import { storedTrace } from '../trans/trace-context.js';
import type { Branch, TransGlobal } from '../trans/types.js';

/** What started a pass: the API request that submitted the transaction, or the cron resuming it. */
export type PassTrigger = 'request' | 'cron';

export interface PassSpan {
  /** Names the pass's span: the parent of its branch calls. */
  headers: TraceHeaders;
  end(error?: unknown): void;
}

export interface BranchSpan {
  /** Sent with the branch call, so the branch's own spans are its children. */
  headers: TraceHeaders;
  end(outcome: Outcome): void;
}

/**
 * A span over one pass, the child of the trace context stored with the transaction: the pass
 * right after submit and the cron's passes minutes later (retries, compensations) all join the
 * trace of the request that submitted it.
 */
export function startPassSpan(
  tracing: Tracing | undefined,
  trans: TransGlobal,
  trigger: PassTrigger,
): PassSpan | undefined {
  if (!tracing?.enabled) return undefined;
  const { span, headers } = tracing.startSpan(`${trans.transType} pass`, {
    parent: storedTrace(trans.extData),
    attributes: {
      'dtm.gid': trans.gid,
      'dtm.trans_type': trans.transType,
      'dtm.trigger': trigger,
      'dtm.status.from': trans.status,
    },
  });
  return {
    headers,
    end(error) {
      span.setAttribute('dtm.status.to', trans.status);
      if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      span.end();
    },
  };
}

/** `order.Order/Create` for a gRPC target, the path for an HTTP one: low-cardinality span names. */
function operationOf(url: string): string {
  if (/^https?:\/\//.test(url)) return URL.canParse(url) ? new URL(url).pathname : 'http';
  return /\/([\w.]+\/\w+)$/.exec(url)?.[1] ?? 'grpc';
}

/** A client span over one branch call (`action order.Order/Create`, `compensate …`), the child of its pass. */
export function startBranchSpan(tracing: Tracing, pass: PassSpan, gid: string, branch: Branch): BranchSpan {
  const { span, headers } = tracing.startSpan(`${branch.op} ${operationOf(branch.url)}`, {
    kind: SpanKind.CLIENT,
    parent: pass.headers,
    attributes: { 'dtm.gid': gid, 'dtm.branch_id': branch.branchId, 'dtm.op': branch.op, 'dtm.url': branch.url },
  });
  return {
    headers,
    end(outcome) {
      span.setAttribute('dtm.result', outcome.result);
      if (outcome.result === 'FAILURE' || outcome.result === 'ERROR') {
        span.setStatus({ code: SpanStatusCode.ERROR, message: `${outcome.result}: ${outcome.message}` });
      }
      span.end();
    },
  };
}

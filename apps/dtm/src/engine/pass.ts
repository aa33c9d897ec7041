import type { Logger } from '@mall/logger';
import { logFieldsOf, type Tracing } from '@mall/tracing';
import type { Clock } from '../clock.js';
import { StaleTransaction } from '../errors.js';
import type { BranchInvoker } from '../invoke/invoker.js';
import type { DtmMetrics } from '../metrics.js';
import type { Store, StatusChange } from '../store/store.js';
import type { EngineSettings } from '../trans/settings.js';
import { startPassSpan, type PassSpan, type PassTrigger } from './pass-trace.js';
import type { Branch, GlobalStatus, TransGlobal } from '../trans/types.js';

/** What every processing pass needs; built once in `main`. */
export interface EngineDeps {
  store: Store;
  invoker: BranchInvoker;
  clock: Clock;
  settings: EngineSettings;
  logger: Logger;
  metrics: DtmMetrics;
  /** A span per pass and per branch call, joined to the trace stored with the transaction. */
  tracing?: Tracing | undefined;
}

/** One processing pass over one transaction: the row as this pass sees it, and when it started. */
export interface Pass {
  deps: EngineDeps;
  trans: TransGlobal;
  startedAt: Date;
  /** When this pass last moved the retry schedule. */
  lastTouch: Date;
  /**
   * Branches that finished in this pass but are not written yet: they go with the pass's next
   * write, which always comes before another branch call starts (see `recordResults`). A crash
   * before that write costs what it costs when each result is written on its own: the branch
   * whose result was in flight is called again, and a no-op costs nothing to run again.
   */
  unrecorded: Branch[];
  /** Real (non-empty URL) branch calls of this pass under way. */
  calling: number;
  /** The pass's span, when tracing is on. */
  span: PassSpan | undefined;
  /** The pass's logger, tagged with the transaction; made on first use. */
  readonly logger: Logger;
}

export function startPass(deps: EngineDeps, trans: TransGlobal, trigger: PassTrigger = 'request'): Pass {
  const now = deps.clock.now();
  let logger: Logger | undefined;
  const span = startPassSpan(deps.tracing, trans, trigger);
  return {
    deps,
    trans,
    startedAt: now,
    lastTouch: now,
    unrecorded: [],
    calling: 0,
    span,
    get logger() {
      const tagged = { gid: trans.gid, trans_type: trans.transType, ...logFieldsOf(span?.headers) };
      return (logger ??= deps.logger.child(tagged));
    },
  };
}

/** Takes the results still to write (the next write carries them). */
export function takeUnrecorded(pass: Pass): Branch[] {
  const branches = pass.unrecorded;
  pass.unrecorded = [];
  return branches;
}

/**
 * Writes the results still unwritten, conditional on the status this pass saw. Runs before every
 * real branch call, so that what a later pass reads after a crash shows every step the call could
 * have depended on (and so compensates it if needed), and at the end of a pass.
 */
export async function recordResults(pass: Pass): Promise<void> {
  if (pass.unrecorded.length === 0) return;
  const { trans, deps } = pass;
  await deps.store.updateBranches(trans.gid, takeUnrecorded(pass), trans.status);
}

/**
 * Moves the global status, conditional on the status this pass saw, writing the pass's unwritten
 * branch results in the same atomic step; stops the pass if someone else moved it.
 */
export async function moveTo(pass: Pass, to: GlobalStatus, change: Omit<StatusChange, 'now'> = {}): Promise<void> {
  const { trans, deps } = pass;
  const stamped = { now: deps.clock.now(), ...change };
  const moved = await deps.store.changeStatus(trans.gid, trans.status, to, stamped, takeUnrecorded(pass));
  if (!moved) throw new StaleTransaction(`transaction ${trans.gid} is no longer ${trans.status}`);
  if (deps.logger.isLevelEnabled('info'))
    pass.logger.info({ from: trans.status, to, reason: change.rollbackReason }, 'transaction status changed');
  trans.status = to;
  if (change.rollbackReason !== undefined) trans.rollbackReason = change.rollbackReason;
}

/** Whether a submitted transaction has run past its own timeout_to_fail. */
export function timedOut(pass: Pass): boolean {
  const timeout = pass.trans.options.timeout_to_fail ?? 0;
  return timeout > 0 && pass.deps.clock.now().getTime() - pass.trans.createTime.getTime() >= timeout * 1000;
}

import type { Logger } from '@mall/logger';
import type { Clock } from '../clock.js';
import { StaleTransaction } from '../errors.js';
import type { BranchInvoker } from '../invoke/invoker.js';
import type { Metrics } from '../metrics.js';
import type { Store, StatusChange } from '../store/store.js';
import type { EngineSettings } from '../trans/settings.js';
import type { GlobalStatus, TransGlobal } from '../trans/types.js';

/** What every processing pass needs; built once in `main`. */
export interface EngineDeps {
  store: Store;
  invoker: BranchInvoker;
  clock: Clock;
  settings: EngineSettings;
  logger: Logger;
  metrics: Metrics;
}

/** One processing pass over one transaction: the row as this pass sees it, and when it started. */
export interface Pass {
  deps: EngineDeps;
  trans: TransGlobal;
  startedAt: Date;
  /** When this pass last moved the retry schedule. */
  lastTouch: Date;
  logger: Logger;
}

export function startPass(deps: EngineDeps, trans: TransGlobal): Pass {
  const now = deps.clock.now();
  return {
    deps,
    trans,
    startedAt: now,
    lastTouch: now,
    logger: deps.logger.child({ gid: trans.gid, trans_type: trans.transType }),
  };
}

/** Moves the global status, conditional on the status this pass saw; stops the pass if someone else moved it. */
export async function moveTo(pass: Pass, to: GlobalStatus, change: Omit<StatusChange, 'now'> = {}): Promise<void> {
  const { trans, deps } = pass;
  const moved = await deps.store.changeStatus(trans.gid, trans.status, to, { now: deps.clock.now(), ...change });
  if (!moved) throw new StaleTransaction(`transaction ${trans.gid} is no longer ${trans.status}`);
  pass.logger.info({ from: trans.status, to, reason: change.rollbackReason }, 'transaction status changed');
  trans.status = to;
  if (change.rollbackReason !== undefined) trans.rollbackReason = change.rollbackReason;
}

/** Whether a submitted transaction has run past its own timeout_to_fail. */
export function timedOut(pass: Pass): boolean {
  const timeout = pass.trans.options.timeout_to_fail ?? 0;
  return timeout > 0 && pass.deps.clock.now().getTime() - pass.trans.createTime.getTime() >= timeout * 1000;
}

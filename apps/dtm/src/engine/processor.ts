import { StaleTransaction } from '../errors.js';
import { runSagaPass } from '../saga/saga-pass.js';
import type { Branch, TransGlobal, TransType } from '../trans/types.js';
import { recordResults, startPass, type EngineDeps, type Pass } from './pass.js';
import type { PassTrigger } from './pass-trace.js';

type PassRunner = (pass: Pass, branches: Branch[]) => Promise<void>;

/** One pass runner per transaction type; only sagas are driven so far. */
const RUNNERS: Partial<Record<TransType, PassRunner>> = { saga: runSagaPass };

export const canProcess = (type: TransType) => RUNNERS[type] !== undefined;

export interface Processor {
  /**
   * Runs one pass over `trans` (loading its branches unless given) and resolves when it is over:
   * true when the pass ran to its end, every write of it committed, with `trans.status` as it
   * left it; false when it stopped early (moved on elsewhere, or an error the cron will retry).
   */
  process(trans: TransGlobal, branches?: Branch[], trigger?: PassTrigger): Promise<boolean>;
  /** Starts a pass without waiting for it. */
  processLater(trans: TransGlobal, branches?: Branch[]): void;
  /** Resolves once every pass started so far has finished (shutdown drains with it; tests sync on it). */
  idle(): Promise<void>;
}

export function createProcessor(deps: EngineDeps): Processor {
  const inFlight = new Set<Promise<boolean>>();

  const process = async (trans: TransGlobal, given?: Branch[], trigger?: PassTrigger) => {
    const runner = RUNNERS[trans.transType];
    if (!runner) return false;
    const pass = startPass(deps, trans, trigger);
    try {
      const branches = given ?? (await deps.store.findBranches(trans.gid));
      await runner(pass, branches);
      await recordResults(pass);
      deps.metrics.transactionProcessed(trans, deps.clock.now());
      pass.span?.end();
      return true;
    } catch (error) {
      const stale = error instanceof StaleTransaction;
      if (stale) {
        pass.logger.info({ reason: error.message }, 'pass stopped: moved on elsewhere');
      } else {
        pass.logger.error({ err: error }, 'pass failed; the cron will resume the transaction');
        deps.metrics.transactionProcessed(trans, deps.clock.now());
      }
      pass.span?.end(stale ? undefined : error);
      return false;
    }
  };

  return {
    process,
    processLater(trans, branches) {
      const running = process(trans, branches).finally(() => inFlight.delete(running));
      inFlight.add(running);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}

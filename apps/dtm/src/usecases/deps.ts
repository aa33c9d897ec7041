import type { Clock } from '../clock.js';
import type { Processor } from '../engine/processor.js';
import type { BranchInvoker } from '../invoke/invoker.js';
import type { Store } from '../store/store.js';
import type { EngineSettings } from '../trans/settings.js';

/** What the API's use cases work with; the HTTP and gRPC edges share one instance. */
export interface UseCaseDeps {
  store: Store;
  processor: Processor;
  invoker: BranchInvoker;
  clock: Clock;
  settings: EngineSettings;
}

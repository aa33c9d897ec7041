import type { BenchContext } from '../context.js';
import type { ScenarioName } from '../options.js';
import { dtmBarrier } from './dtm-barrier.js';
import { dtmEmpty } from './dtm-empty.js';
import { mallOrder } from './mall-order.js';
import type { ScenarioReport } from './scenario.js';

export const SCENARIOS: Record<ScenarioName, (ctx: BenchContext) => Promise<ScenarioReport>> = {
  'dtm-empty': dtmEmpty,
  'dtm-barrier': dtmBarrier,
  'mall-order': mallOrder,
};

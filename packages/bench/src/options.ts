import { parseArgs } from 'node:util';

export const SCENARIO_NAMES = ['dtm-empty', 'dtm-barrier', 'mall-order'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface BenchOptions {
  scenarios: ScenarioName[];
  concurrency: number[];
  /** Measured seconds per step, after `warmupSeconds` of the same load. */
  seconds: number;
  warmupSeconds: number;
  /** Operations per step at most (warm-up and measurement each). */
  maxOps: number;
  /** Also offer a fixed rate at this fraction of each variant's best closed-loop throughput. */
  rate?: number;
  /** mall-order's data: users placing orders and products they buy. */
  users: number;
  products: number;
  smoke: boolean;
}

export type ParsedArgs = { help: true } | { help: false; options: BenchOptions };

export const USAGE = `usage: pnpm bench [options]   (or node packages/bench/dist/cli.js after pnpm build)
  --scenarios LIST     ${SCENARIO_NAMES.join(',')} (default: all)
  --concurrency LIST   closed-loop clients per step (default 1,8,32,128)
  --seconds N          measured seconds per step (default 10)
  --warmup N           warm-up seconds before each step (default 2)
  --max-ops N          operations per step at most (default 200000)
  --rate F             then offer F x the best measured throughput open-loop, 0 < F <= 1 (e.g. 0.5)
  --users N            mall-order: users placing orders (default 50)
  --products N         mall-order: products ordered (default 20)
  --smoke              tiny run of every scenario (c=8, 2 s steps, --rate 0.5); exits 1 on any error
  --help`;

const DEFAULTS = { concurrency: [1, 8, 32, 128], seconds: 10, warmupSeconds: 2, users: 50, products: 20 };
const SMOKE = { concurrency: [8], seconds: 2, warmupSeconds: 0.5, users: 8, products: 4, rate: 0.5 };

function number(flag: string, text: string, min: number, max: number, integer = false): number {
  const value = Number(text);
  const ok = text.trim() !== '' && Number.isFinite(value) && value >= min && value <= max;
  if (!ok || (integer && !Number.isInteger(value))) {
    throw new Error(
      `--${flag} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${text}"`,
    );
  }
  return value;
}

function list<T>(text: string, item: (part: string) => T): T[] {
  const parts = text.split(',').map((part) => part.trim());
  return [...new Set(parts.filter(Boolean).map(item))];
}

function scenario(name: string): ScenarioName {
  if ((SCENARIO_NAMES as readonly string[]).includes(name)) return name as ScenarioName;
  throw new Error(`--scenarios: unknown scenario "${name}" (known: ${SCENARIO_NAMES.join(', ')})`);
}

/** The command line as options; throws one clear message on anything it does not accept. */
export function parseOptions(argv: string[]): ParsedArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      scenarios: { type: 'string' },
      concurrency: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      'max-ops': { type: 'string' },
      rate: { type: 'string' },
      users: { type: 'string' },
      products: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true };
  const base = values.smoke ? SMOKE : DEFAULTS;
  const options: BenchOptions = {
    scenarios: values.scenarios ? list(values.scenarios, scenario) : [...SCENARIO_NAMES],
    concurrency: values.concurrency
      ? list(values.concurrency, (part) => number('concurrency', part, 1, 1024, true))
      : [...base.concurrency],
    seconds: values.seconds ? number('seconds', values.seconds, 0.2, 3600) : base.seconds,
    warmupSeconds: values.warmup ? number('warmup', values.warmup, 0, 600) : base.warmupSeconds,
    maxOps: values['max-ops'] ? number('max-ops', values['max-ops'], 1, 10_000_000, true) : 200_000,
    users: values.users ? number('users', values.users, 1, 10_000, true) : base.users,
    products: values.products ? number('products', values.products, 1, 10_000, true) : base.products,
    smoke: values.smoke,
  };
  const rate = values.rate ? number('rate', values.rate, 0.01, 1) : values.smoke ? SMOKE.rate : undefined;
  if (rate !== undefined) options.rate = rate;
  if (options.scenarios.length === 0) throw new Error('--scenarios: name at least one scenario');
  if (options.concurrency.length === 0) throw new Error('--concurrency: give at least one value');
  return { help: false, options };
}

import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { ChaosConfig } from './config.js';

export interface ChaosOptions {
  /** Seeds the orders (who buys what, how many) and the fault plan; printed so a run can be replayed. */
  seed: number;
  users: number;
  products: number;
  /** Initial stock of each product; orders ask for 1–`maxNum` units, so most products sell out. */
  stock: number;
  maxNum: number;
  orders: number;
  /** Orders in flight at once at most. */
  concurrency: number;
  /** Seconds the orders are spread over, faults included; new orders stop at 2× this. */
  durationSeconds: number;
  /** Process kills per minute (DTM, order-rpc, product-rpc), beside one etcd restart and one second-DTM window. */
  faultsPerMinute: number;
  /** Seconds after the last fault within which every saga must have ended. */
  convergeBoundSeconds: number;
  /** Keep the apps' logs after a passing run too (a failing run always keeps them). */
  keepLogs: boolean;
}

/** The version `pnpm test` runs: fits in 60–120 s on a 2-core machine. */
export const CI_SIZE: Omit<ChaosOptions, 'seed' | 'keepLogs'> = {
  users: 12,
  products: 4,
  stock: 30,
  maxNum: 3,
  orders: 240,
  concurrency: 48,
  durationSeconds: 40,
  faultsPerMinute: 15,
  convergeBoundSeconds: 120,
};

/** `pnpm test:chaos` without flags: thousands of orders over three minutes, done in well under ten. */
export const LARGE_SIZE: Omit<ChaosOptions, 'seed' | 'keepLogs'> = {
  users: 50,
  products: 20,
  stock: 100,
  maxNum: 3,
  orders: 2500,
  concurrency: 64,
  durationSeconds: 180,
  faultsPerMinute: 12,
  convergeBoundSeconds: 120,
};

export const USAGE = `usage: pnpm test:chaos [options]   (each also as a CHAOS_* variable, e.g. CHAOS_SEED)
  --seed N             replay a run: same orders, same fault plan (default: random, printed)
  --users N            users placing orders, each signed up and logged in (default ${LARGE_SIZE.users})
  --products N         products ordered (default ${LARGE_SIZE.products})
  --stock N            initial stock of each product (default ${LARGE_SIZE.stock})
  --orders N           orders placed (default ${LARGE_SIZE.orders})
  --concurrency N      orders in flight at most (default ${LARGE_SIZE.concurrency})
  --duration N         seconds the orders and faults are spread over (default ${LARGE_SIZE.durationSeconds})
  --fault-rate N       process kills per minute (default ${LARGE_SIZE.faultsPerMinute})
  --converge-bound N   seconds after the last fault by which every saga must have ended (default ${LARGE_SIZE.convergeBoundSeconds})
  --keep-logs          keep the apps' logs after a passing run too
  --ci                 the small version pnpm test runs
  --help`;

function number(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

export type ParsedArgs = { help: true } | { help: false; options: ChaosOptions };

/** Flags, then CHAOS_* variables, then the chosen size; throws one clear message on anything wrong. */
export function parseOptions(argv: string[], config: ChaosConfig = {}): ParsedArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      seed: { type: 'string' },
      users: { type: 'string' },
      products: { type: 'string' },
      stock: { type: 'string' },
      orders: { type: 'string' },
      concurrency: { type: 'string' },
      duration: { type: 'string' },
      'fault-rate': { type: 'string' },
      'converge-bound': { type: 'string' },
      'keep-logs': { type: 'boolean', default: false },
      ci: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true };
  const size = values.ci ? CI_SIZE : LARGE_SIZE;
  const pick = (
    flag: string,
    given: string | undefined,
    variable: string | undefined,
    fallback: number,
    max: number,
  ) => {
    const text = given ?? variable;
    return text === undefined ? fallback : number(flag, text, flag === 'fault-rate' ? 0 : 1, max);
  };
  const options: ChaosOptions = {
    seed: pick('seed', values.seed, config.CHAOS_SEED, randomInt(1, 2 ** 31), 2 ** 32 - 1),
    users: pick('users', values.users, config.CHAOS_USERS, size.users, 10_000),
    products: pick('products', values.products, config.CHAOS_PRODUCTS, size.products, 10_000),
    stock: pick('stock', values.stock, config.CHAOS_STOCK, size.stock, 1_000_000),
    maxNum: size.maxNum,
    orders: pick('orders', values.orders, config.CHAOS_ORDERS, size.orders, 100_000),
    concurrency: pick('concurrency', values.concurrency, config.CHAOS_CONCURRENCY, size.concurrency, 1024),
    durationSeconds: pick('duration', values.duration, config.CHAOS_DURATION, size.durationSeconds, 3600),
    faultsPerMinute: pick('fault-rate', values['fault-rate'], config.CHAOS_FAULT_RATE, size.faultsPerMinute, 120),
    convergeBoundSeconds: pick(
      'converge-bound',
      values['converge-bound'],
      config.CHAOS_CONVERGE_BOUND,
      size.convergeBoundSeconds,
      3600,
    ),
    keepLogs: values['keep-logs'] || config.CHAOS_KEEP_LOGS === 'true',
  };
  return { help: false, options };
}

export const describeOptions = (options: ChaosOptions): string =>
  `seed ${options.seed} · ${options.users} users · ${options.products} products × ${options.stock} stock · ` +
  `${options.orders} orders of 1–${options.maxNum} units, ${options.concurrency} in flight · ` +
  `${options.durationSeconds} s · ${options.faultsPerMinute} kills/min · converge bound ${options.convergeBoundSeconds} s`;

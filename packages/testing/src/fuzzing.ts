// What every property-based hostile-input suite shares: run counts, seed, timeouts, the case tally.
/** The seed every hostile-input suite starts from, so CI replays the same cases run after run. */
export const DEFAULT_FUZZ_SEED = 20_261_122;

export interface FuzzParameters {
  numRuns: number;
  seed: number;
}

/**
 * fast-check's run count and seed for a property of the hostile-input suites. fast-check prints the
 * seed (and the path to the smallest failing case) when a property fails; to replay or explore:
 *
 * - `HOSTILE_SEED=<integer>` replays that seed, `HOSTILE_SEED=random` draws a new one;
 * - `HOSTILE_SCALE=<factor>` multiplies every run count, e.g. 20 for a long local run.
 */
export function fuzzParameters(numRuns: number, env: Record<string, string | undefined> = process.env): FuzzParameters {
  const scale = fuzzScale(env);
  const given = env.HOSTILE_SEED;
  const seed =
    given === undefined || given === ''
      ? DEFAULT_FUZZ_SEED
      : given === 'random'
        ? Math.floor(Math.random() * 2 ** 31)
        : Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`HOSTILE_SEED must be an integer or "random", not "${given}"`);
  return { numRuns: Math.max(1, Math.round(numRuns * scale)), seed };
}

function fuzzScale(env: Record<string, string | undefined>): number {
  const scale = Number(env.HOSTILE_SCALE ?? 1);
  if (!(scale > 0)) throw new Error(`HOSTILE_SCALE must be a positive number, not "${env.HOSTILE_SCALE}"`);
  return scale;
}

/**
 * A vitest timeout for a property test, grown with HOSTILE_SCALE. Generous on purpose: it only stops
 * a hung run, and CI machines are shared.
 */
export function fuzzTimeout(baseMs: number, env: Record<string, string | undefined> = process.env): number {
  return Math.round(baseMs * Math.max(1, fuzzScale(env)));
}

/** Counts the cases a hostile-input file tried, for the line it prints at the end (the CI figure). */
export function caseCounter(label: string) {
  let count = 0;
  return {
    tick: () => void (count += 1),
    report: () => console.log(`${label}: ${count} hostile cases tried`),
  };
}

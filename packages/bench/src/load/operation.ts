/** One unit of load: resolves when it succeeded, throws (any error) when it did not. */
export type Operation = () => Promise<void>;

/** What one load step observed. Latencies are in milliseconds, one per successful operation. */
export interface LoadResult {
  ok: number;
  errors: number;
  /** Error messages seen, with how often (the first words of each, so similar errors group). */
  errorKinds: Map<string, number>;
  latenciesMs: number[];
  /** From the first start to the last completion. */
  elapsedMs: number;
}

export const throughput = (result: LoadResult): number =>
  result.elapsedMs > 0 ? (result.ok * 1000) / result.elapsedMs : 0;

import type { LoadResult } from './operation.js';

const KIND_LENGTH = 120;
const MAX_KINDS = 20;

/** Accumulates the outcomes of one load step. */
export class Tally {
  private readonly latenciesMs: number[] = [];
  private readonly errorKinds = new Map<string, number>();
  private errors = 0;

  succeeded(latencyMs: number): void {
    this.latenciesMs.push(latencyMs);
  }

  failed(error: unknown): void {
    this.errors += 1;
    const text = error instanceof Error ? error.message : String(error);
    const kind = text.replace(/\s+/g, ' ').slice(0, KIND_LENGTH);
    if (this.errorKinds.has(kind) || this.errorKinds.size < MAX_KINDS) {
      this.errorKinds.set(kind, (this.errorKinds.get(kind) ?? 0) + 1);
    }
  }

  result(elapsedMs: number): LoadResult {
    return {
      ok: this.latenciesMs.length,
      errors: this.errors,
      errorKinds: this.errorKinds,
      latenciesMs: this.latenciesMs,
      elapsedMs,
    };
  }
}

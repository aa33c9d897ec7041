/** Gids `<tag>-<runId>-<n>`, made here rather than asked of DTM, so a step times only the saga. */
export function gidSource(tag: string, runId: string): () => string {
  let next = 0;
  return () => `${tag}-${runId}-${(next += 1)}`;
}

/** A whole number in [1, count]. */
export const pick = (count: number): number => 1 + Math.floor(Math.random() * count);

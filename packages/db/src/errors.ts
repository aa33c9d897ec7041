/** True for MySQL's ER_DUP_ENTRY (1062): a unique key said no. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { errno?: number }).errno === 1062;
}

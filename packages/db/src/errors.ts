/** True for MySQL's ER_DUP_ENTRY (1062): a unique key said no. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { errno?: number }).errno === 1062;
}

/** What the driver says when the server cannot be reached or the connection dropped. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
]);
/** ER_CON_COUNT_ERROR, ER_SERVER_SHUTDOWN, and the client's "can't connect" / "gone away" / "lost". */
const UNREACHABLE_ERRNOS = new Set([1040, 1053, 2002, 2003, 2006, 2013]);

/**
 * True when the database is out of reach (down, restarting, or dropping connections) rather than
 * refusing the statement: worth trying again later, and worth telling a client as "unavailable".
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // Not every error the driver marks `fatal` (a packet too large, a failed handshake) is an outage.
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return (
    (typeof code === 'string' && UNREACHABLE_CODES.has(code)) ||
    (typeof errno === 'number' && UNREACHABLE_ERRNOS.has(errno))
  );
}

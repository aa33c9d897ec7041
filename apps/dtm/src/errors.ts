/**
 * The closed vocabulary of what can go wrong, translated only at the HTTP and gRPC edges:
 * FAILURE and ONGOING are DTM's results; INVALID is a malformed request; NOT_FOUND an unknown gid.
 */
export type DtmErrorKind = 'FAILURE' | 'ONGOING' | 'INVALID' | 'NOT_FOUND';

export class DtmError extends Error {
  override readonly name = 'DtmError';

  constructor(
    readonly kind: DtmErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const MAX_MESSAGE = 240;

/** One line of sane length, whatever client text (a gid, a URL, a branch's answer) the message quotes. */
function brief(message: string): string {
  const line = message.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
  return line.length <= MAX_MESSAGE ? line : `${line.slice(0, MAX_MESSAGE)}…`;
}

/** A refusal worded as DTM words it: the text ends with ` FAILURE`, which old SDKs look for. */
export const failure = (message: string) => new DtmError('FAILURE', `${brief(message)} FAILURE`);
export const invalid = (message: string) => new DtmError('INVALID', brief(message));
export const notFound = (gid: string) => new DtmError('NOT_FOUND', brief(`no transaction with gid ${gid}`));

/** What a client is told while the database is out of reach (HTTP 503, gRPC UNAVAILABLE): retry later. */
export const STORAGE_UNAVAILABLE = 'storage unavailable, try again later';

/**
 * The global row is no longer in the status a writer saw: another pass or server instance moved
 * it on. Not an API error; the pass that meets it stops quietly.
 */
export class StaleTransaction extends Error {
  override readonly name = 'StaleTransaction';
}

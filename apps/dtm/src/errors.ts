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

/** A refusal worded as DTM words it: the text ends with ` FAILURE`, which old SDKs look for. */
export const failure = (message: string) => new DtmError('FAILURE', `${message} FAILURE`);
export const invalid = (message: string) => new DtmError('INVALID', message);
export const notFound = (gid: string) => new DtmError('NOT_FOUND', `no transaction with gid ${gid}`);

/** What a client is told while the database is out of reach (HTTP 503, gRPC UNAVAILABLE): retry later. */
export const STORAGE_UNAVAILABLE = 'storage unavailable, try again later';

/**
 * The global row is no longer in the status a writer saw: another pass or server instance moved
 * it on. Not an API error; the pass that meets it stops quietly.
 */
export class StaleTransaction extends Error {
  override readonly name = 'StaleTransaction';
}

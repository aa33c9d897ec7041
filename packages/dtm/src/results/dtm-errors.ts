/** DTM's FAILURE: the transaction (or branch) failed for good and must not be retried. */
export class DtmFailureError extends Error {
  override readonly name = 'DtmFailureError';

  constructor(
    message: string,
    /** The server's own words (its gRPC message or HTTP body), without this SDK's context. */
    readonly reply: string = message,
  ) {
    super(message);
  }
}

/** DTM's ONGOING: not finished yet; ask again later. */
export class DtmOngoingError extends Error {
  override readonly name = 'DtmOngoingError';
}

/** Any other unsuccessful reply from the DTM server: bad request, unreachable, timeout, internal error. */
export class DtmRequestError extends Error {
  override readonly name = 'DtmRequestError';
}

/** A barrier for op `msg` found its row already written: the message was handled before. */
export class DtmDuplicatedError extends Error {
  override readonly name = 'DtmDuplicatedError';
}

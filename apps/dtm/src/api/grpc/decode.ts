import type { DtmRequest } from '@mall/proto/dtmgimp';
import { invalid } from '../../errors.js';
import type { TransRequest } from '../../trans/request.js';
import { TRANS_TYPES, type TransOptions, type TransType } from '../../trans/types.js';

const seconds = (value: bigint | undefined, name: string): number | undefined => {
  if (!value) return undefined;
  if (value < 0n || value > 31_536_000n) throw invalid(`${name} is out of range`);
  return Number(value);
};

function parseSteps(json: string): Record<string, string>[] {
  if (!json) return [];
  let steps: unknown;
  try {
    steps = JSON.parse(json);
  } catch {
    throw invalid('Steps is not valid JSON');
  }
  const valid =
    Array.isArray(steps) &&
    (steps as unknown[]).every(
      (step) =>
        typeof step === 'object' && step !== null && Object.values(step).every((value) => typeof value === 'string'),
    );
  if (!valid) throw invalid('Steps must be a JSON array of objects with string values');
  return steps as Record<string, string>[];
}

/** A gRPC DtmRequest as the use cases take it (reference §2.1); its transactions get protocol `grpc`. */
export function decodeDtmRequest(request: DtmRequest): TransRequest {
  const gid = request.Gid.replace(/[\n\r;]/g, '');
  if (!gid || gid.length > 128) throw invalid('Gid is required (at most 128 characters)');
  if (!TRANS_TYPES.includes(request.TransType as TransType)) {
    throw invalid(`TransType must be one of ${TRANS_TYPES.join(', ')}`);
  }
  const given = request.TransOptions;
  const options: TransOptions = { concurrent: false };
  if (given?.WaitResult) options.wait_result = true;
  const timeoutToFail = seconds(given?.TimeoutToFail, 'TimeoutToFail');
  if (timeoutToFail) options.timeout_to_fail = timeoutToFail;
  const requestTimeout = seconds(given?.RequestTimeout, 'RequestTimeout');
  if (requestTimeout) options.request_timeout = requestTimeout;
  const retryInterval = seconds(given?.RetryInterval, 'RetryInterval');
  if (retryInterval) options.retry_interval = retryInterval;
  if (given && Object.keys(given.BranchHeaders).length > 0) options.branch_headers = given.BranchHeaders;
  const retryLimit = seconds(given?.RetryLimit, 'RetryLimit');
  if (retryLimit) options.retry_limit = retryLimit;
  return {
    gid,
    transType: request.TransType as TransType,
    protocol: 'grpc',
    steps: parseSteps(request.Steps),
    payloads: request.BinPayloads.map((payload) => Buffer.from(payload)),
    customData: request.CustomedData,
    queryPrepared: request.QueryPrepared,
    rollbackReason: request.RollbackReason,
    options,
  };
}

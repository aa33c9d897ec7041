export { DtmFailureError, DtmOngoingError, DtmRequestError, DtmDuplicatedError } from './results/dtm-errors.js';
export { errorFromHttpReply } from './results/read-http-reply.js';
export { errorFromGrpcError } from './results/read-grpc-error.js';
export { httpBranchReply, type HttpBranchReply } from './results/http-branch-reply.js';
export { toBranchAppError, branchServiceError, sagaBranch } from './results/grpc-branch-error.js';
export { readSubmitFailure, type SubmitFailure } from './results/submit-failure.js';

export { createHttpDtmClient, type HttpDtmClient, type HttpDtmClientOptions } from './http/http-dtm-client.js';
export type { DtmQueryResult, DtmTransactionRecord, DtmBranchRecord } from './http/query-result.js';
export { createGrpcDtmClient, type GrpcDtmClient, type GrpcDtmClientOptions } from './grpc/grpc-dtm-client.js';

export type { SagaOptions } from './saga/saga-options.js';
export { createHttpSaga, HttpSaga } from './saga/http-saga.js';
export { createGrpcSaga, GrpcSaga } from './saga/grpc-saga.js';

export { BranchBarrier, type BarrierOptions, type BarrierResult } from './barrier/branch-barrier.js';
export type { TransInfo } from './barrier/trans-info.js';
export { barrierFromGrpcMetadata, branchMetadata, carriesBranchInfo } from './barrier/barrier-from-grpc.js';
export { barrierFromQuery, type QueryParams } from './barrier/barrier-from-query.js';
export { ensureBarrierTable, barrierTableDdl } from './barrier/barrier-table.js';
export { DEFAULT_BARRIER_TABLE } from './barrier/table-name.js';
export { dtmGidFate, type GidFate } from './barrier/gid-fate.js';
export { pruneBarriers, type PruneBarriersOptions, type PruneReport } from './barrier/prune-barriers.js';
export { startBarrierJanitor, type BarrierJanitor, type BarrierJanitorOptions } from './barrier/barrier-janitor.js';

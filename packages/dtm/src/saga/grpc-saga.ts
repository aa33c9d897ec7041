import type { DtmRequest } from '@mall/proto/dtmgimp';
import type { GrpcDtmClient } from '../grpc/grpc-dtm-client.js';
import { checkSagaOptions, submitDeadlineMs, type SagaOptions } from './saga-options.js';
import { SagaSteps } from './saga-steps.js';

/** A saga whose branches are gRPC methods, submitted through DTM's gRPC API. */
export class GrpcSaga {
  private readonly plan: SagaSteps;
  private readonly payloads: Buffer[] = [];

  constructor(
    private readonly dtm: GrpcDtmClient,
    readonly gid: string,
    private readonly options: SagaOptions = {},
  ) {
    checkSagaOptions(options);
    this.plan = new SagaSteps(options.concurrent ?? false);
  }

  /**
   * Adds a step. Targets are `host:port/pkg.Service/Method` or a resolver form such as
   * `etcd://etcd:2379/order.rpc/order.Order/Create`; an empty target is a step that needs no call.
   * `message` is the encoded request (e.g. `CreateRequest.encode(request).finish()`), which DTM
   * passes unchanged to both the action and the compensation.
   */
  add(actionTarget: string, compensateTarget: string, message: Uint8Array): this {
    this.plan.add(actionTarget, compensateTarget);
    this.payloads.push(Buffer.from(message));
    return this;
  }

  /** Concurrent sagas only: step `branch` waits for the steps in `preceding` (0-based indexes). */
  addBranchOrder(branch: number, preceding: number[]): this {
    this.plan.addOrder(branch, preceding);
    return this;
  }

  async submit(): Promise<void> {
    this.plan.checkOrders();
    await this.dtm.submit(this.request(), submitDeadlineMs(this.options));
  }

  /** Filled as the Go client does: options always present, unused fields empty. */
  private request(): DtmRequest {
    const { waitResult, timeoutToFail, requestTimeout, retryInterval, retryLimit, branchHeaders } = this.options;
    return {
      Gid: this.gid,
      TransType: 'saga',
      TransOptions: {
        WaitResult: waitResult ?? false,
        TimeoutToFail: BigInt(timeoutToFail ?? 0),
        RetryInterval: BigInt(retryInterval ?? 0),
        BranchHeaders: { ...branchHeaders },
        RequestTimeout: BigInt(requestTimeout ?? 0),
        RetryLimit: BigInt(retryLimit ?? 0),
      },
      CustomedData: this.plan.customData() ?? '',
      BinPayloads: this.payloads,
      QueryPrepared: '',
      Steps: this.plan.stepsJson(),
      ReqExtra: {},
      RollbackReason: '',
    };
  }
}

export function createGrpcSaga(dtm: GrpcDtmClient, gid: string, options?: SagaOptions): GrpcSaga {
  return new GrpcSaga(dtm, gid, options);
}

import type { HttpDtmClient } from '../http/http-dtm-client.js';
import { goJson } from './go-json.js';
import { checkSagaOptions, submitDeadlineMs, type SagaOptions } from './saga-options.js';
import { SagaSteps } from './saga-steps.js';

/** A saga whose branches are HTTP endpoints, submitted through DTM's HTTP API. */
export class HttpSaga {
  private readonly plan: SagaSteps;
  private readonly payloads: string[] = [];

  constructor(
    private readonly dtm: HttpDtmClient,
    readonly gid: string,
    private readonly options: SagaOptions = {},
  ) {
    checkSagaOptions(options);
    this.plan = new SagaSteps(options.concurrent ?? false);
  }

  /**
   * Adds a step. DTM POSTs `payload` as JSON to `actionUrl`, and on rollback to `compensateUrl`;
   * an empty URL is a step that needs no call.
   */
  add(actionUrl: string, compensateUrl: string, payload: unknown): this {
    this.plan.add(actionUrl, compensateUrl);
    this.payloads.push(goJson(payload));
    return this;
  }

  /** Concurrent sagas only: step `branch` waits for the steps in `preceding` (0-based indexes). */
  addBranchOrder(branch: number, preceding: number[]): this {
    this.plan.addOrder(branch, preceding);
    return this;
  }

  async submit(): Promise<void> {
    this.plan.checkOrders();
    await this.dtm.submit(goJson(this.body()), submitDeadlineMs(this.options));
  }

  /** The submit body with the Go client's keys, in its order, leaving out what Go omits when empty. */
  private body(): Record<string, unknown> {
    const { waitResult, timeoutToFail, requestTimeout, retryInterval, retryLimit, branchHeaders } = this.options;
    const customData = this.plan.customData();
    const hasHeaders = branchHeaders !== undefined && Object.keys(branchHeaders).length > 0;
    const hasSteps = this.plan.steps.length > 0;
    return {
      gid: this.gid,
      trans_type: 'saga',
      ...(customData !== undefined ? { custom_data: customData } : {}),
      ...(waitResult ? { wait_result: true } : {}),
      ...(timeoutToFail ? { timeout_to_fail: timeoutToFail } : {}),
      ...(requestTimeout ? { request_timeout: requestTimeout } : {}),
      ...(retryInterval ? { retry_interval: retryInterval } : {}),
      ...(hasHeaders ? { branch_headers: branchHeaders } : {}),
      concurrent: this.options.concurrent ?? false,
      ...(retryLimit ? { retry_limit: retryLimit } : {}),
      ...(hasSteps ? { steps: this.plan.steps, payloads: this.payloads } : {}),
      protocol: '',
    };
  }
}

export function createHttpSaga(dtm: HttpDtmClient, gid: string, options?: SagaOptions): HttpSaga {
  return new HttpSaga(dtm, gid, options);
}

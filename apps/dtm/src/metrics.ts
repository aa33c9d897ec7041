import { Counter, Histogram, type Registry } from 'prom-client';
import type { RpcMetrics } from '@mall/rpc';
import type { TransGlobal } from './trans/types.js';

/**
 * DTM's metric families (dtmsvr/metrics.go), so dashboards made for DTM work unchanged. No label
 * names a gid: one series per transaction grows without bound (DTM took its gid labels out).
 */
export interface DtmMetrics {
  /**
   * One processing pass over a transaction, as DTM counts `Process`: `ok` when it left the
   * transaction succeeded; `fail` when it rolled it back, or it stays unfinished (a branch is
   * retried, or the pass broke off). Also observes the transaction's age.
   */
  transactionProcessed(trans: Pick<TransGlobal, 'transType' | 'status' | 'createTime'>, now: Date): void;
  /** One branch call: `ok` when the branch answered SUCCESS. */
  branchProcessed(model: string, branchId: string, op: string, succeeded: boolean): void;
  /** One API call; `api` is the last path segment of the route or gRPC method, lower case (`submit`). */
  requestServed(type: 'http' | 'grpc', api: string, succeeded: boolean, seconds: number): void;
  /** The gRPC API's calls, for createRpcServer. */
  readonly grpc: RpcMetrics;
}

/** DTM's `api` label: the last segment of a path or a gRPC method, lower case (`/dtmgimp.Dtm/Submit` → `submit`). */
export const apiName = (path: string) => path.slice(path.lastIndexOf('/') + 1).toLowerCase();

const status = (succeeded: boolean) => (succeeded ? 'ok' : 'fail');

export function createDtmMetrics(registry: Registry): DtmMetrics {
  const registers = [registry];
  const processTotal = new Counter({
    name: 'dtm_server_process_total',
    help: 'All request received by dtm',
    labelNames: ['type', 'api', 'status'],
    registers,
  });
  const responseDuration = new Histogram({
    name: 'dtm_server_response_duration',
    help: 'The request durations of a dtm server api',
    labelNames: ['type', 'api'],
    registers,
  });
  const transactionTotal = new Counter({
    name: 'dtm_transaction_process_total',
    help: 'All transactions processed by dtm',
    labelNames: ['model', 'status'],
    registers,
  });
  const transactionDuration = new Histogram({
    name: 'dtm_transaction_handled_duration',
    help: 'Histogram of handling latency of the transaction that handled by the server.',
    labelNames: ['model'],
    registers,
  });
  const branchTotal = new Counter({
    name: 'dtm_branch_process_total',
    help: 'All branches processed by dtm',
    labelNames: ['model', 'branchid', 'branchtype', 'status'],
    registers,
  });

  const requestServed: DtmMetrics['requestServed'] = (type, api, succeeded, seconds) => {
    processTotal.inc({ type, api, status: status(succeeded) });
    responseDuration.observe({ type, api }, seconds);
  };
  return {
    transactionProcessed({ transType, status: transStatus, createTime }, now) {
      transactionTotal.inc({ model: transType, status: status(transStatus === 'succeed') });
      transactionDuration.observe({ model: transType }, Math.max(0, now.getTime() - createTime.getTime()) / 1000);
    },
    branchProcessed(model, branchId, op, succeeded) {
      branchTotal.inc({ model, branchid: branchLabel(branchId), branchtype: op, status: status(succeeded) });
    },
    requestServed,
    grpc: {
      observe: (method, code, ms) => requestServed('grpc', apiName(method), code === 'OK', ms / 1000),
    },
  };
}

/**
 * Saga branch ids are two digits (`01`…`99`); a client may register any string as a TCC or XA branch
 * id, and a saga may be longer, so every other id shares one label instead of growing the series.
 */
const branchLabel = (branchId: string) => (/^\d{2}$/.test(branchId) ? branchId : 'other');

import { describe, expect, it } from 'vitest';
import { parseExposition, sumSamples } from '@mall/metrics';
import { Registry } from 'prom-client';
import { apiName, createDtmMetrics } from './metrics.js';

describe("DTM's metric families", () => {
  it('names APIs as DTM does: the last segment, lower case, whether HTTP route or gRPC method', () => {
    expect(apiName('/api/dtmsvr/newGid')).toBe('newgid');
    expect(apiName('/dtmgimp.Dtm/Submit')).toBe('submit');
    expect(apiName('/api/metrics')).toBe('metrics');
  });

  it('counts a pass ok only when it left the transaction succeeded, and observes its age in seconds', async () => {
    const registry = new Registry();
    const metrics = createDtmMetrics(registry);
    const createTime = new Date('2025-01-01T00:00:00Z');
    const now = new Date('2025-01-01T00:00:02.5Z');
    metrics.transactionProcessed({ transType: 'saga', status: 'succeed', createTime }, now);
    metrics.transactionProcessed({ transType: 'saga', status: 'failed', createTime }, now);
    metrics.transactionProcessed({ transType: 'saga', status: 'submitted', createTime }, now);
    metrics.grpc.observe('/dtmgimp.Dtm/Submit', 'ABORTED', 1500);

    const text = parseExposition(await registry.metrics());
    expect(sumSamples(text, 'dtm_transaction_process_total', { model: 'saga', status: 'ok' })).toBe(1);
    expect(sumSamples(text, 'dtm_transaction_process_total', { model: 'saga', status: 'fail' })).toBe(2);
    expect(sumSamples(text, 'dtm_transaction_handled_duration_sum', { model: 'saga' })).toBe(7.5);
    expect(sumSamples(text, 'dtm_server_process_total', { type: 'grpc', api: 'submit', status: 'fail' })).toBe(1);
    expect(sumSamples(text, 'dtm_server_response_duration_sum', { type: 'grpc', api: 'submit' })).toBe(1.5);
  });

  it('labels saga branch ids as they are, and folds any other id into one series', async () => {
    const registry = new Registry();
    const metrics = createDtmMetrics(registry);
    metrics.branchProcessed('saga', '02', 'action', true);
    metrics.branchProcessed('tcc', 'client-chosen-id-1', 'try', true);
    metrics.branchProcessed('saga', '123', 'action', false);

    const text = parseExposition(await registry.metrics());
    expect(sumSamples(text, 'dtm_branch_process_total', { branchid: '02', status: 'ok' })).toBe(1);
    expect(sumSamples(text, 'dtm_branch_process_total', { branchid: 'other' })).toBe(2);
    expect(await registry.metrics()).not.toContain('client-chosen-id-1');
  });
});

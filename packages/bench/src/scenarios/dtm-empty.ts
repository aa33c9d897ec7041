import { createGrpcDtmClient, createGrpcSaga, createHttpDtmClient, createHttpSaga } from '@mall/dtm-client';
import type { BenchContext } from '../context.js';
import { Cleanup } from '../infra/cleanup.js';
import { startDtmServer } from '../infra/dtm-server.js';
import { checkSagasSettled } from '../infra/sagas-settled.js';
import { gidSource } from './gids.js';
import type { ScenarioReport } from './scenario.js';
import { INTERRUPTED, measureVariants } from './steps.js';

const SUBMIT_TIMEOUT_MS = 30_000;
const EMPTY = new Uint8Array();

/**
 * DTM's own benchmark shape (benchEmptyUrl): a saga of two steps with empty URLs, submitted with
 * wait_result, so each operation is DTM storing and finishing a saga that calls nobody. Over HTTP
 * and over gRPC, through this repository's client SDK.
 */
export async function dtmEmpty(ctx: BenchContext): Promise<ScenarioReport> {
  const report: ScenarioReport = { name: 'dtm-empty', steps: [], invariants: [], failures: [] };
  const cleanup = new Cleanup();
  const dtmDatabase = ctx.database('empty_dtm');
  try {
    const dtm = await startDtmServer(ctx.mysqlUrl, dtmDatabase, ctx.logDir);
    cleanup.add('stop dtm', () => dtm.app.stop());
    const http = createHttpDtmClient(dtm.httpApi, { timeoutMs: SUBMIT_TIMEOUT_MS });
    const grpc = createGrpcDtmClient(dtm.grpcTarget, { timeoutMs: SUBMIT_TIMEOUT_MS });
    cleanup.add('close grpc client', () => grpc.close());
    const httpGid = gidSource('empty-http', ctx.runId);
    const grpcGid = gidSource('empty-grpc', ctx.runId);
    report.steps = await measureVariants(
      ctx,
      report.name,
      [
        {
          name: 'http',
          op: () => createHttpSaga(http, httpGid(), { waitResult: true }).add('', '', {}).add('', '', {}).submit(),
        },
        {
          name: 'grpc',
          op: () =>
            createGrpcSaga(grpc, grpcGid(), { waitResult: true }).add('', '', EMPTY).add('', '', EMPTY).submit(),
        },
      ],
      [{ name: 'dtm', pid: dtm.app.pid }],
    );
    if (ctx.signal.aborted) report.failures.push(INTERRUPTED);
    else report.invariants.push(await checkSagasSettled(ctx.admin, dtmDatabase));
  } catch (error) {
    report.failures.push((error as Error).message);
  } finally {
    report.failures.push(...(await cleanup.run()));
  }
  return report;
}

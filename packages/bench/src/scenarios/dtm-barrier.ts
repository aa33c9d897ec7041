import { createHttpDtmClient, createHttpSaga } from '@mall/dtm-client';
import type { BenchContext } from '../context.js';
import { startBenchRm } from '../infra/bench-rm.js';
import { Cleanup } from '../infra/cleanup.js';
import { startDtmServer } from '../infra/dtm-server.js';
import { checkSagasSettled } from '../infra/sagas-settled.js';
import { createJsonClient } from '../http/json-client.js';
import { balanceCheck, createRmSchema } from '../rm/schema.js';
import { BRANCH_PREFIX } from '../rm/server.js';
import type { Transfer } from '../rm/transfer.js';
import { gidSource, pick } from './gids.js';
import type { ScenarioReport } from './scenario.js';
import { INTERRUPTED, measureVariants } from './steps.js';

const ACCOUNTS = 10_000;
const BALANCE = 1_000_000_000;
const SUBMIT_TIMEOUT_MS = 30_000;

function randomTransfer(): Transfer {
  const from = pick(ACCOUNTS);
  const to = (from % ACCOUNTS) + 1;
  return { from, to, amount: 1 };
}

/**
 * DTM's TransOut/TransIn bench: a two-step saga whose branches each run the barrier and 2 SQL (a
 * balance update and a log row) in one local transaction on the bench RM; against `raw`, the same
 * two transfers' writes done by the RM directly as two local transactions, without DTM or barrier.
 */
export async function dtmBarrier(ctx: BenchContext): Promise<ScenarioReport> {
  const report: ScenarioReport = {
    name: 'dtm-barrier',
    steps: [],
    comparison: { variant: 'saga', baseline: 'raw' },
    invariants: [],
    failures: [],
  };
  const cleanup = new Cleanup();
  const database = ctx.database('barrier_rm');
  const dtmDatabase = ctx.database('barrier_dtm');
  const barrierTable = `${database}.barrier`;
  try {
    await createRmSchema(ctx.admin, { database, barrierTable, accounts: ACCOUNTS, balance: BALANCE });
    const dtm = await startDtmServer(ctx.mysqlUrl, dtmDatabase, ctx.logDir);
    cleanup.add('stop dtm', () => dtm.app.stop());
    const rm = await startBenchRm({ mysqlUrl: ctx.mysqlUrl, database, barrierTable, logDir: ctx.logDir });
    cleanup.add('stop bench-rm', () => rm.stop());
    const rmClient = createJsonClient(rm.url);
    cleanup.add('close rm client', () => rmClient.close());
    const http = createHttpDtmClient(dtm.httpApi, { timeoutMs: SUBMIT_TIMEOUT_MS });
    const gid = gidSource('barrier', ctx.runId);
    const branch = (name: string) => `${rm.url}${BRANCH_PREFIX}/${name}`;

    const saga = async () => {
      const transfer = randomTransfer();
      await createHttpSaga(http, gid(), { waitResult: true })
        .add(branch('TransOut'), branch('TransOutCompensate'), transfer)
        .add(branch('TransIn'), branch('TransInCompensate'), transfer)
        .submit();
    };
    const raw = async () => {
      const reply = await rmClient.post(`${BRANCH_PREFIX}/raw`, randomTransfer());
      if (reply.status !== 200) throw new Error(`raw answered ${reply.status}: ${reply.body.slice(0, 200)}`);
    };
    report.steps = await measureVariants(
      ctx,
      report.name,
      [
        { name: 'saga', op: saga },
        { name: 'raw', op: raw },
      ],
      [
        { name: 'dtm', pid: dtm.app.pid },
        { name: 'rm', pid: rm.pid },
      ],
    );
    if (ctx.signal.aborted) report.failures.push(INTERRUPTED);
    else {
      report.invariants.push(await checkSagasSettled(ctx.admin, dtmDatabase));
      report.invariants.push(await balanceCheck(ctx.admin, database, ACCOUNTS * BALANCE));
    }
  } catch (error) {
    report.failures.push((error as Error).message);
  } finally {
    report.failures.push(...(await cleanup.run()));
  }
  return report;
}

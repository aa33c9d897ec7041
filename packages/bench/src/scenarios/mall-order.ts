import { join } from 'node:path';
import { freePort } from '@mall/local-infra';
import { startApp, startStack, type RunningApp } from '@mall/stack';
import type { BenchContext } from '../context.js';
import { Cleanup } from '../infra/cleanup.js';
import { checkSagasSettled } from '../infra/sagas-settled.js';
import { createJsonClient, type JsonClient } from '../http/json-client.js';
import { directModeProblem } from '../mall/direct-mode.js';
import { seedMall, type MallData } from '../mall/seed.js';
import { readStock, stockCheck } from '../mall/stock-invariant.js';
import type { WatchedProcess } from '../measure/meter.js';
import { pick } from './gids.js';
import type { ScenarioReport } from './scenario.js';
import { INTERRUPTED, measureVariants, type Variant } from './steps.js';

const STOCK = 10_000_000;

function placeOrder(gateway: JsonClient, { tokens, productIds }: MallData) {
  return async () => {
    const token = tokens[pick(tokens.length) - 1]!;
    const pid = productIds[pick(productIds.length) - 1]!;
    const reply = await gateway.post('/api/order/create', { pid, num: 1 }, { authorization: `Bearer ${token}` });
    if (reply.status !== 200) throw new Error(`order/create answered ${reply.status}: ${reply.body.slice(0, 200)}`);
  };
}

/**
 * POST /api/order/create end to end (JWT, gateway, DTM saga, order-rpc, product-rpc, user-rpc),
 * with many users and products; against `direct`, a second gateway started with
 * ORDER_CREATE_MODE=direct that makes the same branch calls itself, without DTM.
 */
export async function mallOrder(ctx: BenchContext): Promise<ScenarioReport> {
  const report: ScenarioReport = {
    name: 'mall-order',
    steps: [],
    comparison: { variant: 'saga', baseline: 'direct' },
    invariants: [],
    failures: [],
  };
  const cleanup = new Cleanup();
  const mallDatabase = ctx.database('mall');
  const dtmDatabase = ctx.database('mall_dtm');
  const output = (app: string) => ({ file: join(ctx.logDir, `${app}.log`) });
  try {
    const stack = await startStack({
      env: { MYSQL_URL: ctx.mysqlUrl, ETCD_ENDPOINTS: ctx.etcdEndpoints },
      mysqlDatabase: mallDatabase,
      dtmDatabase,
      barrierTable: `${ctx.database('mall_barrier')}.barrier`,
      ports: 'free',
      logLevel: 'warn',
      output,
    });
    cleanup.add('stop the mall', () => stack.stop());
    const gateway = createJsonClient(stack.gatewayUrl);
    cleanup.add('close gateway client', () => gateway.close());
    const { users, products } = ctx.options;
    const data = await seedMall(gateway, { users, products, stock: STOCK });
    ctx.progress(`mall-order: ${users} users and ${products} products ready`);

    const processes: WatchedProcess[] = [...stack.apps.values()].map((app) => ({
      name: app.name.replace(/-rpc$/, ''),
      pid: app.pid,
    }));
    const variants: Variant[] = [{ name: 'saga', op: placeOrder(gateway, data) }];
    const direct = await startDirectGateway(stack.env('gateway'), output('gateway-direct')).catch(
      (error: Error) => error,
    );
    if (direct instanceof Error) {
      report.failures.push(`the ORDER_CREATE_MODE=direct gateway did not start: ${direct.message}`);
    } else {
      cleanup.add('stop the direct gateway', () => direct.stop());
      const directClient = createJsonClient(`http://127.0.0.1:${direct.port}`);
      cleanup.add('close direct gateway client', () => directClient.close());
      const directOrder = placeOrder(directClient, data);
      const problem = await directModeProblem(ctx.admin, dtmDatabase, directOrder);
      if (problem) report.failures.push(problem);
      else {
        variants.push({ name: 'direct', op: directOrder });
        processes.push({ name: 'gw-direct', pid: direct.pid });
      }
    }
    report.steps = await measureVariants(ctx, report.name, variants, processes);
    if (ctx.signal.aborted) report.failures.push(INTERRUPTED);
    else {
      report.invariants.push(await checkSagasSettled(ctx.admin, dtmDatabase));
      report.invariants.push(stockCheck(STOCK, await readStock(ctx.admin, mallDatabase, data.productIds)));
    }
  } catch (error) {
    report.failures.push((error as Error).message);
  } finally {
    report.failures.push(...(await cleanup.run()));
  }
  return report;
}

async function startDirectGateway(env: Record<string, string>, output: { file: string }): Promise<RunningApp> {
  const port = await freePort();
  return startApp('gateway', {
    env: { ...env, PORT: String(port), METRICS_PORT: '0', ORDER_CREATE_MODE: 'direct' },
    output,
  });
}

import { Etcd3 } from 'etcd3';
import { createGrpcDtmClient } from '@mall/dtm-client';
import { createLogger } from '@mall/logger';
import { createHttpRequestMetrics, createMetricsRegistry, createRpcCallMetrics, serveMetrics } from '@mall/metrics';
import { OrderService } from '@mall/proto/order';
import { PayService } from '@mall/proto/pay';
import { ProductService } from '@mall/proto/product';
import { UserService } from '@mall/proto/user';
import { registerEtcdResolver } from '@mall/registry';
import { createRpcClient } from '@mall/rpc';
import { tracingFromConfig } from '@mall/tracing';
import { createApp } from './app.js';
import { loadGatewayConfig } from './config.js';
import { boundPort, close, listen } from './http-server.js';
import { createJwt } from './jwt.js';
import { countedOrderSagas } from './orders/counted-order-sagas.js';
import { createDirectOrders } from './orders/direct-orders.js';
import { createOrderSagas, type OrderSagas } from './orders/order-saga.js';
import { createRequestContext, inheritFromRequest } from './request-context.js';
import { onShutdownSignal } from '@mall/service/signals';

try {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const tracing = tracingFromConfig(config, 'gateway');
  const etcd = new Etcd3({ hosts: config.ETCD_ENDPOINTS });
  const closeResolver = registerEtcdResolver(etcd, logger);
  const registry = createMetricsRegistry();

  const requestContext = createRequestContext();
  const inherit = inheritFromRequest(requestContext);
  const rpc = {
    app: config.RPC_APP,
    token: config.RPC_TOKEN,
    deadlineMs: config.RPC_DEADLINE_MS,
    inherit,
    metrics: createRpcCallMetrics(registry, 'client'),
    tracing,
  };
  const clients = {
    user: createRpcClient(UserService, config.USER_RPC_TARGET, rpc),
    product: createRpcClient(ProductService, config.PRODUCT_RPC_TARGET, rpc),
    order: createRpcClient(OrderService, config.ORDER_RPC_TARGET, rpc),
    pay: createRpcClient(PayService, config.PAY_RPC_TARGET, rpc),
  };
  let orderSagas: OrderSagas;
  let closeOrderSagas: () => void;
  if (config.ORDER_CREATE_MODE === 'direct') {
    logger.warn(
      'ORDER_CREATE_MODE=direct: orders skip DTM (a benchmark baseline, not crash-safe); never in production',
    );
    // The saga's branches let only app dtm in: this mode calls them as DTM would.
    const branch = { ...rpc, app: 'dtm', token: config.DTM_BRANCH_TOKEN };
    const order = createRpcClient(OrderService, config.ORDER_RPC_TARGET, branch);
    const product = createRpcClient(ProductService, config.PRODUCT_RPC_TARGET, branch);
    orderSagas = createDirectOrders({ order, product });
    closeOrderSagas = () => {
      order.close();
      product.close();
    };
  } else {
    const dtm = createGrpcDtmClient(config.DTM_SERVER, { timeoutMs: config.DTM_SUBMIT_TIMEOUT_MS, inherit, tracing });
    orderSagas = createOrderSagas({
      dtm,
      orderTarget: config.SAGA_ORDER_TARGET,
      productTarget: config.SAGA_PRODUCT_TARGET,
      branchToken: config.DTM_BRANCH_TOKEN,
    });
    closeOrderSagas = () => dtm.close();
  }
  if (config.FAULT_INJECTION) logger.warn('FAULT_INJECTION is on: X-Mall-Fault headers reach the saga branches');
  const jwt = createJwt({ secret: config.JWT_SECRET, ttlSeconds: config.JWT_TTL_SECONDS });
  const app = createApp({
    logger,
    jwt,
    clients,
    orderSagas: countedOrderSagas(orderSagas, registry, config.ORDER_CREATE_MODE),
    requestContext,
    tracing,
    faultInjection: config.FAULT_INJECTION,
    payCallbackSecret: config.PAY_CALLBACK_SECRET,
    httpMetrics: createHttpRequestMetrics(registry),
  });

  const ports = [...new Set([config.PORT, ...config.ALSO_LISTEN_PORTS])];
  const servers = await Promise.all(ports.map((port) => listen(app.callback(), config.LISTEN_HOST, port)));
  const metricsServer =
    config.METRICS_PORT === undefined
      ? undefined
      : await serveMetrics(registry, { host: config.LISTEN_HOST, port: config.METRICS_PORT });
  logger.info(
    { host: config.LISTEN_HOST, ports: servers.map(boundPort), metricsPort: metricsServer?.port },
    'gateway ready',
  );

  onShutdownSignal(async () => {
    logger.info('shutting down');
    await Promise.all(servers.map((server) => close(server, config.SHUTDOWN_GRACE_MS)));
    for (const client of Object.values(clients)) client.close();
    closeOrderSagas();
    closeResolver();
    etcd.close();
    await metricsServer?.close();
    await tracing.shutdown();
    logger.info('stopped');
  }, config.SHUTDOWN_GRACE_MS);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

import { onShutdownSignal } from '@mall/service';
import { startOrderRpc } from './app.js';
import { loadOrderRpcConfig } from './config.js';

try {
  const config = loadOrderRpcConfig();
  const app = await startOrderRpc(config);
  onShutdownSignal(() => app.stop(), config.SHUTDOWN_GRACE_MS);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

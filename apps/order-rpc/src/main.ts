import { onShutdownSignal } from '@mall/service';
import { startOrderRpc } from './app.js';
import { loadOrderRpcConfig } from './config.js';

try {
  const app = await startOrderRpc(loadOrderRpcConfig());
  onShutdownSignal(() => app.stop());
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

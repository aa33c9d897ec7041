import { onShutdownSignal } from '@mall/service';
import { startProductRpc } from './app.js';
import { loadProductRpcConfig } from './config.js';

try {
  const config = loadProductRpcConfig();
  const app = await startProductRpc(config);
  onShutdownSignal(() => app.stop(), config.SHUTDOWN_GRACE_MS);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

import { onShutdownSignal } from '@mall/service';
import { startProductRpc } from './app.js';
import { loadProductRpcConfig } from './config.js';

try {
  const app = await startProductRpc(loadProductRpcConfig());
  onShutdownSignal(() => app.stop());
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

import { onShutdownSignal } from '@mall/service';
import { startPayRpc } from './app.js';
import { loadPayRpcConfig } from './config.js';

try {
  const app = await startPayRpc(loadPayRpcConfig());
  onShutdownSignal(() => app.stop());
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

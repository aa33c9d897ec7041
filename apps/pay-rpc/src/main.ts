import { onShutdownSignal } from '@mall/service';
import { startPayRpc } from './app.js';
import { loadPayRpcConfig } from './config.js';

try {
  const config = loadPayRpcConfig();
  const app = await startPayRpc(config);
  onShutdownSignal(() => app.stop(), config.SHUTDOWN_GRACE_MS);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

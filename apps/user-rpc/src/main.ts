import { onShutdownSignal } from '@mall/service';
import { startUserRpc } from './app.js';
import { loadUserRpcConfig } from './config.js';

try {
  const config = loadUserRpcConfig();
  const app = await startUserRpc(config);
  onShutdownSignal(() => app.stop(), config.SHUTDOWN_GRACE_MS);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

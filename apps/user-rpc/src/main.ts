import { onShutdownSignal } from '@mall/service';
import { startUserRpc } from './app.js';
import { loadUserRpcConfig } from './config.js';

try {
  const app = await startUserRpc(loadUserRpcConfig());
  onShutdownSignal(app.stop);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

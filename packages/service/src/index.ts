export { rpcAppSchema, type RpcAppConfig } from './rpc-app-config.js';
export { barrierJanitorShape, janitorHasDtm, JANITOR_NEEDS_DTM } from './barrier-janitor-config.js';
export { startConfiguredBarrierJanitor, type BarrierJanitorSettings } from './barrier-janitor.js';
export { runRpcApp, type RpcAppDeps, type RunRpcAppOptions, type RunningRpcApp } from './run-rpc-app.js';
export { advertisedEndpoint } from './advertise.js';
export { onShutdownSignal } from './signals.js';
export { answerClientErrors } from './client-error.js';

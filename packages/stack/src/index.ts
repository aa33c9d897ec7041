export { APPS, type AppName, type AppSpec } from './apps.js';
export { startStack, type Stack, type StackOptions } from './stack.js';
export { startApp, type RunningApp } from './app-process.js';
export { generateSecrets, type Secrets } from './secrets.js';
export { appEnv, type StackAddresses } from './app-env.js';

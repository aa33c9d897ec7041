export { ConfigError, loadConfig } from './load-config.js';
export * as env from './fragments.js';

export { publishService, type Publication, type PublishOptions } from './publish-service.js';
export { registerEtcdResolver, parseEtcdTarget } from './etcd-resolver.js';
export { listInstances } from './list-instances.js';

/** The mall's deployables in start order, with what the launcher needs to know about each. */
export const APPS = [
  { name: 'user-rpc', kind: 'grpc', port: 9000, etcdKey: 'user.rpc' },
  { name: 'product-rpc', kind: 'grpc', port: 9001, etcdKey: 'product.rpc' },
  { name: 'order-rpc', kind: 'grpc', port: 9002, etcdKey: 'order.rpc' },
  { name: 'pay-rpc', kind: 'grpc', port: 9003, etcdKey: 'pay.rpc' },
  { name: 'gateway', kind: 'http', port: 8888 },
] as const;

export type AppSpec = (typeof APPS)[number];
export type AppName = AppSpec['name'];

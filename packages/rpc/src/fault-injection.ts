/**
 * The tutorial's fault switch: the HTTP header a client sends and the gRPC metadata it travels as
 * to a saga's branches (through DTM's branch_headers). Services honour it only when started with
 * FAULT_INJECTION=on, so it cannot be used against a production mall.
 */
export const FAULT_KEY = 'x-mall-fault';

export const FAULTS = [
  /** product-rpc's DecrStock commits its stock change, then answers FAILURE: both compensations run. */
  'decr-stock-after-commit',
] as const;

export type Fault = (typeof FAULTS)[number];

export const isFault = (value: unknown): value is Fault => FAULTS.includes(value as Fault);

import { goJson } from './go-json.js';

export interface SagaStep {
  action: string;
  compensate: string;
}

/** The protocol-independent part of a saga: its steps and, for a concurrent saga, their order. */
export class SagaSteps {
  readonly steps: SagaStep[] = [];
  private readonly orders = new Map<number, number[]>();

  constructor(private readonly concurrent: boolean) {}

  add(action: string, compensate: string): void {
    this.steps.push({ action, compensate });
  }

  /** Step `branch` (0-based, in `add` order) starts only after every step in `preceding` succeeded. */
  addOrder(branch: number, preceding: number[]): void {
    if (!this.concurrent) throw new Error('addBranchOrder only applies to a saga created with concurrent: true');
    this.orders.set(branch, [...preceding]);
  }

  /** `custom_data` as the Go SDK writes it (map keys sorted as strings), or undefined for a sequential saga. */
  customData(): string | undefined {
    if (!this.concurrent) return undefined;
    const entries = [...this.orders.entries()]
      .map(([branch, preceding]) => [String(branch), preceding] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([branch, preceding]) => `${goJson(branch)}:${goJson(preceding)}`);
    return `{"concurrent":true,"orders":{${entries.join(',')}}}`;
  }

  /** The steps as JSON text, for gRPC's `Steps` field; Go writes `null` while there are none. */
  stepsJson(): string {
    return this.steps.length > 0 ? goJson(this.steps) : 'null';
  }

  /** Rejects orders naming a step that was never added, before the server has to. */
  checkOrders(): void {
    for (const [branch, preceding] of this.orders) {
      for (const index of [branch, ...preceding]) {
        if (!Number.isInteger(index) || index < 0 || index >= this.steps.length) {
          throw new RangeError(`branch order names step ${index}, but the saga has ${this.steps.length} steps`);
        }
      }
    }
  }
}

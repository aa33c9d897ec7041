/**
 * Counters in Prometheus text format under DTM's metric names, labelled by type and outcome,
 * never by gid (a gid label grows without bound).
 */
export interface Metrics {
  countTransaction(model: string, status: string): void;
  countBranch(model: string, op: string, result: string): void;
  countRequest(name: string, status: string): void;
  render(): string;
}

interface Family {
  help: string;
  labels: string[];
  values: Map<string, number>;
}

export function createMetrics(): Metrics {
  const families = new Map<string, Family>([
    ['dtm_server_process_total', { help: 'API calls served', labels: ['type', 'api', 'status'], values: new Map() }],
    ['dtm_transaction_process_total', { help: 'Processing passes', labels: ['model', 'status'], values: new Map() }],
    [
      'dtm_branch_process_total',
      { help: 'Branch calls', labels: ['model', 'branchtype', 'status'], values: new Map() },
    ],
  ]);
  const count = (name: string, ...labels: string[]) => {
    const family = families.get(name)!;
    const key = JSON.stringify(labels);
    family.values.set(key, (family.values.get(key) ?? 0) + 1);
  };
  const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

  return {
    countTransaction: (model, status) => count('dtm_transaction_process_total', model, status),
    countBranch: (model, op, result) => count('dtm_branch_process_total', model, op, result),
    countRequest: (name, status) => count('dtm_server_process_total', 'http', name, status),
    render() {
      const lines: string[] = [];
      for (const [name, { help, labels, values }] of families) {
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
        for (const [key, value] of values) {
          const labelValues = JSON.parse(key) as string[];
          const text = labels.map((label, i) => `${label}="${escape(labelValues[i] ?? '')}"`).join(',');
          lines.push(`${name}{${text}} ${value}`);
        }
      }
      return `${lines.join('\n')}\n`;
    },
  };
}

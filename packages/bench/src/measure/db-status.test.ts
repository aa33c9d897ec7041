import { describe, expect, it } from 'vitest';
import { dbPerOp, statusFromRows, STATUS_NAMES } from './db-status.js';

const rows = (values: number[]) =>
  STATUS_NAMES.map((name, index) => ({ Variable_name: name.toUpperCase(), Value: String(values[index]) }));

describe('database status', () => {
  it('reads SHOW GLOBAL STATUS rows, whatever the case of the names', () => {
    const status = statusFromRows(rows([1, 2, 3, 4, 5, 6, 7]));
    expect(status).toEqual({
      Com_commit: 1,
      Handler_commit: 2,
      Questions: 3,
      Com_select: 4,
      Com_insert: 5,
      Com_update: 6,
      Com_delete: 7,
    });
    expect(statusFromRows([]).Questions).toBeNaN();
  });

  it('turns two readings into work per operation', () => {
    const before = statusFromRows(rows([100, 200, 300, 10, 10, 10, 10]));
    const after = statusFromRows(rows([120, 260, 400, 30, 50, 30, 10]));
    expect(dbPerOp(before, after, 10)).toEqual({ commits: 2, handlerCommits: 6, dml: 8, questions: 10 });
    expect(dbPerOp(before, after, 0).dml).toBeNaN();
  });
});

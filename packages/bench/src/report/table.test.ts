import { describe, expect, it } from 'vitest';
import { formatTable } from './table.js';

describe('formatTable', () => {
  it('pads every column to its widest cell, numbers to the right', () => {
    const table = formatTable(
      [{ header: 'variant' }, { header: 'ops/s', align: 'right' }, { header: 'p99 ms', align: 'right' }],
      [
        ['http', '1234', '5.2'],
        ['grpc', '98', '12.0'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'variant  ops/s  p99 ms',
      '-------  -----  ------',
      'http      1234     5.2',
      'grpc        98    12.0',
    ]);
  });

  it('widens a column for a long cell and leaves no trailing blanks', () => {
    const table = formatTable([{ header: 'a' }, { header: 'b' }], [['long cell', '']]);
    expect(table.split('\n')).toEqual(['a          b', '---------  -', 'long cell']);
  });
});

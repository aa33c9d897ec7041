import { describe, expect, it } from 'vitest';
import { stockCheck } from './stock-invariant.js';

describe('stockCheck', () => {
  it('holds when every product has what it started with, less what its orders hold', () => {
    const check = stockCheck(1000, [
      { id: 1, stock: 990, held: 10 },
      { id: 2, stock: 1000, held: 0 },
    ]);
    expect(check).toEqual({ name: 'stock', ok: true, detail: '2 products, 10 units held by orders' });
  });

  it('names the products that are off and by how much', () => {
    const check = stockCheck(1000, [
      { id: 1, stock: 990, held: 10 },
      { id: 7, stock: 995, held: 4 },
    ]);
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('1 of 2 products off: product 7: stock 995 + held 4 = 999, not 1000');
  });
});

import { describe, expect, it } from 'vitest';
import { toJson } from './json.js';

describe('toJson', () => {
  it('escapes <, >, & and the JS line separators like Go, leaving other text alone', () => {
    expect(toJson({ s: '<a href="x">&amp;</a>\u2028\u2029 苹果 é' })).toBe(
      '{"s":"\\u003ca href=\\"x\\"\\u003e\\u0026amp;\\u003c/a\\u003e\\u2028\\u2029 苹果 é"}',
    );
  });

  it('writes int64 values as JSON numbers', () => {
    expect(toJson({ id: 42n, list: [1n, -2n], none: 0n })).toBe('{"id":42,"list":[1,-2],"none":0}');
    expect(toJson([])).toBe('[]');
    expect(toJson({})).toBe('{}');
  });

  it('throws rather than round an int64 outside the safe range', () => {
    expect(toJson({ id: 9_007_199_254_740_991n })).toBe('{"id":9007199254740991}');
    expect(() => toJson({ id: 9_007_199_254_740_992n })).toThrow(RangeError);
    expect(() => toJson({ id: -9_007_199_254_740_992n })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { parseOptions, type BenchOptions } from './options.js';

const options = (argv: string[]): BenchOptions => {
  const parsed = parseOptions(argv);
  if (parsed.help) throw new Error('expected options, got help');
  return parsed.options;
};

describe('parseOptions', () => {
  it('runs every scenario at 1, 8, 32 and 128 for 10 s by default, with no fixed-rate step', () => {
    expect(options([])).toEqual({
      scenarios: ['dtm-empty', 'dtm-barrier', 'mall-order'],
      concurrency: [1, 8, 32, 128],
      seconds: 10,
      warmupSeconds: 2,
      maxOps: 200_000,
      users: 50,
      products: 20,
      smoke: false,
    });
  });

  it('reads lists and numbers', () => {
    const chosen = options([
      '--scenarios',
      'mall-order,dtm-empty',
      '--concurrency',
      '8, 32,8',
      '--seconds',
      '5',
      '--warmup=0',
      '--max-ops',
      '1000',
      '--rate',
      '0.5',
    ]);
    expect(chosen).toMatchObject({
      scenarios: ['mall-order', 'dtm-empty'],
      concurrency: [8, 32],
      seconds: 5,
      warmupSeconds: 0,
      maxOps: 1000,
      rate: 0.5,
    });
  });

  it('makes --smoke tiny, with a fixed-rate step, and lets explicit flags win', () => {
    expect(options(['--smoke'])).toMatchObject({ smoke: true, concurrency: [8], seconds: 2, rate: 0.5, users: 8 });
    expect(options(['--smoke', '--seconds', '1', '--scenarios', 'dtm-empty'])).toMatchObject({
      seconds: 1,
      scenarios: ['dtm-empty'],
    });
  });

  it('answers help', () => {
    expect(parseOptions(['--help'])).toEqual({ help: true });
  });

  it('refuses what it does not understand, naming the flag', () => {
    expect(() => parseOptions(['--scenarios', 'dtm-full'])).toThrow(/unknown scenario "dtm-full"/);
    expect(() => parseOptions(['--concurrency', '0'])).toThrow(/--concurrency must be a whole number from 1/);
    expect(() => parseOptions(['--concurrency', '2.5'])).toThrow(/--concurrency/);
    expect(() => parseOptions(['--seconds', 'ten'])).toThrow(/--seconds must be a number/);
    expect(() => parseOptions(['--rate', '1.5'])).toThrow(/--rate/);
    expect(() => parseOptions(['--concurrency', ','])).toThrow(/at least one/);
    expect(() => parseOptions(['--speed', '3'])).toThrow(/speed/);
    expect(() => parseOptions(['extra'])).toThrow();
  });
});

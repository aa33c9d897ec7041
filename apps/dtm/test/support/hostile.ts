// Hostile values for DTM's APIs, and what a test reads back to tell "stored exactly" from "stored nothing".
import fc from 'fast-check';
import mysql, { type Connection } from 'mysql2/promise';
import { expect } from 'vitest';
import type { Dtm } from './dtm.js';

/** Strings a careless server mangles or trips on: injections, unicode, control characters, long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    "' OR '1'='1",
    '1; DROP TABLE trans_global; --',
    '<script>alert(1)</script>',
    '\\',
    '%',
    '\u0000',
    'a\r\nb;c',
    '😀',
    'e\u0301',
    '\u202e',
    '\ufeff',
    '\ud800',
    'NaN',
    '-1',
    '1e400',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(fc.integer({ min: 100, max: 80_000 }), fc.constantFrom('x', 'é', '😀'))
    .map(([length, char]) => char.repeat(Math.ceil(length / char.length))),
);

/** Raw JSON numbers past what a double or int64 holds, negative zero, fractions. */
export const hostileNumber: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '-0', '-1', '1.5', '1e308', '1e400', '-1e400', '9007199254740993', '99999999999999999999999'),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
);

/** Any JSON value, as raw text. */
export const hostileJson: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileString.map((text) => JSON.stringify(text)) },
  { weight: 2, arbitrary: hostileNumber },
  fc.constantFrom('true', 'false', 'null', '[]', '{}', '[1]', '{"a":1}', '[""]', '[{}]'),
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
);

/** Branch URLs: callable ones, no-ops, and ones no server could call. */
export const hostileUrl = (busiUrl: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(`${busiUrl}/TransOut`, `${busiUrl}/TransIn`, '', 'http://127.0.0.1:1/x'),
    fc.constantFrom('ftp://x', 'javascript:alert(1)', 'http://', 'file:///etc/passwd', '127.0.0.1:1', 'http://[::1'),
    hostileString.map((tail) => `${busiUrl}/${tail}`),
    hostileString,
  );

export const objectText = (entries: [string, string][]) =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;

/** How many rows DTM's tables hold: a refused request must not change them. */
export interface DtmRows {
  globals: number;
  branches: number;
  kv: number;
}

export interface DtmRowReader {
  read(): Promise<DtmRows>;
  expectUnchanged(before: DtmRows, what: string): Promise<void>;
  close(): Promise<void>;
}

export async function openDtmRows(mysqlUrl: string, dtm: Dtm): Promise<DtmRowReader> {
  const connection: Connection = await mysql.createConnection(`${mysqlUrl}/${dtm.database.name}`);
  const read = async (): Promise<DtmRows> => {
    await dtm.server.processor.idle();
    const [[row]] = (await connection.query(
      `SELECT (SELECT COUNT(*) FROM trans_global) AS globals, (SELECT COUNT(*) FROM trans_branch_op) AS branches,
         (SELECT COUNT(*) FROM kv) AS kv`,
    )) as unknown as [[Record<keyof DtmRows, number>]];
    return { globals: Number(row.globals), branches: Number(row.branches), kv: Number(row.kv) };
  };
  return {
    read,
    async expectUnchanged(before, what) {
      expect(await read(), `${what} must store nothing`).toEqual(before);
    },
    close: () => connection.end(),
  };
}

/** An error answer's message: one short line, nothing internal. */
export function expectCleanMessage(message: unknown, what: string): void {
  expect(typeof message, what).toBe('string');
  const text = message as string;
  expect(text, what).not.toMatch(
    /[\r\n]|ER_[A-Z_]+|SQL syntax|sqlMessage|\bat .+:\d+:\d+|node_modules|internal error/i,
  );
  expect(text.length, what).toBeLessThanOrEqual(300);
}

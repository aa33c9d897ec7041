// Hostile JSON values as raw JSON text, so a body can hold what JSON.stringify cannot write:
// -0, 1e400, integers past 2^53, duplicate keys.
import fc from 'fast-check';

/** Numbers a careless parser mangles: past 2^53, past a double, negative zero, fractions, exponents. */
export const hostileNumber: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0',
    '-0',
    '-1',
    '0.5',
    '1.5',
    '1e-7',
    '-0.0',
    '256',
    '1001',
    '4294967296',
    '9007199254740992',
    '9007199254740993',
    '18446744073709551616',
    '99999999999999999999999999999',
    '1e308',
    '-1e308',
    '1e400',
    '-1e400',
    '5e-324',
  ),
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
);

/** Strings that look like numbers to someone, or like keywords. */
const numberLike = fc.constantFrom('1', '0', '-1', 'NaN', 'Infinity', '-Infinity', '1e3', '0x10', ' 1', '1 ', '١', '');

/** Classic injection payloads: SQL, HTML/script, template and path tricks. */
export const injection = fc.constantFrom(
  "' OR '1'='1",
  "1' OR 1=1 -- ",
  '1; DROP TABLE `order`; --',
  "'; UPDATE product SET stock = 0; --",
  '\\',
  "\\'",
  '%',
  '_',
  '" OR ""="',
  'SELECT SLEEP(5)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '../../etc/passwd',
  '\u0000',
  '\r\nSet-Cookie: x=1',
);

/** Unicode that is well-formed: emoji, combining marks, right-to-left, zero-width, the BOM. */
export const unicodeText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('😀', '👩‍👩‍👧‍👦', '\u00e9', 'e\u0301', '\u202eevil', 'a\u200bb', '\ufeff', 'Ω≈ç√∫', '𝕏', '中文', 'ﷺ'),
);

/** UTF-16 halves on their own: valid JSON escapes, but not text; UTF-8 cannot store them. */
export const loneSurrogate = fc.constantFrom('\ud800', '\udfff', 'a\udc00b', '\ud83d', 'x\ude00');

/** A string `length` UTF-16 units long, of one repeated (BMP or astral) character. */
export const longString = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min, max }), fc.constantFrom('x', 'é', '中', '😀', ' '))
    .map(([length, char]) => char.repeat(Math.ceil(length / char.length)).slice(0, length));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  numberLike,
  injection,
  unicodeText,
  loneSurrogate,
  longString(100, 300),
  longString(1000, 100_000),
);

/**
 * Any JSON value a hostile client might put where a field goes, as raw JSON text. `__proto__` keys
 * are left to their own property: the body parser refuses them before any field is read.
 */
export const hostileValue: fc.Arbitrary<string> = fc
  .oneof(
    { arbitrary: hostileNumber, weight: 4 },
    { arbitrary: hostileString.map((text) => JSON.stringify(text)), weight: 4 },
    fc.constantFrom('true', 'false', 'null', '[]', '{}', '[1]', '["1"]', '{"$gt":0}', '{"id":1}', '[null]', '[[[[]]]]'),
    fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  )
  .filter((text) => !text.includes('"__proto__"'));

/** `{"k": v, …}` from raw value texts, keys in the given order, duplicates kept. */
export const objectText = (entries: [string, string][]) =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;

/** What a JSON parser makes of a raw value: the same as the server's, for the values above. */
export const parsed = (text: string): unknown => JSON.parse(text) as unknown;

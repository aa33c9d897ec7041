const goEscapes: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON text as Go's `json.Marshal` writes it for the same key order: Go additionally escapes
 * `<`, `>`, `&`, U+2028 and U+2029. Those characters can only occur inside strings, so escaping
 * the finished text is safe.
 */
export function goJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replace(/[<>&\u2028\u2029]/g, (char) => goEscapes[char] ?? char);
}

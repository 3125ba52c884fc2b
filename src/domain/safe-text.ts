/**
 * Characters no field may carry, whatever it is: C0 and C1 control characters (NUL, ESC, CR…), the
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069: they reorder what a customer
 * reads, e.g. a link), zero-width characters and the BOM (invisible, and they defeat comparisons),
 * and lone surrogates (not text; they break UTF-8 encoders). Multi-line fields may hold `\n` and
 * `\t` (a `\r\n` is the client's line end and becomes `\n`).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a text's characters, or undefined when it is fine. Never repeats the text. */
export function textProblem(value: string, multiLine: boolean): string | undefined {
  if (LONE_SURROGATE.test(value)) return 'contains an invalid character (a lone UTF-16 surrogate)';
  const forbidden = (multiLine ? FORBIDDEN_MULTI_LINE : FORBIDDEN_SINGLE_LINE).exec(value);
  if (!forbidden) return undefined;
  const code = `U+${(forbidden[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  if (!multiLine && (forbidden[0] === '\n' || forbidden[0] === '\r')) return 'must be a single line';
  return `contains a control, formatting or invisible character (${code})`;
}

/** A multi-line text with its line ends made `\n`. */
export function normaliseLineEnds(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

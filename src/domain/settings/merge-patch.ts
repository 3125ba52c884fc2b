/** A JSON value as produced by `JSON.parse`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Options for {@link applyMergePatch}. */
export interface MergePatchOptions {
  /**
   * Dotted paths where `null` in the patch means "set to null" instead of RFC 7396's "remove"; for a
   * document whose fields are nullable rather than optional.
   */
  readonly nullMeansNull?: ReadonlySet<string>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Applies a JSON merge patch (RFC 7396) and returns a new value; neither input is modified. A patch
 * that is not an object replaces the target; `null` removes a member (unless its path is listed in
 * `nullMeansNull`); arrays are replaced whole. Keys such as `__proto__` become ordinary own
 * properties (never prototypes), so a hostile patch can only produce an unknown-key error later.
 */
export function applyMergePatch(target: unknown, patch: unknown, options: MergePatchOptions = {}): unknown {
  return merge(target, patch, '', options.nullMeansNull ?? new Set());
}

function merge(target: unknown, patch: unknown, prefix: string, nullMeansNull: ReadonlySet<string>): unknown {
  if (!isPlainObject(patch)) return patch;
  const entries = new Map<string, unknown>(isPlainObject(target) ? Object.entries(target) : []);
  for (const [key, value] of Object.entries(patch)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (value === null && !nullMeansNull.has(path)) entries.delete(key);
    else entries.set(key, merge(entries.get(key), value, path, nullMeansNull));
  }
  // Object.fromEntries defines own data properties, so "__proto__" cannot reach a prototype.
  return Object.fromEntries(entries);
}

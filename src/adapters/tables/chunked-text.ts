import { CorruptRowError } from './table-client';

/**
 * Table storage caps a string property at 64 KiB (32 768 UTF-16 code units) and an entity at 1 MiB,
 * so long text (an HTML template of 100 000 characters) is spread over numbered properties.
 */
const CHUNK_LENGTH = 30_000;

/** Most chunks one value may use: 240 000 characters, far above any template part's limit. */
export const MAX_CHUNKS = 8;

/**
 * Splits `value` into properties `${prefix}0`, `${prefix}1`… plus `${prefix}Parts` (their count).
 * A cut never falls inside a surrogate pair: each property must be well-formed UTF-16 to survive
 * the trip through UTF-8.
 */
export function toChunks(value: string, prefix: string): Record<string, string | number> {
  const chunks: string[] = [];
  let start = 0;
  while (start < value.length) {
    let end = Math.min(start + CHUNK_LENGTH, value.length);
    const last = value.charCodeAt(end - 1);
    if (end < value.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(value.slice(start, end));
    start = end;
  }
  if (chunks.length > MAX_CHUNKS) throw new Error(`a value of ${value.length} characters is too long for one table row`);
  const properties: Record<string, string | number> = { [`${prefix}Parts`]: chunks.length };
  chunks.forEach((chunk, index) => {
    properties[`${prefix}${index}`] = chunk;
  });
  return properties;
}

/** Joins what {@link toChunks} wrote; a missing or mistyped part is a {@link CorruptRowError}. */
export function fromChunks(row: Record<string, unknown>, prefix: string, table: string, rowId: string): string {
  const parts = row[`${prefix}Parts`];
  if (typeof parts !== 'number' || !Number.isInteger(parts) || parts < 0 || parts > MAX_CHUNKS) throw new CorruptRowError(table, rowId, [`${prefix}Parts`]);
  let value = '';
  for (let index = 0; index < parts; index += 1) {
    const chunk = row[`${prefix}${index}`];
    if (typeof chunk !== 'string') throw new CorruptRowError(table, rowId, [`${prefix}${index}`]);
    value += chunk;
  }
  return value;
}

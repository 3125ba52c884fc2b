/**
 * A copy of `body` with each edit's dotted path (`contact.phone`, `metadata.user.segment`) set to its
 * value: the property tests' way of bending a valid body at one or a few places. A path through
 * something that is not an object (an earlier edit replaced it) is left alone.
 */
export function bent(body: Record<string, unknown>, edits: ReadonlyArray<readonly [string, unknown]>): unknown {
  const copy = structuredClone(body);
  for (const [path, value] of edits) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    const parent = keys.reduce<Record<string, unknown> | undefined>((o, k) => (o && typeof o[k] === 'object' && o[k] !== null ? (o[k] as Record<string, unknown>) : undefined), copy);
    if (parent) parent[last] = value;
  }
  return copy;
}

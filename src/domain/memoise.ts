/**
 * Memoises a pure one-argument function with a bounded cache (oldest entry evicted first). Used for
 * Intl formatters and parsed phone numbers, which are costly to build and never change for a key.
 */
export function memoise<V>(fn: (key: string) => V, maxEntries = 500): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as V;
    const value = fn(key);
    cache.set(key, value);
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    return value;
  };
}

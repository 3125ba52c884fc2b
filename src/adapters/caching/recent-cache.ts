/**
 * How long a value read from storage is reused by this app instance: at most this stale on other
 * instances after a change (the instance that made the change sees it at once). One second turns a
 * read per message into a read per second under a burst.
 */
export const RECENT_MS = 1_000;

interface Entry<V> {
  readonly value: Promise<V>;
  readonly at: number;
}

/**
 * Values by key, reused for {@link RECENT_MS} after they were loaded, on the monotonic clock (the
 * devhost's virtual clock jumps; staleness is about real time). Concurrent misses share one load; a
 * failed load is not kept.
 */
export class RecentCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(private readonly maxAgeMs: number = RECENT_MS, private readonly now: () => number = () => performance.now()) {}

  get(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.maxAgeMs) return hit.value;
    const value = load();
    const entry: Entry<V> = { value, at: this.now() };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** What this instance just wrote: reused from now. */
  set(key: K, value: V): void {
    this.entries.set(key, { value: Promise.resolve(value), at: this.now() });
  }

  /** Forgets one key, or everything. */
  forget(key?: K): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}

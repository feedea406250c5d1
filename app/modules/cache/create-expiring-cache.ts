/**
 * A per-process cache whose entries live `ttlMs` after they were loaded. Concurrent reads of
 * a missing key share one load; a failed load is not kept. The oldest entry goes first when
 * `maxEntries` is reached.
 */
export interface ExpiringCache<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  /** Drops the key, so the next read loads it again (after a change this process made). */
  delete(key: string): void;
  clear(): void;
}

export interface ExpiringCacheOptions {
  ttlMs: number;
  maxEntries: number;
  /** Milliseconds now; tests pass their own clock. */
  now?: () => number;
}

export function createExpiringCache<V>({ ttlMs, maxEntries, now = Date.now }: ExpiringCacheOptions): ExpiringCache<V> {
  const entries = new Map<string, { value: Promise<V>; expiresAt: number }>();
  return {
    get(key, load) {
      const entry = entries.get(key);
      if (entry && entry.expiresAt > now()) return entry.value;
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      const value = load();
      const loaded = { value, expiresAt: now() + ttlMs };
      entries.set(key, loaded);
      value.catch(() => {
        if (entries.get(key) === loaded) entries.delete(key);
      });
      return value;
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
  };
}

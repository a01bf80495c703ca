import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.ts';
import { Rng } from './rng.ts';

/**
 * A straightforward LRU over a Map (insertion order = recency), the behaviour `LruCache` must
 * reproduce exactly, TTL and counters included.
 */
class ReferenceLru {
  readonly entries = new Map<number, number>(); // key → expiry time
  hits = 0;
  misses = 0;
  evictions = 0;
  expirations = 0;

  readonly capacity: number;
  readonly ttl: number;

  constructor(capacity: number, ttl: number) {
    this.capacity = capacity;
    this.ttl = ttl;
  }

  get(key: number, now: number): boolean {
    const expiresAt = this.entries.get(key);
    if (expiresAt === undefined) {
      this.misses++;
      return false;
    }
    this.entries.delete(key);
    if (now >= expiresAt) {
      this.expirations++;
      this.misses++;
      return false;
    }
    this.entries.set(key, expiresAt);
    this.hits++;
    return true;
  }

  set(key: number, now: number): void {
    if (this.capacity === 0) return;
    if (!this.entries.delete(key) && this.entries.size === this.capacity) {
      const [oldest, expiresAt] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      if (now >= expiresAt) this.expirations++;
      else this.evictions++;
    }
    this.entries.set(key, now + this.ttl);
  }
}

describe('LruCache', () => {
  it('evicts the least recently used key, where a hit counts as a use', () => {
    const cache = new LruCache(2);
    cache.set(1, 0);
    cache.set(2, 0);
    expect(cache.get(1, 0)).toBe(true);
    cache.set(3, 0); // 2 is now the oldest
    expect(cache.get(2, 0)).toBe(false);
    expect(cache.get(1, 0)).toBe(true);
    expect(cache.get(3, 0)).toBe(true);
    expect(cache.size).toBe(2);
    expect([cache.hits, cache.misses, cache.evictions, cache.expirations]).toEqual([3, 1, 1, 0]);
  });

  it('treats an entry at or past its TTL as a miss and drops it', () => {
    const cache = new LruCache(10, { ttlSeconds: 5 });
    cache.set(7, 100);
    expect(cache.get(7, 104.999)).toBe(true);
    expect(cache.get(7, 105)).toBe(false);
    expect(cache.size).toBe(0);
    expect(cache.expirations).toBe(1);
    cache.set(7, 200); // a new set restarts the TTL
    cache.set(7, 210);
    expect(cache.get(7, 214)).toBe(true);
  });

  it('counts an expired entry pushed out of a full cache as an expiration, not an eviction', () => {
    const cache = new LruCache(1, { ttlSeconds: 1 });
    cache.set(1, 0);
    cache.set(2, 5);
    expect([cache.evictions, cache.expirations]).toEqual([0, 1]);
    cache.set(3, 5.5);
    expect([cache.evictions, cache.expirations]).toEqual([1, 1]);
  });

  it('deletes single keys and clears everything on node loss, keeping the counters', () => {
    const cache = new LruCache(4);
    for (const key of [0, 1, 2, 4294967295]) cache.set(key, 0);
    expect(cache.delete(1)).toBe(true);
    expect(cache.delete(1)).toBe(false);
    expect(cache.get(4294967295, 0)).toBe(true);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get(0, 0)).toBe(false);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
    cache.resetCounters();
    expect(cache.hits + cache.misses).toBe(0);
    for (let key = 10; key < 20; key++) cache.set(key, 0);
    expect(cache.size).toBe(4);
  });

  it('caches nothing at capacity 0', () => {
    const cache = new LruCache(0);
    cache.set(1, 0);
    expect(cache.get(1, 0)).toBe(false);
    expect(cache.size).toBe(0);
  });

  it.each([
    [50, Infinity, 200],
    [64, 3, 100],
    [1, Infinity, 5],
    [500, 40, 5000],
  ])(
    'agrees step by step with a reference LRU (capacity %i, ttl %s, %i keys)',
    (capacity, ttl, keys) => {
      const cache = new LruCache(capacity, { ttlSeconds: ttl });
      const reference = new ReferenceLru(capacity, ttl);
      const rng = new Rng(capacity);
      let now = 0;
      let firstMismatch = -1;
      for (let step = 0; step < 100_000 && firstMismatch < 0; step++) {
        now += rng.exponential(0.05);
        // Squaring skews keys toward 0, so some are hot and hits are common.
        const key = Math.floor(rng.next() ** 2 * keys);
        const action = rng.int(20);
        let agree = true;
        if (action === 0) {
          agree = cache.delete(key) === reference.entries.delete(key);
        } else if (action < 8) {
          cache.set(key, now);
          reference.set(key, now);
        } else {
          agree = cache.get(key, now) === reference.get(key, now);
        }
        if (!agree || cache.size !== reference.entries.size) firstMismatch = step;
        if (step === 60_000) {
          cache.clear();
          reference.entries.clear();
        }
      }
      expect(firstMismatch).toBe(-1);
      expect([cache.hits, cache.misses, cache.evictions, cache.expirations]).toEqual([
        reference.hits,
        reference.misses,
        reference.evictions,
        reference.expirations,
      ]);
      expect(cache.hits).toBeGreaterThan(1000);
    },
  );

  it('rejects bad capacities, TTLs and keys with a RangeError that says what is allowed', () => {
    expect(() => new LruCache(-1)).toThrow(/whole number of items from 0/);
    expect(() => new LruCache(2.5)).toThrow(RangeError);
    expect(() => new LruCache(10, { ttlSeconds: 0 })).toThrow(/positive number of seconds/);
    const cache = new LruCache(10);
    expect(() => cache.get(-1, 0)).toThrow(/whole number from 0 to 4294967295/);
    expect(() => cache.set(1.5, 0)).toThrow(RangeError);
    expect(() => cache.delete(4294967296)).toThrow(RangeError);
  });
});

/** Largest capacity accepted: 2^24 items take about 400 MB of typed arrays. */
export const LRU_MAX_CAPACITY = 16_777_216;

/** Options for `LruCache`. */
export interface LruCacheOptions {
  /**
   * Time to live of an entry in simulated seconds, counted from its last `set`. A `get` at or
   * after that time is a miss and drops the entry. @default Infinity (entries never expire)
   */
  ttlSeconds?: number;
}

const EMPTY = -1;

/**
 * A least-recently-used cache of integer keys (0 to 2^32 − 1) that stores presence only: the
 * simulator needs hits and misses, not values. Every operation is O(1) and allocates nothing.
 *
 * Design: entries are slots in typed arrays, chained into a circular doubly linked list in
 * recency order through a sentinel slot (`capacity`). An open-addressing hash table with linear
 * probing maps a key to its slot; deletion shifts later entries back, so there are no tombstones
 * and the table never degrades. Expiry is lazy, as in memcached: an entry past its TTL is
 * dropped when a `get` finds it or when it reaches the LRU end, so `size` may include expired
 * entries not yet touched.
 */
export class LruCache {
  /** Maximum number of entries. */
  readonly capacity: number;
  /** Time to live in simulated seconds (`Infinity` when entries never expire). */
  readonly ttlSeconds: number;

  /** Lookups that found a live entry. */
  hits = 0;
  /** Lookups that found nothing or an expired entry. */
  misses = 0;
  /** Live entries pushed out by `set` because the cache was full. */
  evictions = 0;
  /** Entries dropped because their TTL had passed. */
  expirations = 0;

  #size = 0;
  /** Slots never used since construction or `clear`; slots below it are in use or free-listed. */
  #fresh = 0;
  /** Head of the free list, linked through `#next`. */
  #free = EMPTY;

  #keys: Uint32Array;
  #expiresAt: Float64Array;
  #prev: Int32Array;
  #next: Int32Array;
  /** Hash table of slot numbers (EMPTY where unused); its length is a power of two. */
  #table: Int32Array;
  #mask: number;
  #shift: number;

  /** `capacity`: maximum entries, a whole number from 0 to 2^24 (0 caches nothing). */
  constructor(capacity: number, options: LruCacheOptions = {}) {
    const ttlSeconds = options.ttlSeconds ?? Infinity;
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > LRU_MAX_CAPACITY) {
      throw new RangeError(
        `LRU cache capacity \`${capacity}\` is not allowed: use a whole number of items from 0 to ${LRU_MAX_CAPACITY}.`,
      );
    }
    if (!(ttlSeconds > 0)) {
      throw new RangeError(
        `LRU cache ttlSeconds \`${ttlSeconds}\` is not allowed: use a positive number of seconds, or Infinity for no expiry.`,
      );
    }
    this.capacity = capacity;
    this.ttlSeconds = ttlSeconds;

    this.#keys = new Uint32Array(capacity);
    this.#expiresAt = new Float64Array(ttlSeconds === Infinity ? 0 : capacity);
    this.#prev = new Int32Array(capacity + 1);
    this.#next = new Int32Array(capacity + 1);
    // At most half full, so a probe run stays short.
    let bits = 1;
    while (1 << bits < 2 * capacity) bits++;
    this.#table = new Int32Array(1 << bits);
    this.#mask = (1 << bits) - 1;
    this.#shift = 32 - bits;
    this.clear();
  }

  /** Number of entries held, including expired ones not yet dropped. */
  get size(): number {
    return this.#size;
  }

  /**
   * Looks `key` up at simulated time `now` (seconds). A hit makes the entry the most recent;
   * an expired entry is dropped and counts as a miss.
   */
  get(key: number, now: number): boolean {
    const index = this.#find(checkKey(key));
    if (index === EMPTY) {
      this.misses++;
      return false;
    }
    const slot = this.#table[index]!;
    if (this.#isExpired(slot, now)) {
      this.#removeAt(index, slot);
      this.expirations++;
      this.misses++;
      return false;
    }
    this.#unlink(slot);
    this.#linkFirst(slot);
    this.hits++;
    return true;
  }

  /**
   * Stores `key` at simulated time `now` (seconds) as the most recent entry, restarting its TTL.
   * When the cache is full, the least recently used entry goes first.
   */
  set(key: number, now: number): void {
    checkKey(key);
    if (this.capacity === 0) return;
    const found = this.#find(key);
    let slot: number;
    if (found !== EMPTY) {
      slot = this.#table[found]!;
      this.#unlink(slot);
    } else {
      if (this.#size === this.capacity) this.#evictOldest(now);
      slot = this.#allocate();
      this.#keys[slot] = key;
      this.#insert(key, slot);
      this.#size++;
    }
    if (this.#expiresAt.length > 0) this.#expiresAt[slot] = now + this.ttlSeconds;
    this.#linkFirst(slot);
  }

  /** Removes `key` (an invalidation). Returns whether it was present. Counters do not change. */
  delete(key: number): boolean {
    const index = this.#find(checkKey(key));
    if (index === EMPTY) return false;
    this.#removeAt(index, this.#table[index]!);
    return true;
  }

  /** Drops every entry, as when a cache node is lost or restarted. Counters are kept. */
  clear(): void {
    const sentinel = this.capacity;
    this.#prev[sentinel] = sentinel;
    this.#next[sentinel] = sentinel;
    this.#table.fill(EMPTY);
    this.#size = 0;
    this.#fresh = 0;
    this.#free = EMPTY;
  }

  /** Sets hits, misses, evictions and expirations back to 0 (for example after a warm-up). */
  resetCounters(): void {
    this.hits = 0;
    this.misses = 0;
    this.evictions = 0;
    this.expirations = 0;
  }

  #isExpired(slot: number, now: number): boolean {
    return this.#expiresAt.length > 0 && now >= this.#expiresAt[slot]!;
  }

  /** Removes the least recently used entry to make room; counts it as an expiry if it was one. */
  #evictOldest(now: number): void {
    const slot = this.#prev[this.capacity]!;
    if (this.#isExpired(slot, now)) this.expirations++;
    else this.evictions++;
    this.#removeAt(this.#find(this.#keys[slot]!), slot);
  }

  #allocate(): number {
    if (this.#free !== EMPTY) {
      const slot = this.#free;
      this.#free = this.#next[slot]!;
      return slot;
    }
    return this.#fresh++;
  }

  /** Unlinks `slot`, frees it and deletes its hash entry at `index`. */
  #removeAt(index: number, slot: number): void {
    this.#unlink(slot);
    this.#next[slot] = this.#free;
    this.#free = slot;
    this.#size--;
    this.#deleteIndex(index);
  }

  #unlink(slot: number): void {
    const before = this.#prev[slot]!;
    const after = this.#next[slot]!;
    this.#next[before] = after;
    this.#prev[after] = before;
  }

  #linkFirst(slot: number): void {
    const sentinel = this.capacity;
    const first = this.#next[sentinel]!;
    this.#prev[slot] = sentinel;
    this.#next[slot] = first;
    this.#prev[first] = slot;
    this.#next[sentinel] = slot;
  }

  /** Home bucket of `key`: Fibonacci hashing, the top bits of key · 2^32/φ. */
  #home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.#shift;
  }

  /** Table index holding `key`, or EMPTY. */
  #find(key: number): number {
    const table = this.#table;
    const keys = this.#keys;
    const mask = this.#mask;
    let i = this.#home(key);
    for (;;) {
      const slot = table[i]!;
      if (slot === EMPTY) return EMPTY;
      if (keys[slot] === key) return i;
      i = (i + 1) & mask;
    }
  }

  #insert(key: number, slot: number): void {
    const table = this.#table;
    const mask = this.#mask;
    let i = this.#home(key);
    while (table[i] !== EMPTY) i = (i + 1) & mask;
    table[i] = slot;
  }

  /** Empties table index `hole`, moving back later entries of the probe run that need it. */
  #deleteIndex(hole: number): void {
    const table = this.#table;
    const keys = this.#keys;
    const mask = this.#mask;
    let j = hole;
    for (;;) {
      j = (j + 1) & mask;
      const slot = table[j]!;
      if (slot === EMPTY) break;
      const home = this.#home(keys[slot]!);
      // The entry at j may move to the hole only if its home is not cyclically in (hole, j].
      const homeInRun = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!homeInRun) {
        table[hole] = slot;
        hole = j;
      }
    }
    table[hole] = EMPTY;
  }
}

/** Returns `key` if it is a whole number from 0 to 2^32 − 1; throws otherwise. */
function checkKey(key: number): number {
  if (key >>> 0 !== key) {
    throw new RangeError(
      `LRU cache key \`${key}\` is not allowed: use a whole number from 0 to 4294967295.`,
    );
  }
  return key;
}

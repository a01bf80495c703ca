/**
 * Log-linear bucket histogram (HDR style) for latencies. Values are recorded in microseconds
 * as integers. Below 2^(SUB_BITS+1) µs every microsecond has its own bucket; above, each power
 * of two is split into 2^SUB_BITS linear sub-buckets. A bucket's midpoint is then within
 * 1/2^(SUB_BITS+1) (0.2 %) of any value in it. Values up to about 2^41 µs (25 days) fit.
 */
const SUB_BITS = 8;
const SUB_COUNT = 1 << SUB_BITS;
const MAX_SHIFT = 32;
const BUCKETS = (MAX_SHIFT + 2) * SUB_COUNT;

export class LatencyHistogram {
  #counts = new Float64Array(BUCKETS);
  #total = 0;
  #sumUs = 0;
  #maxUs = 0;

  /** Records one value in milliseconds (stored at microsecond resolution). */
  recordMs(valueMs: number): void {
    const us = Math.max(0, Math.round(valueMs * 1000));
    this.#counts[bucketOf(us)]!++;
    this.#total++;
    this.#sumUs += us;
    if (us > this.#maxUs) this.#maxUs = us;
  }

  /** Number of recorded values. */
  get count(): number {
    return this.#total;
  }

  /** Mean of recorded values in milliseconds (0 when empty). */
  meanMs(): number {
    return this.#total === 0 ? 0 : this.#sumUs / this.#total / 1000;
  }

  /** Largest recorded value in milliseconds (0 when empty). */
  maxMs(): number {
    return this.#maxUs / 1000;
  }

  /**
   * The value at quantile `q` (0..1) in milliseconds: the midpoint of the bucket holding the
   * ceil(q * count)-th smallest value, capped at the exact maximum. 0 when empty.
   */
  percentileMs(q: number): number {
    if (this.#total === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.#total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i]!;
      if (seen >= rank) return Math.min(bucketMidUs(i), this.#maxUs) / 1000;
    }
    return this.#maxUs / 1000;
  }
}

function bucketOf(us: number): number {
  const msb = us < 4294967296 ? 31 - Math.clz32(us) : 63 - Math.clz32(Math.floor(us / 4294967296));
  const shift = Math.min(Math.max(0, msb - SUB_BITS), MAX_SHIFT);
  return Math.min(shift * SUB_COUNT + Math.floor(us / 2 ** shift), BUCKETS - 1);
}

function bucketMidUs(index: number): number {
  if (index < 2 * SUB_COUNT) return index;
  const shift = Math.floor(index / SUB_COUNT) - 1;
  const low = (index - shift * SUB_COUNT) * 2 ** shift;
  return low + (2 ** shift - 1) / 2;
}

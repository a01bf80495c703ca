import { pow } from './portable-math.ts';
import type { Rng } from './rng.ts';

/** Largest catalogue a `ZipfSampler` accepts: 10 million objects take 80 MB. */
export const ZIPF_MAX_OBJECTS = 10_000_000;
/** Largest skew accepted; beyond 3 nearly every request goes to the first few objects. */
export const ZIPF_MAX_ALPHA = 3;

const TWO_POW_21 = 2097152;
const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * Draws object ranks from a Zipf distribution: rank r (0 = most popular) is requested with
 * probability (r + 1)^-alpha / H, where H = Σ k^-alpha over k = 1..n. alpha = 0 is uniform.
 *
 * Design: Walker's alias method (Vose's construction), so a draw costs O(1): one column picked
 * uniformly, then one biased coin. Each column's coin threshold (in units of 2^-32) and alias
 * sit side by side in one `Uint32Array`, so a draw touches one cache line even when the table
 * is far larger than the CPU cache. Memory is 8 bytes per object (20 while building); building
 * takes a few hundred nanoseconds per object. Weights come from the portable `pow`, so the
 * table, and with it every sample, is identical in every JavaScript engine. Quantising the
 * thresholds moves no rank's probability by more than 2^-32 / n.
 */
export class ZipfSampler {
  /** Number of objects in the catalogue. */
  readonly n: number;
  /** Skew exponent, 0..3. */
  readonly alpha: number;
  /** Σ k^-alpha for k = 1..n, summed from the smallest term up. */
  #weightSum: number;
  /**
   * Column c at [2c, 2c + 1]: the chance (× 2^32) that the column keeps rank c, then the rank
   * drawn otherwise (its alias).
   */
  #table: Uint32Array;

  /** `n`: number of objects, a whole number from 1 to 10 000 000. `alpha`: skew, 0 to 3. */
  constructor(n: number, alpha: number) {
    if (!Number.isInteger(n) || n < 1 || n > ZIPF_MAX_OBJECTS) {
      throw new RangeError(
        `Zipf object count \`${n}\` is not allowed: use a whole number from 1 to ${ZIPF_MAX_OBJECTS}.`,
      );
    }
    if (!(alpha >= 0 && alpha <= ZIPF_MAX_ALPHA)) {
      throw new RangeError(
        `Zipf exponent alpha \`${alpha}\` is not allowed: use a number from 0 (uniform) to ${ZIPF_MAX_ALPHA}.`,
      );
    }
    this.n = n;
    this.alpha = alpha;

    const weights = new Float64Array(n);
    for (let i = 0; i < n; i++) weights[i] = this.#weight(i);
    let sum = 0;
    for (let i = n - 1; i >= 0; i--) sum += weights[i]!;
    this.#weightSum = sum;

    this.#table = buildAliasTable(weights, n / sum);
  }

  /** Probability that one draw returns `rank` (0 = most popular). */
  probability(rank: number): number {
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.n) {
      throw new RangeError(
        `Zipf rank \`${rank}\` is out of range: use a whole number from 0 to ${this.n - 1}.`,
      );
    }
    return this.#weight(rank) / this.#weightSum;
  }

  /** One rank from 0 to n − 1, using two 32-bit draws of `rng`. */
  sample(rng: Rng): number {
    // A 53-bit uniform u: the integer part of u·n picks the column, the fraction is the coin
    // (at least 29 random bits for n ≤ 10^7). u·n < n in round-to-nearest, as u ≤ 1 − 2^-53.
    const u = (rng.nextUint32() * TWO_POW_21 + (rng.nextUint32() >>> 11)) * TWO_POW_MINUS_53;
    const x = u * this.n;
    const column = Math.floor(x);
    const table = this.#table;
    return (x - column) * TWO_POW_32 < table[2 * column]! ? column : table[2 * column + 1]!;
  }

  /** Unnormalised weight of `rank`: (rank + 1)^-alpha. */
  #weight(rank: number): number {
    return this.alpha === 0 ? 1 : pow(rank + 1, -this.alpha);
  }
}

/**
 * Vose's alias construction. `keep` holds the weights on entry and is overwritten; `scale` turns
 * a weight into a multiple of the mean (n / Σ weights). Columns below the mean are topped up
 * from columns above it, one pair per step. Returns the interleaved table `ZipfSampler` reads.
 */
function buildAliasTable(keep: Float64Array, scale: number): Uint32Array {
  const n = keep.length;
  const table = new Uint32Array(2 * n);
  // One work array: small columns stack up from the front, large ones from the back.
  const work = new Int32Array(n);
  let small = 0;
  let large = n;
  for (let i = 0; i < n; i++) {
    const scaled = keep[i]! * scale;
    keep[i] = scaled;
    table[2 * i + 1] = i;
    if (scaled < 1) work[small++] = i;
    else work[--large] = i;
  }

  while (small > 0 && large < n) {
    const s = work[--small]!;
    const l = work[large]!;
    table[2 * s + 1] = l;
    // (l + s) − 1 rather than l − (1 − s) keeps the rounding error smallest.
    const rest = keep[l]! + keep[s]! - 1;
    keep[l] = rest;
    if (rest < 1) {
      large++;
      work[small++] = l;
    }
  }

  // Whatever is left is 1 up to rounding: it always keeps its own rank.
  while (small > 0) keep[work[--small]!] = 1;
  while (large < n) keep[work[large++]!] = 1;

  // Thresholds in units of 2^-32 (exact scaling, then floor). A column with keep = 1 gets
  // 2^32 − 1; its alias is itself, so the coin's outcome does not matter.
  for (let c = 0; c < n; c++) {
    table[2 * c] = Math.min(Math.floor(keep[c]! * TWO_POW_32), TWO_POW_32 - 1);
  }
  return table;
}

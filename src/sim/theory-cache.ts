/**
 * Cache hit rates in closed form, to validate the simulated LRU cache. Requests follow the
 * independent reference model (IRM): each request picks object i with a fixed probability p_i,
 * independently of the past. This is theory, not a simulation path, so `Math.*` is fine here.
 */

/** Probabilities of a Zipf popularity law over `n` objects: p_i ∝ (i + 1)^-alpha, rank 0 first. */
export function zipfProbabilities(n: number, alpha: number): Float64Array {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`Zipf object count \`${n}\` is not allowed: use a whole number ≥ 1.`);
  }
  if (!(alpha >= 0 && alpha < Infinity)) {
    throw new RangeError(`Zipf exponent alpha \`${alpha}\` is not allowed: use a number ≥ 0.`);
  }
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) p[i] = Math.pow(i + 1, -alpha);
  let sum = 0;
  for (let i = n - 1; i >= 0; i--) sum += p[i]!;
  for (let i = 0; i < n; i++) p[i]! /= sum;
  return p;
}

/**
 * The Che approximation's characteristic time T_C of an LRU cache holding `capacity` objects,
 * in requests: the root of Σ (1 − e^(−p_i·T)) = capacity (Che, Tung and Wang, 2002). An object
 * stays cached if it is requested again within T_C requests. Infinity when everything fits.
 */
export function cheCharacteristicTime(probabilities: Float64Array, capacity: number): number {
  checkProbabilities(probabilities);
  if (!(capacity >= 0 && capacity < Infinity)) {
    throw new RangeError(
      `Cache capacity \`${capacity}\` is not allowed: use a finite number of objects ≥ 0.`,
    );
  }
  let popular = 0;
  for (const p of probabilities) if (p > 0) popular++;
  if (capacity >= popular) return Infinity;
  if (capacity === 0) return 0;

  // Expected number of distinct objects among T requests: increasing in T, so bracket, bisect.
  const expectedDistinct = (t: number) => {
    let sum = 0;
    for (const p of probabilities) sum -= Math.expm1(-p * t);
    return sum;
  };
  let low = 0;
  let high = capacity;
  while (expectedDistinct(high) < capacity) {
    low = high;
    high *= 2;
  }
  for (let i = 0; i < 200 && high - low > high * 1e-15; i++) {
    const mid = (low + high) / 2;
    if (expectedDistinct(mid) < capacity) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * Che's LRU hit rate: H = Σ p_i · (1 − e^(−p_i·T_C)), the share of requests served from a cache
 * of `capacity` objects. Within about 0.001 of exact LRU for Zipf popularity.
 */
export function cheHitRate(probabilities: Float64Array, capacity: number): number {
  const t = cheCharacteristicTime(probabilities, capacity);
  if (t === Infinity) return 1;
  let hits = 0;
  for (const p of probabilities) hits -= p * Math.expm1(-p * t);
  return hits;
}

function checkProbabilities(probabilities: Float64Array): void {
  let sum = 0;
  for (const p of probabilities) {
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(
        `Request probability \`${p}\` is not allowed: each must be a number from 0 to 1.`,
      );
    }
    sum += p;
  }
  if (!(Math.abs(sum - 1) <= 1e-9)) {
    throw new RangeError(
      `Request probabilities sum to \`${sum}\`: they must sum to 1 (use zipfProbabilities).`,
    );
  }
}

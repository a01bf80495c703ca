/**
 * The LRU cache and the Zipf sampler against the Che approximation (facts file §2.4). Requests
 * are independent draws from a Zipf popularity law (the IRM model), so the simulated hit rate
 * must match H = Σ p_i·(1 − e^(−p_i·T_C)). Che is within about 0.001 of exact LRU here; one run
 * of 10^6 measured requests has a standard error near 0.0005, so ±0.005 is a wide margin.
 */
import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/sim/engine/lru-cache.ts';
import { Rng } from '../../src/sim/engine/rng.ts';
import { ZipfSampler } from '../../src/sim/engine/zipf.ts';
import {
  cheCharacteristicTime,
  cheHitRate,
  zipfProbabilities,
} from '../../src/sim/theory-cache.ts';

const MEASURED_REQUESTS = 1_000_000;
const WARM_UP_REQUESTS = MEASURED_REQUESTS / 4; // 20 % of all requests

/** Hit rate of an LRU cache of `capacity` objects under Zipf(n, alpha) requests, after warm-up. */
function simulateHitRate(n: number, alpha: number, capacity: number, seed: number): number {
  const sampler = new ZipfSampler(n, alpha);
  const cache = new LruCache(capacity);
  const rng = new Rng(seed);
  // Cache-aside: a miss loads the object into the cache. Time does not matter without a TTL.
  const request = () => {
    const key = sampler.sample(rng);
    if (!cache.get(key, 0)) cache.set(key, 0);
  };
  for (let i = 0; i < WARM_UP_REQUESTS; i++) request();
  cache.resetCounters();
  for (let i = 0; i < MEASURED_REQUESTS; i++) request();
  return cache.hits / (cache.hits + cache.misses);
}

describe('LRU under Zipf requests against the Che approximation', () => {
  it('reproduces the reference theory values for N = 1000, α = 0.8, C = 100', () => {
    const p = zipfProbabilities(1000, 0.8);
    expect(cheCharacteristicTime(p, 100)).toBeCloseTo(133.86, 2);
    expect(cheHitRate(p, 100)).toBeCloseTo(0.3778, 4);
  });

  it('gives C/N for uniform popularity, where LRU is exactly C/N too', () => {
    expect(cheHitRate(zipfProbabilities(1000, 0), 100)).toBeCloseTo(0.1, 12);
  });

  it.each([
    [1000, 0.8, 100, 1],
    [10_000, 1.0, 500, 2],
    [1000, 0, 100, 3],
  ])('simulates N = %i, α = %s, C = %i within 0.005 of Che', (n, alpha, capacity, seed) => {
    const che = cheHitRate(zipfProbabilities(n, alpha), capacity);
    const simulated = simulateHitRate(n, alpha, capacity, seed);
    expect(Math.abs(simulated - che)).toBeLessThanOrEqual(0.005);
  });
});

import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';
import { ZipfSampler } from './zipf.ts';

/**
 * Draws `draws` ranks and checks the count of each bucket against its probability. A bucket
 * count is binomial, so it may stray from draws·p by 5 standard errors, sqrt(draws·p·(1 − p)),
 * before the test fails (a chance of about 6e-7 per bucket for a correct sampler).
 */
function expectFrequenciesMatch(
  sampler: ZipfSampler,
  seed: number,
  draws: number,
  buckets: readonly (readonly [number, number])[],
): void {
  const counts = new Float64Array(sampler.n);
  const rng = new Rng(seed);
  for (let i = 0; i < draws; i++) counts[sampler.sample(rng)]!++;

  for (const [from, to] of buckets) {
    let observed = 0;
    let p = 0;
    for (let rank = from; rank < to; rank++) {
      observed += counts[rank]!;
      p += sampler.probability(rank);
    }
    const standardError = Math.sqrt(draws * p * (1 - p));
    expect(Math.abs(observed - draws * p), `ranks ${from}..${to - 1}`).toBeLessThanOrEqual(
      5 * standardError,
    );
  }
}

describe('ZipfSampler', () => {
  it.each([
    [1000, 0.8],
    [100_000, 1.0],
    [50, 2.5],
    [10, 0],
  ])('matches probability() for n = %i, alpha = %s', (n, alpha) => {
    const sampler = new ZipfSampler(n, alpha);
    const head: [number, number][] = [0, 1, 2, 3, 4].map((r) => [r, r + 1]);
    const tail: [number, number][] = [
      [Math.floor(n / 2), n],
      [Math.floor(n / 10), Math.floor(n / 2)],
    ];
    expectFrequenciesMatch(sampler, n + 1, 400_000, [...head, ...tail]);
  });

  it('puts the probabilities of all ranks in a distribution that sums to 1 and falls with rank', () => {
    const sampler = new ZipfSampler(10_000, 1.1);
    let sum = 0;
    for (let r = 0; r < sampler.n; r++) sum += sampler.probability(r);
    expect(sum).toBeCloseTo(1, 12);
    expect(sampler.probability(0)).toBeGreaterThan(sampler.probability(1));
    expect(sampler.probability(1) / sampler.probability(3)).toBeCloseTo(2 ** 1.1, 12);
  });

  it('is uniform at alpha = 0 and always draws rank 0 when n = 1', () => {
    const uniform = new ZipfSampler(4, 0);
    expect(uniform.probability(3)).toBe(0.25);
    const single = new ZipfSampler(1, 2);
    const rng = new Rng(1);
    for (let i = 0; i < 100; i++) expect(single.sample(rng)).toBe(0);
    expect(single.probability(0)).toBe(1);
  });

  it('gives the same ranks for the same seed and different ranks for another', () => {
    const sampler = new ZipfSampler(1_000_000, 0.9);
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 200 }, () => sampler.sample(rng));
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
    expect(draw(5).every((r) => Number.isInteger(r) && r >= 0 && r < 1_000_000)).toBe(true);
  });

  it('gives pinned ranks, so a change to the tables or the portable pow is caught', () => {
    const sampler = new ZipfSampler(1000, 0.8);
    const rng = new Rng(2026);
    const ranks = Array.from({ length: 12 }, () => sampler.sample(rng));
    expect(ranks).toMatchInlineSnapshot(`
      [
        937,
        12,
        359,
        5,
        1,
        11,
        18,
        186,
        5,
        448,
        4,
        237,
      ]
    `);
    expect(sampler.probability(0)).toMatchInlineSnapshot(`0.06464203343751791`);
  });

  it.each([
    [0, 1],
    [-3, 1],
    [2.5, 1],
    [NaN, 1],
    [10_000_001, 1],
    [100, -0.1],
    [100, 3.01],
    [100, NaN],
  ])('rejects n = %s, alpha = %s with a RangeError that says what is allowed', (n, alpha) => {
    expect(() => new ZipfSampler(n, alpha)).toThrow(RangeError);
    expect(() => new ZipfSampler(n, alpha)).toThrow(/use (a whole number|a number) from/);
  });

  it('rejects a rank outside 0..n-1', () => {
    const sampler = new ZipfSampler(10, 1);
    expect(() => sampler.probability(10)).toThrow(/from 0 to 9/);
    expect(() => sampler.probability(-1)).toThrow(RangeError);
  });
});

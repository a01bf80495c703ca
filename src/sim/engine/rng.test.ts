import { describe, expect, it } from 'vitest';
import { Rng, mix32 } from './rng.ts';

describe('Rng (sfc32)', () => {
  it('repeats the same stream for the same seed', () => {
    const a = new Rng(123);
    const b = new Rng(123);
    for (let i = 0; i < 1000; i++) expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('gives different streams for different seeds and sub-streams', () => {
    const first = (r: Rng) => [r.nextUint32(), r.nextUint32(), r.nextUint32()];
    expect(first(new Rng(1))).not.toEqual(first(new Rng(2)));
    expect(first(new Rng(1, 1))).not.toEqual(first(new Rng(1, 2)));
    expect(first(new Rng(7).derive(1))).not.toEqual(first(new Rng(7).derive(2)));
  });

  it('draws uniform doubles in [0, 1) that fill 20 bins evenly (chi-square)', () => {
    const rng = new Rng(2026);
    const bins = new Array<number>(20).fill(0);
    const n = 200_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside++;
      else bins[Math.floor(u * 20)]!++;
    }
    expect(outside).toBe(0);
    const expected = n / 20;
    const chi2 = bins.reduce((s, b) => s + (b - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: the 99.9th percentile is 43.8.
    expect(chi2).toBeLessThan(43.8);
  });

  it('draws exponentials with the requested mean', () => {
    const rng = new Rng(9);
    let sum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) sum += rng.exponential(40);
    // Standard error of the mean is 40 / sqrt(n) ≈ 0.09.
    expect(Math.abs(sum / n - 40)).toBeLessThan(0.45);
  });

  it('hashes deterministically to unsigned 32-bit integers', () => {
    expect(mix32(0)).toBe(mix32(0));
    expect(mix32(1)).not.toBe(mix32(2));
    expect(mix32(0xffffffff)).toBeGreaterThanOrEqual(0);
    expect(mix32(0xffffffff)).toBeLessThan(2 ** 32);
  });
});

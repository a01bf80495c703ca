import { describe, expect, it } from 'vitest';
import { lnOfUint32Fraction } from './portable-log.ts';
import { Rng } from './rng.ts';

describe('lnOfUint32Fraction', () => {
  it('agrees with Math.log to within 1e-15 relative over the whole range', () => {
    const rng = new Rng(42);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const m = 1 + (rng.nextUint32() % 4294967296);
      const exact = Math.log(m / 4294967296);
      const ours = lnOfUint32Fraction(m);
      if (exact !== 0) worst = Math.max(worst, Math.abs((ours - exact) / exact));
    }
    expect(worst).toBeLessThan(1e-15);
  });

  it('is exact at the ends and at powers of two', () => {
    expect(lnOfUint32Fraction(4294967296)).toBe(0);
    expect(lnOfUint32Fraction(2147483648)).toBeCloseTo(-Math.LN2, 15);
    expect(lnOfUint32Fraction(1)).toBeCloseTo(-32 * Math.LN2, 13);
  });

  it('gives pinned bit patterns, so an engine that rounds differently is caught', () => {
    // Values produced by this implementation; any change to them changes every simulation.
    const pinned = [3, 1234567, 2147483649, 3000000000, 4294967295].map((m) =>
      lnOfUint32Fraction(m),
    );
    expect(pinned).toMatchInlineSnapshot(`
      [
        -21.082097489250142,
        -8.15447891863859,
        -0.693147180094284,
        -0.3588316523037291,
        -2.328306436809747e-10,
      ]
    `);
  });
});

import { describe, expect, it } from 'vitest';
import { exp, ln, pow } from './portable-math.ts';
import { Rng } from './rng.ts';

const view = new DataView(new ArrayBuffer(8));

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulpsApart(a: number, b: number): number {
  view.setFloat64(0, a);
  const bitsA = view.getBigInt64(0);
  view.setFloat64(0, b);
  const difference = bitsA - view.getBigInt64(0);
  return Number(difference < 0n ? -difference : difference);
}

/** Uniform double in [0, 1) with 53 random bits. */
function uniform53(rng: Rng): number {
  return (rng.nextUint32() * 2097152 + (rng.nextUint32() >>> 11)) / 9007199254740992;
}

/** Worst ulp distance and worst relative error of `ours` against `reference` on `inputs`. */
function compare(
  count: number,
  draw: () => [number, number],
  ours: (x: number, y: number) => number,
  reference: (x: number, y: number) => number,
): { worstUlps: number; worstRelative: number } {
  let worstUlps = 0;
  let worstRelative = 0;
  for (let i = 0; i < count; i++) {
    const [x, y] = draw();
    const a = ours(x, y);
    const b = reference(x, y);
    worstUlps = Math.max(worstUlps, ulpsApart(a, b));
    if (b !== 0) worstRelative = Math.max(worstRelative, Math.abs((a - b) / b));
  }
  return { worstUlps, worstRelative };
}

describe('portable ln', () => {
  it('stays within 1 ulp of Math.log from 1e-300 to 1e300', () => {
    const rng = new Rng(11);
    const result = compare(
      100_000,
      () => [Math.pow(2, uniform53(rng) * 2000 - 1000) * (1 + uniform53(rng)), 0],
      ln,
      Math.log,
    );
    expect(result.worstUlps).toBeLessThanOrEqual(1);
    expect(result.worstRelative).toBeLessThan(3e-16);
  });

  it('stays within 1 ulp of Math.log near 1, where the result is small', () => {
    const rng = new Rng(12);
    const result = compare(100_000, () => [0.5 + uniform53(rng), 0], ln, Math.log);
    expect(result.worstUlps).toBeLessThanOrEqual(1);
  });

  it('handles subnormal inputs', () => {
    const rng = new Rng(13);
    const result = compare(20_000, () => [uniform53(rng) * 1e-310, 0], ln, Math.log);
    expect(result.worstUlps).toBeLessThanOrEqual(1);
    expect(ln(Number.MIN_VALUE)).toBe(Math.log(Number.MIN_VALUE));
  });

  it('is exact at 1 and gives k·ln 2 at powers of two', () => {
    expect(ln(1)).toBe(0);
    expect(ln(2)).toBe(Math.LN2);
    for (let k = -1074; k <= 1023; k += 7) {
      expect(ulpsApart(ln(2 ** k), k * Math.LN2)).toBeLessThanOrEqual(1);
    }
  });

  it('follows IEEE conventions at the edges', () => {
    expect(ln(0)).toBe(-Infinity);
    expect(ln(Infinity)).toBe(Infinity);
    expect(ln(-1)).toBeNaN();
    expect(ln(NaN)).toBeNaN();
    expect(ln(Number.MAX_VALUE)).toBe(Math.log(Number.MAX_VALUE));
  });
});

describe('portable exp', () => {
  it('stays within 1 ulp of Math.exp over the whole finite range', () => {
    const rng = new Rng(21);
    const result = compare(100_000, () => [uniform53(rng) * 1400 - 700, 0], exp, Math.exp);
    expect(result.worstUlps).toBeLessThanOrEqual(1);
    expect(result.worstRelative).toBeLessThan(3e-16);
  });

  it('stays within 1 ulp of Math.exp for small arguments', () => {
    const rng = new Rng(22);
    const result = compare(100_000, () => [(uniform53(rng) - 0.5) * 1e-3, 0], exp, Math.exp);
    expect(result.worstUlps).toBeLessThanOrEqual(1);
  });

  it('rounds subnormal results to within 1 ulp of Math.exp', () => {
    const rng = new Rng(23);
    const result = compare(20_000, () => [-708.5 - uniform53(rng) * 36, 0], exp, Math.exp);
    expect(result.worstUlps).toBeLessThanOrEqual(1);
  });

  it('is exact at 0 and at multiples of ln 2 and over- or underflows like Math.exp', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(1)).toBe(Math.E);
    expect(exp(709.78)).toBe(Math.exp(709.78));
    expect(exp(709.8)).toBe(Infinity);
    expect(exp(-745.2)).toBe(0);
    expect(exp(-745.1)).toBe(Number.MIN_VALUE);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(NaN)).toBeNaN();
  });
});

describe('portable pow', () => {
  it('stays within 2 ulp of Math.pow even when y·ln x is in the hundreds', () => {
    const rng = new Rng(31);
    const result = compare(
      100_000,
      () => {
        const x = Math.pow(2, uniform53(rng) * 200 - 100) * (1 + uniform53(rng));
        return [x, (uniform53(rng) * 1400 - 700) / Math.log(x)];
      },
      pow,
      Math.pow,
    );
    expect(result.worstUlps).toBeLessThanOrEqual(2);
    expect(result.worstRelative).toBeLessThan(5e-16);
  });

  it('stays within 1 ulp of Math.pow for Zipf weights k^-alpha', () => {
    const rng = new Rng(32);
    const result = compare(
      100_000,
      () => [1 + Math.floor(uniform53(rng) * 1e7), -3 * uniform53(rng)],
      pow,
      Math.pow,
    );
    expect(result.worstUlps).toBeLessThanOrEqual(1);
  });

  it('keeps precision for x just off 1 with a huge exponent', () => {
    const rng = new Rng(33);
    const result = compare(
      20_000,
      () => [1 + (uniform53(rng) - 0.5) * 1e-6, (uniform53(rng) - 0.5) * 1e9],
      pow,
      Math.pow,
    );
    expect(result.worstUlps).toBeLessThanOrEqual(2);
  });

  it('is exact for powers of two, square roots of them and trivial cases', () => {
    for (let k = -1074; k <= 1023; k++) expect(pow(2, k)).toBe(2 ** k);
    expect(pow(4, 0.5)).toBe(2);
    expect(pow(1024, 0.1)).toBe(2);
    expect(pow(0.25, -1.5)).toBe(8);
    expect(pow(10, 3)).toBe(1000);
    expect(pow(7, 0)).toBe(1);
    expect(pow(1, 1e308)).toBe(1);
    expect(pow(3.7, 1)).toBe(3.7);
  });

  it('follows Math.pow at the edges for x ≥ 0 and gives NaN for negative x', () => {
    expect(pow(0, 2)).toBe(0);
    expect(pow(0, -2)).toBe(Infinity);
    expect(pow(Infinity, 2)).toBe(Infinity);
    expect(pow(Infinity, -2)).toBe(0);
    expect(pow(2, 1024)).toBe(Infinity);
    expect(pow(2, -1075)).toBe(0);
    expect(pow(0.5, Infinity)).toBe(0);
    expect(pow(1.5, Infinity)).toBe(Infinity);
    expect(pow(1e-300, 1e300)).toBe(0);
    expect(pow(-2, 2)).toBeNaN();
    expect(pow(NaN, 2)).toBeNaN();
    expect(pow(2, NaN)).toBeNaN();
  });
});

describe('portable math bit patterns', () => {
  it('gives pinned results, so an engine that rounds differently is caught', () => {
    // Values produced by this implementation. If one changes, every Zipf table and every
    // simulation built on these functions changes with it.
    const pinned = [
      ln(3),
      ln(0.7),
      ln(1 + 2 ** -40),
      ln(1e-310),
      ln(1.7976931348623157e308),
      exp(0.1),
      exp(-2.5),
      exp(123.456),
      exp(-740.25),
      pow(1000, -0.8),
      pow(123457, -1.2),
      pow(2.5, 300.5),
      pow(0.999999, 1e7),
    ];
    expect(pinned).toMatchInlineSnapshot(`
      [
        1.0986122886681098,
        -0.35667494393873245,
        9.094947017725146e-13,
        -713.8013788281542,
        709.782712893384,
        1.1051709180756477,
        0.0820849986238988,
        4.132944352778106e+53,
        3.26e-322,
        0.003981071705534972,
        7.765709433614947e-7,
        3.8104178761054226e+119,
        0.000045399702750197204,
      ]
    `);
  });
});

/**
 * Natural logarithm from IEEE-754 `+ - * /` only. Those four are correctly rounded in every
 * JavaScript engine, while `Math.log` may differ in the last bit between engines and even
 * between V8 versions (Node and Chromium disagreed in our browser tests). Exponential samples
 * go through this function so the same seed gives byte-identical results everywhere.
 */

const LN2_HI = 6.9314718036912381649e-1; // ln 2, upper 32 bits (fdlibm's split)
const LN2_LO = 1.90821492927058770002e-10; // ln 2 - LN2_HI
const SQRT2 = 1.4142135623730951;

/** 2^-e for e = 0..31, exact powers of two. */
const INVERSE_POWERS_OF_TWO = Float64Array.from({ length: 32 }, (_, e) => 1 / 2 ** e);

/** ln(f) for f in [sqrt(2)/2, sqrt(2)]: 2·atanh(s) with s = (f-1)/(f+1), as a series in s². */
function lnNearOne(f: number): number {
  const s = (f - 1) / (f + 1);
  const z = s * s;
  // 1 + z/3 + z²/5 + … + z¹²/25; |z| < 0.0295, so the next term is below 1e-20.
  const series =
    1 +
    z *
      (1 / 3 +
        z *
          (1 / 5 +
            z *
              (1 / 7 +
                z *
                  (1 / 9 +
                    z *
                      (1 / 11 +
                        z *
                          (1 / 13 +
                            z *
                              (1 / 15 +
                                z *
                                  (1 / 17 +
                                    z * (1 / 19 + z * (1 / 21 + z * (1 / 23 + z / 25)))))))))));
  return 2 * s * series;
}

/**
 * ln(m / 2^32) for a whole number m from 1 to 2^32: the log of a uniform draw of the 32-bit
 * generator. Accurate to about 1e-15 relative; the same bits in every engine.
 */
export function lnOfUint32Fraction(m: number): number {
  if (m >= 4294967296) return 0;
  let exponent = 31 - Math.clz32(m);
  let f = m * (INVERSE_POWERS_OF_TWO[exponent] ?? 0);
  if (f > SQRT2) {
    f *= 0.5;
    exponent += 1;
  }
  const k = exponent - 32;
  return k * LN2_HI + (lnNearOne(f) + k * LN2_LO);
}

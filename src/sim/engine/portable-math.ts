/**
 * `ln`, `exp` and `pow` built from IEEE-754 `+ - * /`, comparisons, `Math.floor` and exact
 * power-of-two scaling. Those operations are correctly rounded in every JavaScript engine,
 * whereas `Math.log`, `Math.exp` and `Math.pow` may differ in the last bit between engines
 * (Node and Chromium already disagreed on `Math.log`). Anything on a simulation path that needs
 * these functions calls them here, so one seed gives byte-identical runs everywhere.
 *
 * Method (the classic fdlibm recipe, our own code): reduce the argument by powers of two,
 * evaluate a short series on the small remainder, and carry the logarithm as a double-double
 * (`hi + lo`) so that `pow` keeps full precision even when `y · ln x` is in the hundreds.
 * Measured against V8's `Math.*`: at most 1 ulp apart for `ln` and `exp`, at most 2 ulp for `pow`.
 */

const LN2_HI = 6.9314718036912381649e-1; // ln 2 rounded to 32 bits: k · LN2_HI is exact
const LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI
const INV_LN2 = 1.442695040888963387;
const SQRT2 = 1.4142135623730951;
const TWO_THIRDS_HI = 2 / 3;
const TWO_THIRDS_LO = 1 / 27021597764222976; // 2/3 − TWO_THIRDS_HI = 1 / (3 · 2^53), exactly
const TWO_POW_54 = 18014398509481984;
const SPLITTER = 134217729; // 2^27 + 1, splits a double into two 26-bit halves (Veltkamp)

/** ln(Number.MAX_VALUE) is 709.78…, ln(Number.MIN_VALUE) is −744.44…: beyond these, no work. */
const EXP_OVERFLOW_AT = 710;
const EXP_UNDERFLOW_AT = -746;

// One scratch double viewed as two 32-bit words, to read and write exponent bits. Integer
// operations on the bit pattern are exact, so this is as portable as arithmetic.
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
scratch[0] = 1;
const HI_WORD = words[1] === 0x3ff00000 ? 1 : 0;
const LO_WORD = 1 - HI_WORD;

/** 2^k for an integer k in [−1022, 1023], built from its bit pattern (exact). */
function powerOfTwo(k: number): number {
  words[HI_WORD] = (k + 1023) << 20;
  words[LO_WORD] = 0;
  return scratch[0]!;
}

/** y · 2^k with a single rounding, also when the result is subnormal or overflows. */
function scaleByPowerOfTwo(y: number, k: number): number {
  if (k > 1023) return y * powerOfTwo(k - 1) * 2;
  if (k < -1022) return y * powerOfTwo(k + 64) * powerOfTwo(-64);
  return y * powerOfTwo(k);
}

// The low half of the last double-double result; module state avoids allocating a pair.
let resultLo = 0;

/**
 * ln(x) as a double-double: returns the high part, leaves the low part in `resultLo`.
 * x must be positive and finite. Relative error of hi + lo is about 2^-59.
 */
function lnDoubleDouble(x: number): number {
  // x = m · 2^k with m in [√2/2, √2).
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= TWO_POW_54; // subnormal: make it normal first
    k = -54;
  }
  scratch[0] = x;
  const high = words[HI_WORD]!;
  k += ((high >>> 20) & 0x7ff) - 1023;
  words[HI_WORD] = (high & 0x000fffff) | 0x3ff00000;
  let m = scratch[0]!;
  if (m >= SQRT2) {
    m *= 0.5;
    k += 1;
  }

  // ln m = 2·atanh(s) with s = f / (2 + f), f = m − 1 (exact). s is kept as sHi + sLo.
  const f = m - 1;
  const tHi = 2 + f;
  const tLo = f - (tHi - 2);
  const sHi = f / tHi;
  const p = sHi * tHi;
  const pErr = twoProductError(sHi, tHi, p);
  const sLo = (f - p - pErr - sHi * tLo) / tHi;

  // 2·atanh(s) = 2s + (2/3)s³ + s⁵·(2/5 + 2z/7 + …) with z = s² ≤ 0.0295. The cubic term can
  // reach 1 % of the total, so it is carried in double-double too; the rest is below 2e-4 of
  // the total and plain doubles keep the whole sum near 2^-64 relative.
  const z = sHi * sHi;
  const zErr = twoProductError(sHi, sHi, z);
  const cube = sHi * z;
  const cubeLo = twoProductError(sHi, z, cube) + (sHi * zErr + 3 * z * sLo);
  const cubic = TWO_THIRDS_HI * cube;
  const cubicLo =
    twoProductError(TWO_THIRDS_HI, cube, cubic) + (TWO_THIRDS_HI * cubeLo + TWO_THIRDS_LO * cube);
  const higher = cube * z * atanhHigherSeries(z);

  // k·ln 2 + 2s + (2/3)s³ + small terms, summed without losing the low bits.
  const b = 2 * sHi;
  const atanhHi = b + cubic;
  const atanhErr = twoSumError(b, cubic, atanhHi);
  const a = k * LN2_HI;
  const sum = a + atanhHi;
  const sumErr = twoSumError(a, atanhHi, sum);
  const small = sumErr + (atanhErr + (2 * sLo + cubicLo + higher + k * LN2_LO));
  const hi = sum + small;
  resultLo = small - (hi - sum);
  return hi;
}

/** 2/5 + 2z/7 + … + 2z⁹/23; the first omitted term is below 2^-64 of the total. */
function atanhHigherSeries(z: number): number {
  return (
    2 / 5 +
    z *
      (2 / 7 +
        z *
          (2 / 9 +
            z *
              (2 / 11 +
                z *
                  (2 / 13 +
                    z * (2 / 15 + z * (2 / 17 + z * (2 / 19 + z * (2 / 21 + z * (2 / 23)))))))))
  );
}

/** e^(hi + lo) for a double-double exponent (|lo| tiny next to |hi|). */
function expDoubleDouble(hi: number, lo: number): number {
  if (hi !== hi) return NaN;
  if (hi > EXP_OVERFLOW_AT) return Infinity;
  if (hi < EXP_UNDERFLOW_AT) return 0;

  // hi + lo = k·ln 2 + r with |r| ≤ ln(2)/2. hi − k·LN2_HI is exact (Sterbenz).
  const k = Math.floor(hi * INV_LN2 + 0.5);
  const rHi = hi - k * LN2_HI;
  const rLo = lo - k * LN2_LO;
  const r = rHi + rLo;
  const rErr = twoSumError(rHi, rLo, r);

  // e^r = 1 + r + r²·(1/2! + r/3! + … + r¹²/14!); the first omitted term is below 1e-19.
  const q =
    1 / 2 +
    r *
      (1 / 6 +
        r *
          (1 / 24 +
            r *
              (1 / 120 +
                r *
                  (1 / 720 +
                    r *
                      (1 / 5040 +
                        r *
                          (1 / 40320 +
                            r *
                              (1 / 362880 +
                                r *
                                  (1 / 3628800 +
                                    r *
                                      (1 / 39916800 +
                                        r *
                                          (1 / 479001600 +
                                            r * (1 / 6227020800 + r * (1 / 87178291200))))))))))));
  // rErr·(1 + r) is the first-order effect of the part of r lost to rounding.
  const expR = 1 + (r + (r * r * q + rErr * (1 + r)));
  return scaleByPowerOfTwo(expR, k);
}

/** The rounding error of a + b, given s = fl(a + b) (Knuth's TwoSum; exact). */
function twoSumError(a: number, b: number, s: number): number {
  const bVirtual = s - a;
  const aVirtual = s - bVirtual;
  return a - aVirtual + (b - bVirtual);
}

/** The rounding error of a · b, given p = fl(a · b) (Dekker's product; exact barring overflow). */
function twoProductError(a: number, b: number, p: number): number {
  const ca = SPLITTER * a;
  const aHi = ca - (ca - a);
  const aLo = a - aHi;
  const cb = SPLITTER * b;
  const bHi = cb - (cb - b);
  const bLo = b - bHi;
  return aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo;
}

/** Natural logarithm. `ln(0)` is −Infinity; negative input and NaN give NaN. */
export function ln(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  return lnDoubleDouble(x);
}

/** e^x. Overflows to Infinity above about 709.78 and underflows to 0 below about −745.13. */
export function exp(x: number): number {
  return expDoubleDouble(x, 0);
}

/**
 * x^y for x ≥ 0 (negative x gives NaN: the simulator never needs it). Computed as
 * e^(y · ln x) with ln x and the product carried in double-double, so large exponents keep full
 * precision. `pow(x, 0)` is 1, `pow(1, y)` is 1 for any finite y, and exact powers of two come
 * out exact.
 */
export function pow(x: number, y: number): number {
  if (x !== x || y !== y || x < 0) return NaN;
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (x === 0) return y > 0 ? 0 : Infinity;
  if (x === Infinity) return y > 0 ? Infinity : 0;

  const lnHi = lnDoubleDouble(x);
  const lnLo = resultLo;
  const productHi = y * lnHi;
  if (productHi > EXP_OVERFLOW_AT) return Infinity;
  if (productHi < EXP_UNDERFLOW_AT) return 0;
  const productLo = twoProductError(y, lnHi, productHi) + y * lnLo;
  return expDoubleDouble(productHi, productLo);
}

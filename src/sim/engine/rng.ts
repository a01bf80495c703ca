import { lnOfUint32Fraction } from './portable-log.ts';

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, 32-bit variant): seedable,
 * fast in V8, and identical in Node and in a browser worker. Never use `Math.random` in the
 * simulator.
 */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** Seeds the generator from one 32-bit integer (other numbers are reduced modulo 2^32). */
  constructor(seed: number, stream = 0) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = mix32((seed >>> 0) ^ mix32((stream >>> 0) + 0x632be5ab));
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.#c = (r + t) | 0;
    return t >>> 0;
  }

  /** Uniform double in [0, 1), 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Exponential sample with the given mean (same unit as the mean). */
  exponential(mean: number): number {
    // -ln(1 - u) with 1 - u = (2^32 - k) / 2^32 in (0, 1], so the log is finite. A portable
    // log instead of Math.log keeps results identical across JavaScript engines.
    return -lnOfUint32Fraction(4294967296 - this.nextUint32()) * mean;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An independent generator for sub-stream `stream`, derived from this one's next output. */
  derive(stream: number): Rng {
    return new Rng(this.nextUint32(), stream);
  }
}

/** Stateless 32-bit integer hash (murmur3 finaliser), used to spread seeds. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

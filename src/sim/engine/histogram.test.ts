import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './histogram.ts';
import { Rng } from './rng.ts';

function exactPercentile(sorted: Float64Array, q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

describe('LatencyHistogram', () => {
  it.each([
    ['exponential, mean 5 ms', (r: Rng) => r.exponential(5)],
    ['exponential, mean 2 s', (r: Rng) => r.exponential(2000)],
    ['wide log-uniform, 1 µs to 100 s', (r: Rng) => 10 ** (r.next() * 8 - 3)],
  ])('reports percentiles within 0.2 %% (plus 1 µs rounding) of exact sorting: %s', (_, draw) => {
    const rng = new Rng(5);
    const h = new LatencyHistogram();
    const values = new Float64Array(100_000);
    for (let i = 0; i < values.length; i++) {
      const ms = Math.round(draw(rng) * 1000) / 1000;
      values[i] = ms;
      h.recordMs(ms);
    }
    values.sort();
    for (const q of [0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 1]) {
      const exact = exactPercentile(values, q);
      expect(Math.abs(h.percentileMs(q) - exact)).toBeLessThanOrEqual(exact * 0.002 + 0.001);
    }
    expect(h.maxMs()).toBe(values[values.length - 1]);
    expect(h.count).toBe(values.length);
  });

  it('returns exact values for small integers of microseconds', () => {
    const h = new LatencyHistogram();
    for (const ms of [0.001, 0.002, 0.003, 0.1]) h.recordMs(ms);
    expect(h.percentileMs(0.5)).toBe(0.002);
    expect(h.percentileMs(1)).toBe(0.1);
  });

  it('reports zeros when empty', () => {
    const h = new LatencyHistogram();
    expect([h.meanMs(), h.percentileMs(0.99), h.maxMs()]).toEqual([0, 0, 0]);
  });
});

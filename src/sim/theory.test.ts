import { describe, expect, it } from 'vitest';
import { erlangC, mm1, mmc } from './theory.ts';

describe('queueing theory', () => {
  it('reproduces the textbook M/M/1 example (λ = 24/h, μ = 30/h: L = 4, W = 1/6 h)', () => {
    const m = mm1(24, 30);
    expect(m.l).toBeCloseTo(4, 10);
    expect(m.w).toBeCloseTo(1 / 6, 10);
  });

  it('reproduces the textbook M/M/3 example (λ = 300/yr, μ = 182.5/yr: Lq = 0.352, L = 1.996)', () => {
    const m = mmc(300, 182.5, 3);
    expect(m.lq).toBeCloseTo(0.3524, 4);
    expect(m.l).toBeCloseTo(1.9963, 4);
    expect(m.pWait).toBeCloseTo(0.29075, 5);
  });

  it.each([
    [0.8, 1, 1, 0.8, 4],
    [0.9, 1, 1, 0.9, 9],
    [1, 1, 2, 1 / 3, 1 / 3],
    [9, 1, 10, 0.6687, 0.6687],
  ])('gives P(wait) and Wq for λ=%s μ=%s c=%s', (lambda, mu, c, pWait, wq) => {
    const m = mmc(lambda, mu, c);
    expect(m.pWait).toBeCloseTo(pWait, 4);
    expect(m.wq).toBeCloseTo(wq, 4);
  });

  it('agrees between the M/M/1 closed form and Erlang C with one server', () => {
    expect(mmc(0.7, 1, 1).wq).toBeCloseTo(mm1(0.7, 1).wq, 12);
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
  });

  it('stays finite for many servers', () => {
    const p = erlangC(500, 480);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });

  it('rejects an unstable queue', () => {
    expect(() => erlangC(2, 2)).toThrow(RangeError);
    expect(() => mm1(1, 1)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import {
  SLA_CATALOGUE,
  compose,
  downtimeMinutes,
  parallel,
  series,
  slaAvailability,
} from './availability.ts';

/** Availability as a percentage rounded to `decimals` places, the way the facts file quotes it. */
const percent = (a: number, decimals: number) => (a * 100).toFixed(decimals);

describe('availability algebra', () => {
  it('gives 99.9975 % for two 99.5 % replicas and 99.9999875 % for three', () => {
    expect(parallel(0.995, 0.995)).toBeCloseTo(0.999975, 12);
    expect(parallel(0.995, 0.995, 0.995)).toBeCloseTo(0.999999875, 12);
  });

  it('gives 99.0025 % for a single EC2 instance in series with a single-instance RDS', () => {
    expect(series(slaAvailability('ec2-instance'), slaAvailability('rds-single'))).toBeCloseTo(
      0.990025,
      12,
    );
  });

  it('reproduces the stage 5 worked checks of the facts file', () => {
    const elb = slaAvailability('elb-multi-az');
    const ec2 = slaAvailability('ec2-region');
    const rds = slaAvailability('rds-multi-az');
    expect(percent(series(elb, ec2, rds), 2)).toBe('99.93');
    expect(percent(series(elb, ec2, rds, slaAvailability('elasticache-multi-az')), 2)).toBe(
      '99.92',
    );
    expect(percent(series(elb, ec2, slaAvailability('dynamodb')), 2)).toBe('99.97');
    const staticPath = series(slaAvailability('cloudfront'), slaAvailability('s3-standard'));
    expect(percent(staticPath, 2)).toBe('99.80');
  });

  it('composes a tree of series and parallel parts', () => {
    const tier = { parallel: [0.995, 0.995] };
    expect(compose({ series: [0.9999, tier, 0.9995] })).toBeCloseTo(0.9999 * 0.999975 * 0.9995, 12);
    expect(compose(0.99)).toBe(0.99);
    expect(compose({ parallel: [{ series: [0.9, 0.9] }, 0.5] })).toBeCloseTo(1 - 0.19 * 0.5, 12);
  });

  it('turns availability into minutes of downtime per 30-day month', () => {
    expect(downtimeMinutes(0.995)).toBeCloseTo(216, 9);
    expect(downtimeMinutes(0.999)).toBeCloseTo(43.2, 9);
    expect(downtimeMinutes(0.9999)).toBeCloseTo(4.32, 9);
    expect(downtimeMinutes(0.99999) * 60).toBeCloseTo(25.92, 6);
    expect(downtimeMinutes(0.9999, 365)).toBeCloseTo(52.56, 9);
  });

  it('rejects availabilities outside 0..1 and empty lists, saying what is allowed', () => {
    expect(() => series(1.5)).toThrow(/use a fraction from 0 to 1/);
    expect(() => parallel(0.9, -0.1)).toThrow(/`-0.1` at parallel\[1\]/);
    expect(() => series(NaN)).toThrow(RangeError);
    expect(() => series()).toThrow(/at least one availability/);
    expect(() => parallel()).toThrow(RangeError);
    expect(() => compose({ series: [] })).toThrow(/node.series is empty/);
    expect(() => compose({ series: [0.9, { parallel: [99.9] }] })).toThrow(
      /node.series\[1\].parallel\[0\]/,
    );
    expect(() => compose({} as never)).toThrow(/\{ series: \[...\] \} or \{ parallel/);
    expect(() => downtimeMinutes(2)).toThrow(RangeError);
    expect(() => downtimeMinutes(0.99, -1)).toThrow(/number of days/);
    expect(() => slaAvailability('ec2')).toThrow(/use one of ec2-region/);
  });
});

describe('SLA catalogue', () => {
  it('lists each commitment once with a percentage, a measure, a source and a date', () => {
    const ids = SLA_CATALOGUE.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of SLA_CATALOGUE) {
      expect(entry.percent).toBeGreaterThan(99);
      expect(entry.percent).toBeLessThan(100);
      expect(['time', 'requests']).toContain(entry.measure);
      expect(entry.source).toMatch(/^https:\/\//);
      expect(entry.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('holds the facts-file numbers', () => {
    const table = Object.fromEntries(SLA_CATALOGUE.map((e) => [e.id, e.percent]));
    expect(table).toEqual({
      'ec2-region': 99.99,
      'ec2-instance': 99.5,
      'rds-multi-az': 99.95,
      'rds-single': 99.5,
      dynamodb: 99.99,
      'dynamodb-global': 99.999,
      'elb-multi-az': 99.99,
      'elb-single-az': 99.9,
      'elasticache-multi-az': 99.99,
      'elasticache-single-az': 99.5,
      's3-standard': 99.9,
      cloudfront: 99.9,
    });
  });
});

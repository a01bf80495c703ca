/**
 * Auto Scaling groups with target tracking on CPU. Theory for the steady state: with λ requests
 * per second of c CPU-seconds each on instances of v vCPUs, n instances run at λc/(nv), so the
 * policy desired = ceil(n × CPU / target) settles at n* = ceil(λc / (v × target)) (or one more
 * when noise pushes a reading just over a whole number). Arrivals follow the load steps as a
 * Poisson process, min and max bound the group, and a crashed instance is replaced.
 */
import { describe, expect, it } from 'vitest';
import { SimConfigError, Stack, simulate } from '../../src/sim/index.ts';
import type { AutoScalingGroupStats, Scenario, SimResults } from '../../src/sim/index.ts';

const CPU_SECONDS = 0.04; // the default 40 ms per request, database on the instance
const VCPUS = 2; // c5.large
const PERIOD = 60;
const LAUNCH = 60;

/** A group behind a load balancer; sessions in a table, so new instances get users at once. */
function grouped(min: number, max: number, desired: number): Stack {
  const stack = new Stack('asg');
  const sessions = stack.table('sessions');
  const group = stack.autoScalingGroup('web', {
    instanceType: 'c5.large',
    azs: ['us-east-1a', 'us-east-1b'],
    min,
    max,
    desired,
    targetCpuPercent: 50,
    app: { sessions },
  });
  const lb = stack.loadBalancer('alb', {
    targets: [group],
    healthCheckIntervalSeconds: 10,
    unhealthyThreshold: 2,
  });
  stack.dnsRecord('www', { name: 'www.example.com', target: lb });
  return stack;
}

function group(results: SimResults): AutoScalingGroupStats {
  const stats = results.parts['web'];
  if (stats?.kind !== 'asg') throw new Error('Bug: no group stats');
  return stats;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('target tracking on CPU', () => {
  const stepAt = 120;
  const lambdaAfter = 140;
  const scenario: Scenario = {
    users: 500,
    durationSeconds: 720,
    usersAt: [{ atSeconds: stepAt, users: lambdaAfter * 10 }],
  };
  const results = simulate(grouped(1, 10, 2), scenario, { seed: 1 });
  const stats = group(results);
  const target = 0.5;
  const nStar = Math.ceil((lambdaAfter * CPU_SECONDS) / (VCPUS * target));

  it('sends requests at the rate of each load step', () => {
    const s = results.series!.requests;
    const before = mean(s.slice(60, 120));
    const after = mean(s.slice(200, 260));
    // A 60-second mean of Poisson counts has sd √(λ/60); allow 4σ.
    expect(Math.abs(before - 50)).toBeLessThan(4 * Math.sqrt(50 / 60));
    expect(Math.abs(after - lambdaAfter)).toBeLessThan(4 * Math.sqrt(lambdaAfter / 60));
  });

  it('grows to the theoretical size within a few periods of a step up', () => {
    expect(nStar).toBe(6);
    const by = stepAt + 4 * PERIOD + LAUNCH;
    const size = stats.inService[by]!;
    expect(size).toBeGreaterThanOrEqual(nStar);
    expect(size).toBeLessThanOrEqual(nStar + 1);
    expect(stats.activities.some((a) => a.reason === 'scale-out')).toBe(true);
  });

  it('brings CPU back near the target', () => {
    const last = stats.inService.slice(600, 720);
    const n = mean(last);
    const util = results.series!.utilisation;
    let busy = 0;
    for (let i = 1; i <= 10; i++) busy += mean(util[`web#${i}`]!.slice(600, 720));
    const cpu = busy / n;
    // Theory at the size reached: λc / (n·v); and that is within [target − 0.1, target].
    expect(Math.abs(cpu - (lambdaAfter * CPU_SECONDS) / (n * VCPUS))).toBeLessThan(0.03);
    expect(cpu).toBeLessThanOrEqual(target + 0.03);
    expect(cpu).toBeGreaterThan(target - 0.1);
    expect(results.series!.failed.slice(600, 715).every((f) => f === 0)).toBe(true);
  });

  it('bills the time-average number of running instances', () => {
    const hours = results.usage.instanceHours['web']!.hours;
    expect(hours).toBeCloseTo(stats.meanRunningInstances * 730, 6);
    // Running includes launching, so it is at least the mean in service over the window.
    const inService = mean(stats.inService.slice(5));
    expect(stats.meanRunningInstances).toBeGreaterThanOrEqual(inService - 0.05);
    expect(stats.meanRunningInstances).toBeLessThan(inService + 1);
  });
});

describe('group bounds', () => {
  it('never runs more than max, however high the load', () => {
    const results = simulate(grouped(1, 3, 1), { users: 3000, durationSeconds: 400 });
    const stats = group(results);
    expect(Math.max(...stats.inService)).toBe(3);
    expect(stats.activities.every((a) => a.to <= 3)).toBe(true);
  });

  it('never runs fewer than min, however low the load', () => {
    const results = simulate(grouped(2, 6, 5), { users: 20, durationSeconds: 400 });
    const stats = group(results);
    expect(stats.inService.at(-1)).toBe(2);
    expect(Math.min(...stats.inService)).toBe(2);
    expect(stats.activities.every((a) => a.to >= 2)).toBe(true);
  });

  it('keeps a fixed-size group for the whole month', () => {
    const results = simulate(grouped(3, 3, 3), { users: 600, durationSeconds: 200 });
    expect(results.usage.instanceHours['web']!.hours).toBeCloseTo(3 * 730, 6);
  });
});

describe('replacing unhealthy instances', () => {
  it('replaces a crashed instance within a period plus the launch time', () => {
    const crashAt = 100;
    const results = simulate(grouped(3, 3, 3), {
      users: 600,
      durationSeconds: 400,
      failures: [{ atSeconds: crashAt, kind: 'instance-crash', target: 'web' }],
    });
    const stats = group(results);
    expect(stats.inService[crashAt - 2]).toBe(3);
    expect(stats.activities.map((a) => a.reason)).toContain('replace-unhealthy');
    const back = crashAt + PERIOD + LAUNCH + 1;
    expect(stats.inService.slice(back).every((n) => n === 3)).toBe(true);
    expect(results.requests.byReason['instance-down']).toBeGreaterThan(0);
    // Once health checks take the dead instance out (2 × 10 s), nothing else fails.
    expect(results.series!.failed.slice(crashAt + 31, 395).every((f) => f === 0)).toBe(true);
  });
});

describe('group configuration mistakes', () => {
  it('rejects min above max, naming the allowed range', () => {
    const stack = new Stack('bad');
    let error: unknown;
    try {
      stack.autoScalingGroup('web', {
        instanceType: 'c5.large',
        azs: ['us-east-1a'],
        min: 5,
        max: 3,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SimConfigError);
    const e = error as SimConfigError;
    expect([e.code, e.path]).toEqual(['invalid-number', 'parts[0].min']);
    expect(e.hint).toContain('1 to 3');
  });

  it('rejects a zone outside the Region', () => {
    const stack = new Stack('bad');
    expect(() =>
      stack.autoScalingGroup('web', {
        instanceType: 'c5.large',
        azs: ['eu-west-1a'],
        min: 1,
        max: 2,
      }),
    ).toThrow(SimConfigError);
  });
});

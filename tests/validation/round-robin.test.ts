/**
 * Round robin while a target is out of service: the load balancer skips it without handing its
 * turn to the next target, so the remaining targets share requests evenly. Also the scenario's
 * Zipf parameters: out-of-range values are configuration errors, not sampler crashes.
 */
import { describe, expect, it } from 'vitest';
import { SimConfigError, Stack, simulate } from '../../src/sim/index.ts';
import type { Ec2Stats, Scenario } from '../../src/sim/index.ts';

function threeWebs(): Stack {
  const stack = new Stack('rr');
  const db = stack.database('db', { instanceClass: 'db.m5.large' });
  const sessions = stack.table('sessions');
  const webs = [1, 2, 3].map((i) =>
    stack.instance(`web-${i}`, { instanceType: 'c5.large', app: { database: db, sessions } }),
  );
  const lb = stack.loadBalancer('alb', {
    targets: webs,
    healthCheckIntervalSeconds: 5,
    unhealthyThreshold: 2,
  });
  stack.dnsRecord('www', { name: 'www.example.com', target: lb });
  return stack;
}

describe('round robin with a target out of service', () => {
  it.each([1, 2, 3])('shares requests evenly over the other two (seed %i)', (seed) => {
    const crash: Scenario['failures'] = [{ atSeconds: 0, kind: 'instance-crash', target: 'web-1' }];
    // The crash at 0 s is detected by 10 s, well inside the 30 s warm-up.
    const results = simulate(
      threeWebs(),
      { users: 600, durationSeconds: 120, warmupSeconds: 30, failures: crash },
      { seed },
    );
    const arrivals = [2, 3].map((i) => (results.parts[`web-${i}`] as Ec2Stats).arrivals);
    expect((results.parts['web-1'] as Ec2Stats).arrivals).toBe(0);
    // A request sent just before the window's end may arrive after it: equal up to a few.
    expect(Math.abs(arrivals[0]! + arrivals[1]! - results.requests.total)).toBeLessThanOrEqual(5);
    expect(Math.abs(arrivals[0]! - arrivals[1]!)).toBeLessThanOrEqual(1);
    expect(results.requests.failed).toBe(0);
  });
});

describe('Zipf parameters of the workload', () => {
  const stack = threeWebs();
  const cases: [string, number, RegExp][] = [
    ['keyZipfAlpha', 3.5, /from 0 to 3/],
    ['keys', 10_000_001, /from 1 to 10000000/],
    ['staticZipfAlpha', 4, /from 0 to 3/],
    ['staticObjects', 20_000_000, /from 1 to 10000000/],
  ];
  it.each(cases)('%s = %d is a SimConfigError naming the allowed range', (key, value, range) => {
    let error: unknown;
    try {
      simulate(stack, { users: 10, workload: { [key]: value, staticShare: 0.1 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimConfigError);
    const e = error as SimConfigError;
    expect(e.code).toBe('invalid-number');
    expect(e.path).toBe(`scenario.workload.${key}`);
    expect(e.value).toBe(value);
    expect(e.hint).toMatch(range);
  });

  it('accepts the largest allowed skew', () => {
    const results = simulate(stack, {
      users: 50,
      durationSeconds: 20,
      workload: { keyZipfAlpha: 3 },
    });
    expect(results.requests.total).toBeGreaterThan(0);
  });
});

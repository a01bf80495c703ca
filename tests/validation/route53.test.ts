/**
 * Route 53 routing policies. Weighted: each query is answered with a target drawn by weight, so
 * the shares of answers are binomial. Failover: a health check marks the primary unhealthy after
 * `failureThreshold` failed probes `healthCheckIntervalSeconds` apart; from then on Route 53
 * answers with the secondary, but a resolver keeps the primary's address until its TTL runs out.
 * Every request sent later than crash + threshold × interval + TTL reaches the secondary, so a
 * long TTL lengthens the outage (the lesson of stage 4). A user notices up to one think time
 * later still, when they next send a request.
 */
import { describe, expect, it } from 'vitest';
import { SimConfigError, Stack, simulate } from '../../src/sim/index.ts';
import type { DnsStats, Ec2Stats, SimResults } from '../../src/sim/index.ts';

/** Two copies of a one-instance site, one per zone, each behind its own Elastic IP. */
function twoSites(record: 'failover' | 'weighted', ttlSeconds: number, weights = [3, 1]): Stack {
  const stack = new Stack('two-sites');
  const [a, b] = ['a', 'b'].map((zone) => {
    const web = stack.instance(`web-${zone}`, {
      instanceType: 'c5.large',
      az: `us-east-1${zone}`,
      app: {},
    });
    return stack.elasticIp(`ip-${zone}`, { instance: web });
  });
  if (record === 'failover') {
    stack.dnsRecord('www', {
      name: 'www.example.com',
      routing: 'failover',
      primary: a!,
      secondary: b!,
      healthCheckIntervalSeconds: 10,
      failureThreshold: 3,
      ttlSeconds,
    });
  } else {
    stack.dnsRecord('www', {
      name: 'www.example.com',
      routing: 'weighted',
      targets: [
        { target: a!, weight: weights[0]! },
        { target: b!, weight: weights[1]! },
      ],
      ttlSeconds,
    });
  }
  return stack;
}

function dns(results: SimResults): DnsStats {
  const stats = results.parts['www'];
  if (stats?.kind !== 'dns') throw new Error('Bug: no DNS stats');
  return stats;
}

describe('weighted routing', () => {
  it.each([1, 2, 3])('splits queries by weight within binomial bounds (seed %i)', (seed) => {
    // TTL 0: every request asks Route 53, so every request is one binomial trial.
    const results = simulate(
      twoSites('weighted', 0),
      { users: 200, durationSeconds: 120 },
      { seed },
    );
    const answers = dns(results).answers!;
    const n = answers['ip-a']! + answers['ip-b']!;
    expect(n).toBe(results.requests.total);
    const p = 3 / 4;
    const sigma = Math.sqrt((n * p * (1 - p)) / (n * n));
    expect(Math.abs(answers['ip-a']! / n - p)).toBeLessThan(4 * sigma);
    // The instances see the same split (every request follows its own answer).
    const arrivals = (id: string) => (results.parts[id] as Ec2Stats).arrivals;
    expect(arrivals('web-a') / (arrivals('web-a') + arrivals('web-b'))).toBeCloseTo(p, 1);
  });

  it('with a TTL, resolvers cache one answer per user, and queries still split by weight', () => {
    const results = simulate(twoSites('weighted', 60, [1, 1]), {
      users: 2000,
      durationSeconds: 300,
    });
    const stats = dns(results);
    const n = stats.answers!['ip-a']! + stats.answers!['ip-b']!;
    expect(n).toBe(stats.queries);
    // About one query per user per TTL + think time.
    expect(stats.queries / results.requests.total).toBeCloseTo(10 / 70, 1);
    expect(Math.abs(stats.answers!['ip-a']! / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
  });

  it('rejects all-zero weights and a single target', () => {
    expect(() => twoSites('weighted', 60, [0, 0])).toThrow(/Every weight is 0/);
    const stack = new Stack('one');
    const web = stack.instance('web', { instanceType: 'c5.large', app: {} });
    expect(() =>
      stack.dnsRecord('www', {
        name: 'www.example.com',
        routing: 'weighted',
        targets: [{ target: web, weight: 1 }],
      }),
    ).toThrow(SimConfigError);
  });
});

describe('failover routing', () => {
  const crashAt = 60;
  const detection = 3 * 10; // failureThreshold × healthCheckIntervalSeconds
  const scenario = {
    users: 100,
    durationSeconds: 600,
    failures: [{ atSeconds: crashAt, kind: 'instance-crash' as const, target: 'web-a' }],
  };
  const lastFailedSecond = (results: SimResults): number => {
    const failed = results.series!.failed;
    for (let s = failed.length - 1; s >= 0; s--) if (failed[s]! > 0) return s;
    return -1;
  };

  it.each([1, 2, 3])(
    'a 300 s TTL keeps users on the dead primary longer than a 60 s TTL (seed %i)',
    (seed) => {
      const short = simulate(twoSites('failover', 60), scenario, { seed });
      const long = simulate(twoSites('failover', 300), scenario, { seed });
      for (const [results, ttl] of [
        [short, 60],
        [long, 300],
      ] as const) {
        const last = lastFailedSecond(results);
        // Nothing fails once detection and every cached answer have run out ...
        expect(last).toBeLessThanOrEqual(crashAt + detection + ttl);
        // ... and users who looked up before the switch stay stuck for most of a TTL. (Every
        // resolver filled its cache in the run's first seconds, so with a 300 s TTL the last
        // stale answer may date from about 30 s into the run.)
        expect(last).toBeGreaterThan(crashAt + detection + ttl - 90);
        // Route 53 switched once, within the detection time.
        const change = dns(results).healthChanges!;
        expect(change).toHaveLength(1);
        expect(change[0]!.healthy).toBe(false);
        expect(change[0]!.atSeconds).toBeGreaterThan(crashAt);
        expect(change[0]!.atSeconds).toBeLessThanOrEqual(crashAt + detection);
      }
      expect(lastFailedSecond(long)).toBeGreaterThan(lastFailedSecond(short) + 120);
      expect(long.requests.failed).toBeGreaterThan(2 * short.requests.failed);
      expect(long.requests.byReason['instance-down']).toBe(long.requests.failed);
    },
  );

  it('the secondary serves every request after the failover, and none before the crash', () => {
    const results = simulate(twoSites('failover', 60), scenario, { seed: 4 });
    const series = results.series!;
    for (let s = crashAt + detection + 60 + 1; s < 590; s++) {
      expect(series.failed[s]).toBe(0);
      expect(series.ok[s]).toBe(series.requests[s]);
    }
    const secondary = results.parts['web-b'] as Ec2Stats;
    expect(secondary.served).toBeGreaterThan(0.8 * (600 - crashAt - detection - 60) * 10);
    // Before the crash, Route 53 answered with the primary only.
    const early = simulate(twoSites('failover', 60), { users: 100, durationSeconds: 60 });
    expect((early.parts['web-b'] as Ec2Stats).arrivals).toBe(0);
    expect(dns(early).answers!['ip-b']).toBe(0);
    expect(early.usage.route53HealthChecks).toBe(1);
  });

  it('switches back once the primary passes failureThreshold checks again', () => {
    const back = { ...scenario, failures: [{ ...scenario.failures[0]!, durationSeconds: 100 }] };
    const results = simulate(twoSites('failover', 60), back);
    const changes = dns(results).healthChanges!;
    expect(changes.map((c) => c.healthy)).toEqual([false, true]);
    expect(changes[1]!.atSeconds).toBeGreaterThan(crashAt + 100);
    expect(changes[1]!.atSeconds).toBeLessThanOrEqual(crashAt + 100 + detection);
  });

  it('checks only every 10 or 30 seconds, with a threshold of 1 to 10', () => {
    const stack = new Stack('bad');
    const a = stack.instance('a', { instanceType: 'c5.large', app: {} });
    const b = stack.instance('b', { instanceType: 'c5.large', app: {} });
    const record = (extra: object) => () =>
      stack.dnsRecord('www', {
        name: 'www.example.com',
        routing: 'failover',
        primary: a,
        secondary: b,
        ...extra,
      });
    expect(record({ healthCheckIntervalSeconds: 20 })).toThrow(/10 or 30/);
    expect(record({ failureThreshold: 11 })).toThrow(/from 1 to 10/);
    expect(record({ secondary: a })).toThrow(/is the primary too/);
    expect(record({ routing: 'geolocation' })).toThrow(/Unknown routing policy/);
  });
});

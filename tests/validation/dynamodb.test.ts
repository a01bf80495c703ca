/**
 * DynamoDB tables against what AWS documents: a partition serves at most 1 000 write units and
 * 3 000 read units per second, so a hot key throttles once its rate passes that budget (the
 * throttled share matches E[(N − budget)+] / λ for Poisson arrivals), more partitions help spread
 * keys but not a single hot key, and sessions kept in a table survive both an instance crash and
 * the loss of a cache node.
 */
import { describe, expect, it } from 'vitest';
import { SimConfigError, Stack, simulate } from '../../src/sim/index.ts';
import type { FailureEvent, Scenario, SimResults, TableStats } from '../../src/sim/index.ts';
import { AWS_BEHAVIOUR } from '../../src/sim/catalog/aws-behaviour.ts';

const WRITE_BUDGET = AWS_BEHAVIOUR.dynamoDbPartitionMaxWriteUnitsPerSecond.value;

/** One web instance whose data lives in a table of `partitions` partitions. */
function tableApp(partitions: number): Stack {
  const stack = new Stack('table-app');
  const table = stack.table('items', { partitions });
  const web = stack.instance('web', { instanceType: 'c5.xlarge', app: { database: table } });
  stack.dnsRecord('www', { name: 'www.example.com', target: web });
  return stack;
}

/** `rps` requests per second, all writes, over `keys` keys (1 = a single hot key). */
function writeLoad(rps: number, keys: number): Scenario {
  return {
    users: rps,
    thinkTimeSeconds: 1,
    durationSeconds: 45,
    warmupSeconds: 5,
    workload: { writeShare: 1, keys, keyZipfAlpha: 0, cpuMsPerRequest: 2 },
  };
}

function table(results: SimResults, id = 'items'): TableStats {
  const stats = results.parts[id];
  if (stats?.kind !== 'dynamodb') throw new Error(`Bug: no table stats for ${id}`);
  return stats;
}

/** E[(N − c)+] for N ~ Poisson(λ), summed in log space so large λ does not underflow. */
function expectedExcess(lambda: number, c: number): { mean: number; sd: number } {
  let logP = -lambda;
  let mean = 0;
  let second = 0;
  for (let k = 1; k < lambda * 3; k++) {
    logP += Math.log(lambda / k);
    if (k > c) {
      const p = Math.exp(logP);
      mean += (k - c) * p;
      second += (k - c) ** 2 * p;
    }
  }
  return { mean, sd: Math.sqrt(second - mean * mean) };
}

describe('DynamoDB partition limits', () => {
  it('throttles a hot key above 1 000 writes per second, by the Poisson excess', () => {
    const lambda = 1200;
    const results = simulate(tableApp(1), writeLoad(lambda, 1), { seed: 1 });
    const stats = table(results);
    const seconds = results.simulatedSeconds;
    const { mean, sd } = expectedExcess(lambda, WRITE_BUDGET);
    // Seconds are independent Poisson counts: the total excess has sd · √seconds; allow 4σ.
    const expected = mean * seconds;
    const tolerance = 4 * sd * Math.sqrt(seconds);
    expect(Math.abs(stats.throttledWrites - expected)).toBeLessThan(tolerance);
    expect(results.requests.byReason.throttled).toBe(stats.throttledWrites);
    expect(stats.peakPartitionWritesPerSecond).toBe(WRITE_BUDGET);
  });

  it('does not throttle a hot key below the budget', () => {
    // P(Poisson(800) > 1000) is about 1e-12 per second.
    const results = simulate(tableApp(1), writeLoad(800, 1), { seed: 1 });
    expect(table(results).throttledWrites).toBe(0);
    expect(results.requests.byReason.throttled).toBe(0);
    expect(results.requests.errorRate).toBe(0);
  });

  it('spreads many keys over partitions, but more partitions do not help one hot key', () => {
    // 2 000 writes/s over 10 000 uniform keys: ~500 per partition with 4 partitions.
    const spread = simulate(tableApp(4), writeLoad(2000, 10_000), { seed: 2 });
    expect(table(spread).throttledWrites).toBe(0);
    const onePartition = simulate(tableApp(1), writeLoad(2000, 10_000), { seed: 2 });
    expect(table(onePartition).throttledWrites).toBeGreaterThan(0);
    const hotKey = simulate(tableApp(4), writeLoad(2000, 1), { seed: 2 });
    const excess = expectedExcess(2000, WRITE_BUDGET).mean * hotKey.simulatedSeconds;
    expect(table(hotKey).throttledWrites).toBeGreaterThan(0.9 * excess);
  });

  it('counts one read or write unit per request on the bill', () => {
    const results = simulate(tableApp(4), { ...writeLoad(100, 1000), durationSeconds: 30 });
    const stats = table(results);
    const perMonth = (730 * 3600) / results.simulatedSeconds;
    const units = results.usage.tableRequestUnits!['items']!;
    expect(units.writeUnitsPerMonth).toBeCloseTo(stats.writes * perMonth, 6);
    expect(units.readUnitsPerMonth).toBe(0);
  });
});

/** Two web instances behind a load balancer; RDS data with a cache; sessions where told. */
function sessionApp(sessions: 'cache' | 'table'): Stack {
  const stack = new Stack('sessions');
  const db = stack.database('db', { instanceClass: 'db.m5.large' });
  const cache = stack.cache('cache', { nodeType: 'cache.m5.large' });
  const store = sessions === 'table' ? stack.table('sessions') : cache;
  const webs = ['us-east-1a', 'us-east-1b'].map((az, i) =>
    stack.instance(`web-${i + 1}`, {
      instanceType: 'c5.large',
      az,
      app: { database: db, cache, sessions: store },
    }),
  );
  const lb = stack.loadBalancer('alb', {
    targets: webs,
    healthCheckIntervalSeconds: 10,
    unhealthyThreshold: 2,
  });
  stack.dnsRecord('www', { name: 'www.example.com', target: lb });
  return stack;
}

describe('sessions in a DynamoDB table', () => {
  const failures: FailureEvent[] = [
    { atSeconds: 40, kind: 'instance-crash', target: 'web-1' },
    { atSeconds: 60, kind: 'cache-node-loss', target: 'cache' },
  ];
  const scenario: Scenario = { users: 300, durationSeconds: 120, failures };

  it('survive an instance crash and a cache node loss', () => {
    const results = simulate(sessionApp('table'), scenario, { seed: 3 });
    expect(results.requests.byReason['session-lost']).toBe(0);
    const stats = table(results, 'sessions');
    // Every request that got past its web server read its session: one read unit each.
    expect(stats.sessionLookups).toBeGreaterThan(0.9 * results.requests.total);
    expect(stats.throttledReads).toBe(0);
  });

  it('unlike sessions in the cache node, which are lost with it (control)', () => {
    const results = simulate(sessionApp('cache'), scenario, { seed: 3 });
    expect(results.requests.byReason['session-lost']).toBeGreaterThan(0);
  });

  it('do not pin users to an instance: round robin spreads requests evenly', () => {
    const results = simulate(sessionApp('table'), { users: 300, durationSeconds: 60 }, { seed: 4 });
    const arrivals = ['web-1', 'web-2'].map((id) => {
      const stats = results.parts[id];
      return stats?.kind === 'ec2' ? stats.arrivals : -1;
    });
    expect(Math.abs(arrivals[0]! - arrivals[1]!)).toBeLessThanOrEqual(2);
  });
});

describe('table configuration mistakes', () => {
  it('rejects a partition count outside 1..1000, naming the range', () => {
    const stack = new Stack('bad');
    let error: unknown;
    try {
      stack.table('items', { partitions: 0 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SimConfigError);
    const e = error as SimConfigError;
    expect([e.code, e.path, e.value]).toEqual(['invalid-number', 'parts[0].partitions', 0]);
    expect(e.hint).toContain('1 to 1000');
  });

  it('rejects sessions in a database, naming the kinds allowed', () => {
    const stack = new Stack('bad');
    const db = stack.database('db', { instanceClass: 'db.t3.micro' });
    let error: unknown;
    try {
      stack.instance('web', { instanceType: 't3.micro', app: { sessions: db as never } });
    } catch (caught) {
      error = caught;
    }
    const e = error as SimConfigError;
    expect(e.code).toBe('wrong-reference-kind');
    expect(e.hint).toContain('dynamodb');
  });
});

/**
 * Several AWS Regions. Route 53 latency-based routing answers each user with the Region that has
 * the lowest round trip from the user's area, so a far area's latency drops by the round trip
 * it no longer crosses. With health checks, a Region outage moves its users to the next-nearest
 * healthy Region once detection (failureThreshold × interval) and the resolvers' TTL have run
 * out. A DynamoDB global table serves each Region from its own replica; a read there is stale
 * when another Region wrote the key less than the replication lag earlier, which for Poisson
 * writes at rate λ (λ_r of them local) happens with probability (1 − e^(−λL)) (λ − λ_r) / λ.
 */
import { describe, expect, it } from 'vitest';
import {
  INTER_REGION_RTT_MS,
  SimConfigError,
  Stack,
  simulate,
  toMermaid,
} from '../../src/sim/index.ts';
import type {
  DnsStats,
  RegionCode,
  Scenario,
  SimResults,
  TableStats,
  UserArea,
} from '../../src/sim/index.ts';

const ALL: RegionCode[] = ['us-east-1', 'eu-west-1', 'ap-southeast-1'];
const DETECTION_SECONDS = 3 * 10; // failureThreshold × intervalSeconds
const TTL_SECONDS = 60;

interface WorldOptions {
  regions: RegionCode[];
  healthCheck?: boolean;
  lagMs?: number;
  webs?: number;
}

/**
 * One load balancer and `webs` instances per Region, data and sessions in a DynamoDB table that
 * is global when there are several Regions, and a latency record (a simple one for one Region).
 */
function world(o: WorldOptions): Stack {
  const [home, ...others] = o.regions;
  const stack = new Stack('world', { region: home! });
  const table = stack.table('data', {
    partitions: 4,
    ...(others.length === 0 ? {} : { replicaRegions: others, globalTableLagMs: o.lagMs ?? 1000 }),
  });
  const entries = o.regions.map((region) => {
    const webs = Array.from({ length: o.webs ?? 2 }, (_, i) =>
      stack.instance(`web-${region}-${i + 1}`, {
        instanceType: 'c5.large',
        region,
        az: `${region}${i % 2 === 0 ? 'a' : 'b'}`,
        app: { database: table, sessions: table },
      }),
    );
    const lb = stack.loadBalancer(`lb-${region}`, {
      region,
      targets: webs,
      healthCheckIntervalSeconds: 10,
    });
    return { region, target: lb };
  });
  if (entries.length === 1) {
    stack.dnsRecord('www', {
      name: 'www.example.com',
      target: entries[0]!.target,
      ttlSeconds: TTL_SECONDS,
    });
  } else {
    stack.dnsRecord('www', {
      name: 'www.example.com',
      routing: 'latency',
      targets: entries,
      ttlSeconds: TTL_SECONDS,
      ...(o.healthCheck === true
        ? { healthCheck: { intervalSeconds: 10 as const, failureThreshold: 3 } }
        : {}),
    });
  }
  return stack;
}

const AREAS: UserArea[] = [
  { name: 'north-america', share: 0.5 },
  { name: 'europe', share: 0.3 },
  { name: 'asia-pacific', share: 0.2 },
];
const NEAREST: Record<string, RegionCode> = {
  'north-america': 'us-east-1',
  europe: 'eu-west-1',
  'asia-pacific': 'ap-southeast-1',
};

/** A light load, so queueing is small next to the round trips. */
const light: Scenario = {
  users: 600,
  durationSeconds: 120,
  areas: AREAS,
  workload: { cpuMsPerRequest: 10 },
};

function dns(results: SimResults): DnsStats {
  const stats = results.parts['www'];
  if (stats?.kind !== 'dns') throw new Error('Bug: no DNS stats');
  return stats;
}

function table(results: SimResults): TableStats {
  const stats = results.parts['data'];
  if (stats?.kind !== 'dynamodb') throw new Error('Bug: no table stats');
  return stats;
}

function lastFailedSecond(results: SimResults): number {
  const failed = results.series!.failed;
  for (let s = failed.length - 1; s >= 0; s--) if (failed[s]! > 0) return s;
  return -1;
}

describe('latency-based routing', () => {
  it.each([1, 2, 3])('sends every area to its nearest Region (seed %i)', (seed) => {
    const results = simulate(world({ regions: ALL }), light, { seed });
    for (const area of AREAS) {
      const region = results.regions![NEAREST[area.name]!]!;
      // Each area has one nearest Region, so the Region's requests are exactly the area's.
      expect(region.requests).toBe(results.areas![area.name]!.requests);
      expect(results.areas![area.name]!.failed).toBe(0);
    }
    // Users hold their area's share, so requests split by share within binomial bounds.
    const total = results.requests.total;
    for (const area of AREAS) {
      const observed = results.areas![area.name]!.requests / total;
      const sigma = Math.sqrt((area.share * (1 - area.share)) / total);
      expect(Math.abs(observed - area.share)).toBeLessThan(4 * sigma + 2 / light.users);
    }
    const answers = dns(results).answers!;
    expect(
      answers['lb-us-east-1']! + answers['lb-eu-west-1']! + answers['lb-ap-southeast-1']!,
    ).toBe(dns(results).queries);
  });

  it.each([1, 2, 3])(
    "cuts a far area's latency by the round trip it no longer crosses (seed %i)",
    (seed) => {
      const single = simulate(world({ regions: ['us-east-1'], webs: 6 }), light, { seed });
      const multi = simulate(world({ regions: ALL }), light, { seed });
      const saved = INTER_REGION_RTT_MS['us-east-1']['ap-southeast-1'];
      const p50 = (r: SimResults, area: string) => r.areas![area]!.latencyMs.p50;
      const drop = p50(single, 'asia-pacific') - p50(multi, 'asia-pacific');
      // The median request hits the resolver cache, so it saves exactly one long-haul round
      // trip; the light load leaves under a millisecond of queueing difference (seeds 1-5 gave
      // 166.7 to 167.4 ms), and the histogram's error is 0.2 %.
      expect(Math.abs(drop - saved)).toBeLessThan(3);
      expect(Math.abs(p50(single, 'north-america') - p50(multi, 'north-america'))).toBeLessThan(3);
      // With one Region, everyone is served there.
      expect(single.regions!['us-east-1']!.requests).toBe(single.requests.total);
    },
  );

  it('without areas, users sit near the home Region and pay the long haul to others', () => {
    const stack = new Stack('far', { region: 'us-east-1' });
    const web = stack.instance('web', {
      instanceType: 'c5.large',
      region: 'ap-southeast-1',
      az: 'ap-southeast-1a',
      app: {},
    });
    stack.dnsRecord('www', { name: 'www.example.com', target: web, ttlSeconds: 300 });
    const results = simulate(stack, { users: 50, durationSeconds: 60 });
    const rtt = 40 + INTER_REGION_RTT_MS['us-east-1']['ap-southeast-1'];
    expect(results.latencyMs.p50).toBeGreaterThan(rtt);
    expect(results.regions!['ap-southeast-1']!.requests).toBe(results.requests.total);
    expect(results.usage.instanceHours['web']!.region).toBe('ap-southeast-1');
  });

  it('one area whose round trip equals networkRttMs gives the same run as no areas', () => {
    const plain = simulate(world({ regions: ['us-east-1'] }), { users: 300, durationSeconds: 60 });
    const area = simulate(world({ regions: ['us-east-1'] }), {
      users: 300,
      durationSeconds: 60,
      areas: [{ name: 'everyone', share: 1, rttMsByRegion: { 'us-east-1': 40 } }],
    });
    expect(area.requests).toEqual(plain.requests);
    expect(area.latencyMs).toEqual(plain.latencyMs);
    expect(area.areas!['everyone']!.requests).toBe(plain.requests.total);
    expect(plain.areas).toBeUndefined();
    expect(plain.regions).toBeUndefined();
  });
});

describe('a Region outage', () => {
  const outageAt = 60;
  const scenario: Scenario = {
    ...light,
    durationSeconds: 300,
    failures: [{ atSeconds: outageAt, kind: 'region-outage', target: 'eu-west-1' }],
  };

  it.each([1, 2, 3])(
    'with health checks, Europe moves to the next-nearest Region within detection + TTL (seed %i)',
    (seed) => {
      const results = simulate(world({ regions: ALL, healthCheck: true, webs: 4 }), scenario, {
        seed,
      });
      const changes = dns(results).healthChanges!;
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ healthy: false, region: 'eu-west-1' });
      expect(changes[0]!.atSeconds).toBeGreaterThanOrEqual(outageAt);
      expect(changes[0]!.atSeconds).toBeLessThanOrEqual(outageAt + DETECTION_SECONDS);
      // Nothing fails once detection and every cached answer have run out, and a resolver that
      // asked just before the switch keeps eu-west-1 for most of a TTL.
      const last = lastFailedSecond(results);
      expect(last).toBeLessThanOrEqual(outageAt + DETECTION_SECONDS + TTL_SECONDS);
      expect(last).toBeLessThanOrEqual(changes[0]!.atSeconds + TTL_SECONDS);
      expect(last).toBeGreaterThan(changes[0]!.atSeconds + TTL_SECONDS - 10);
      // Europe's next-nearest Region is us-east-1 (75 ms away, against 247 to Singapore).
      const series = results.series!;
      for (let s = outageAt + DETECTION_SECONDS + TTL_SECONDS + 1; s < 295; s++) {
        expect(series.ok[s]).toBe(series.requests[s]);
      }
      expect(series.regionOutage!['eu-west-1']![outageAt - 1]).toBe(0);
      expect(series.regionOutage!['eu-west-1']![outageAt]).toBe(1);
      expect(series.regionOutage!['eu-west-1']![299]).toBe(1);
      expect(results.regions!['ap-southeast-1']!.failed).toBe(0);
      expect(results.usage.route53HealthChecks).toBe(3);
    },
  );

  it('without health checks, Europe keeps failing until the Region comes back', () => {
    const back = {
      ...scenario,
      failures: [{ ...scenario.failures![0]!, durationSeconds: 120 }],
    };
    const results = simulate(world({ regions: ALL, webs: 4 }), back, { seed: 1 });
    const last = lastFailedSecond(results);
    expect(last).toBeGreaterThan(outageAt + DETECTION_SECONDS + TTL_SECONDS);
    expect(last).toBeLessThanOrEqual(outageAt + 120);
    expect(dns(results).healthChanges).toBeUndefined();
    // Only Europe's users failed: Route 53 kept answering eu-west-1 for them.
    const failed = results.requests.failed;
    expect(results.areas!['europe']!.failed).toBe(failed);
  });

  it('names only a Region the stack uses', () => {
    const stack = world({ regions: ['us-east-1', 'eu-west-1'] });
    const run = (target: string) => () =>
      simulate(stack, {
        users: 10,
        durationSeconds: 10,
        failures: [{ atSeconds: 1, kind: 'region-outage', target }],
      });
    expect(run('ap-southeast-1')).toThrow(/has no part in ap-southeast-1/);
    expect(run('mars-north-1')).toThrow(SimConfigError);
  });
});

describe('DynamoDB global tables', () => {
  /** Two Regions, half the users in each, every request on one key: half write. */
  const twoRegions = (lagMs: number) =>
    world({ regions: ['us-east-1', 'eu-west-1'], lagMs, webs: 2 });
  const oneKey: Scenario = {
    users: 1000,
    durationSeconds: 120,
    areas: [
      { name: 'north-america', share: 0.5 },
      { name: 'europe', share: 0.5 },
    ],
    workload: { writeShare: 0.5, keys: 1, cpuMsPerRequest: 4 },
  };

  it.each([1, 2, 3])(
    "counts stale reads at the Poisson rate of another Region's recent writes (seed %i)",
    (seed) => {
      const lagMs = 20;
      const results = simulate(twoRegions(lagMs), oneKey, { seed });
      const stats = table(results);
      expect(stats.replicaRegions).toEqual(['us-east-1', 'eu-west-1']);
      const writesPerSecond = stats.writes / results.simulatedSeconds;
      const area = (name: string) => results.areas![name]!.requests;
      const localShare = area('north-america') / (area('north-america') + area('europe'));
      // Reads in each Region see the other Region's share of writes (about a half here).
      const recent = 1 - Math.exp(-writesPerSecond * (lagMs / 1000));
      const expected = recent * 2 * localShare * (1 - localShare);
      const observed = stats.staleReads! / stats.reads;
      const sigma = Math.sqrt((expected * (1 - expected)) / stats.reads);
      expect(Math.abs(observed - expected)).toBeLessThan(4 * sigma);
    },
  );

  it('has no stale reads with a lag of 0, and none in a table in one Region', () => {
    expect(table(simulate(twoRegions(0), oneKey)).staleReads).toBe(0);
    const single = simulate(world({ regions: ['us-east-1'] }), oneKey);
    expect(table(single).staleReads).toBeUndefined();
  });

  it("keeps Europe's sessions and data through a us-east-1 outage", () => {
    const results = simulate(
      world({ regions: ['us-east-1', 'eu-west-1'], healthCheck: true, webs: 4 }),
      {
        ...oneKey,
        durationSeconds: 240,
        workload: { writeShare: 0.1, keys: 1000 },
        failures: [{ atSeconds: 60, kind: 'region-outage', target: 'us-east-1' }],
      },
    );
    expect(results.areas!['europe']!.failed).toBe(0);
    expect(results.requests.byReason['session-lost']).toBe(0);
    expect(lastFailedSecond(results)).toBeLessThanOrEqual(60 + DETECTION_SECONDS + TTL_SECONDS);
  });
});

describe('checks on Regions and areas', () => {
  it("rejects an Availability Zone outside the part's Region, naming the Region", () => {
    const stack = new Stack('bad');
    expect(() =>
      stack.instance('web', { instanceType: 'c5.large', region: 'eu-west-1', az: 'us-east-1a' }),
    ).toThrow(/not in region `eu-west-1`, the part's Region/);
    try {
      stack.database('db', { instanceClass: 'db.m5.large', az: 'eu-west-1b' });
    } catch (error) {
      expect(error).toBeInstanceOf(SimConfigError);
      expect((error as SimConfigError).code).toBe('invalid-az');
      expect((error as SimConfigError).hint).toMatch(/region: 'eu-west-1'/);
    }
    expect(() =>
      stack.autoScalingGroup('asg', {
        instanceType: 'c5.large',
        region: 'ap-southeast-1',
        azs: ['ap-southeast-1a', 'us-east-1b'],
        min: 1,
        max: 2,
      }),
    ).toThrow(SimConfigError);
  });

  it('rejects an unknown Region on a part, a replica, a latency target or an area', () => {
    const stack = new Stack('bad');
    const fail = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as SimConfigError).code;
      }
      return 'no error';
    };
    expect(fail(() => stack.table('t', { region: 'eu-west-9' as RegionCode }))).toBe(
      'unknown-region',
    );
    expect(fail(() => stack.table('t', { replicaRegions: ['mars-1' as RegionCode] }))).toBe(
      'unknown-region',
    );
    expect(fail(() => stack.table('t', { replicaRegions: ['us-east-1'] }))).toBe('invalid-option');
    expect(
      fail(() =>
        simulate(world({ regions: ['us-east-1'] }), {
          users: 10,
          areas: [{ name: 'x', share: 1, rttMsByRegion: { 'eu-central-1': 10 } as never }],
        }),
      ),
    ).toBe('unknown-region');
  });

  it('rejects areas whose shares do not add up to 1', () => {
    const run = (areas: UserArea[]) => () =>
      simulate(world({ regions: ['us-east-1'] }), { users: 10, durationSeconds: 10, areas });
    expect(
      run([
        { name: 'north-america', share: 0.5 },
        { name: 'europe', share: 0.4 },
      ]),
    ).toThrow(/add up to 0.9, not 1/);
    expect(
      run([
        { name: 'north-america', share: 0.7 },
        { name: 'europe', share: 0.3 },
      ]),
    ).not.toThrow();
  });

  it('asks an unknown area for its round trip to every Region the stack uses', () => {
    const run = () =>
      simulate(world({ regions: ['us-east-1', 'eu-west-1'] }), {
        users: 10,
        durationSeconds: 10,
        areas: [{ name: 'africa', share: 1, rttMsByRegion: { 'eu-west-1': 90 } }],
      });
    expect(run).toThrow(/gives no round trip to us-east-1/);
  });

  it("keeps a load balancer's targets and a latency record's Regions consistent", () => {
    const stack = new Stack('bad');
    const web = stack.instance('web', { instanceType: 'c5.large', app: {} });
    const far = stack.instance('far', {
      instanceType: 'c5.large',
      region: 'eu-west-1',
      az: 'eu-west-1a',
      app: {},
    });
    expect(() => stack.loadBalancer('lb', { region: 'eu-west-1', targets: [web] })).toThrow(
      /is in us-east-1, but the load balancer is in eu-west-1/,
    );
    expect(() =>
      stack.dnsRecord('www', {
        name: 'www.example.com',
        routing: 'latency',
        targets: [
          { region: 'us-east-1', target: web },
          { region: 'us-east-1', target: far },
        ],
      }),
    ).toThrow(/`far` is in eu-west-1, not us-east-1/);
    expect(() =>
      stack.dnsRecord('www', {
        name: 'www.example.com',
        routing: 'latency',
        targets: [{ region: 'us-east-1', target: web }],
      }),
    ).toThrow(/at least two targets/);
  });
});

describe('the diagram of a stack in several Regions', () => {
  it('draws one subgraph per Region, replicas in theirs, and an outage on a whole Region', () => {
    const chart = toMermaid(world({ regions: ALL }), undefined, { failed: ['eu-west-1'] });
    expect(chart).toContain('subgraph region["Region us-east-1"]');
    expect(chart).toContain('subgraph region_eu_west_1["Region eu-west-1 ✗ outage"]');
    expect(chart).toContain('subgraph region_ap_southeast_1["Region ap-southeast-1"]');
    expect(chart).toContain('DynamoDB replica data<br/>eu-west-1');
    expect(chart).toContain('nearest users');
    expect(chart).toMatch(/class .*region_eu_west_1.* failed/);
  });
});

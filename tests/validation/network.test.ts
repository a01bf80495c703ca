/**
 * The network model against what its parts promise: split tiers share the work as configured,
 * a load balancer spreads requests and stops sending to a dead instance after its health checks,
 * an RDS Multi-AZ failover lasts the documented 60-120 s and loses no acknowledged write, read
 * replicas serve stale reads only when they lag, caches turn hot reads into hits, and sessions
 * survive an instance crash only when they live outside the instance.
 */
import { describe, expect, it } from 'vitest';
import { SimConfigError, Stack, simulate } from '../../src/sim/index.ts';
import type {
  CacheStats,
  DatabaseStats,
  Ec2Stats,
  FailureEvent,
  Scenario,
  SimResults,
} from '../../src/sim/index.ts';
import { AWS_BEHAVIOUR } from '../../src/sim/catalog/aws-behaviour.ts';

interface Options {
  webs?: number;
  database?: 'rds' | 'rds-multi-az' | 'none';
  replicas?: number;
  replicaLagMs?: number;
  cacheItems?: number;
  sessions?: 'instance' | 'cache';
  algorithm?: 'round-robin' | 'least-outstanding-requests';
}

/** A stage-4/5 style stack: web instances across two AZs behind an ALB, RDS, maybe a cache. */
function webApp(o: Options = {}): Stack {
  const stack = new Stack('web-app');
  const db =
    o.database === 'none'
      ? undefined
      : stack.database('db', {
          instanceClass: 'db.m5.large',
          multiAz: o.database === 'rds-multi-az',
          readReplicas: o.replicas ?? 0,
          ...(o.replicaLagMs === undefined ? {} : { replicaLagMs: o.replicaLagMs }),
        });
  const needsCache = o.cacheItems !== undefined || o.sessions === 'cache';
  const cache = needsCache
    ? stack.cache('cache', { nodeType: 'cache.m5.large', maxItems: o.cacheItems ?? 10_000 })
    : undefined;
  const webs = Array.from({ length: o.webs ?? 2 }, (_, i) =>
    stack.instance(`web-${i + 1}`, {
      instanceType: 'c5.large',
      az: i % 2 === 0 ? 'us-east-1a' : 'us-east-1b',
      app: {
        ...(db === undefined ? {} : { database: db }),
        ...(o.cacheItems === undefined || cache === undefined ? {} : { cache }),
        sessions: o.sessions === 'cache' && cache !== undefined ? cache : 'instance',
      },
    }),
  );
  const lb = stack.loadBalancer('alb', {
    targets: webs,
    algorithm: o.algorithm ?? 'round-robin',
    healthCheckIntervalSeconds: 10,
    unhealthyThreshold: 2,
  });
  stack.dnsRecord('www', { name: 'www.example.com', target: lb });
  return stack;
}

function run(stack: Stack, scenario: Partial<Scenario> = {}, seed = 1): SimResults {
  return simulate(stack, { users: 300, durationSeconds: 120, ...scenario }, { seed });
}

function part<K extends 'ec2' | 'rds' | 'cache'>(
  results: SimResults,
  id: string,
  kind: K,
): K extends 'ec2' ? Ec2Stats : K extends 'rds' ? DatabaseStats : CacheStats {
  const stats = results.parts[id];
  if (stats?.kind !== kind) throw new Error(`Bug: no ${kind} stats for ${id}`);
  return stats as never;
}

describe('split tiers', () => {
  it('moves the database share of the CPU work from the web servers to the database', () => {
    const results = run(webApp({ database: 'rds' }), { users: 400 });
    const lambda = 400 / 10;
    const w = { cpuMs: 40, dbShare: 0.5 };
    // Two c5.large web servers (2 vCPUs each) share λ; the db.m5.large (2 vCPUs) sees all of it.
    const webCpu = ['web-1', 'web-2'].map((id) => part(results, id, 'ec2').cpuUtilisation);
    const expectedWeb = ((lambda / 2) * (w.cpuMs * (1 - w.dbShare))) / 1000 / 2;
    for (const cpu of webCpu) expect(Math.abs(cpu - expectedWeb) / expectedWeb).toBeLessThan(0.1);
    const db = part(results, 'db', 'rds');
    const expectedDb = (lambda * (w.cpuMs * w.dbShare)) / 1000 / 2;
    expect(Math.abs(db.nodes[0]!.cpuUtilisation - expectedDb) / expectedDb).toBeLessThan(0.1);
    expect(results.requests.errorRate).toBe(0);
    expect(db.reads + db.writes).toBeGreaterThan(0);
  });

  it('keeps the database on the instance when the app names none', () => {
    const results = run(webApp({ database: 'none', webs: 1 }), { users: 100 });
    expect(Object.values(results.parts).some((p) => p.kind === 'rds')).toBe(false);
    const web = part(results, 'web-1', 'ec2');
    const expected = ((100 / 10) * 0.04) / 2;
    expect(Math.abs(web.cpuUtilisation - expected) / expected).toBeLessThan(0.1);
  });
});

describe('load balancer', () => {
  it('spreads requests evenly over its targets with round robin', () => {
    // Sessions outside the instances, so no user is pinned to one.
    const results = run(webApp({ webs: 4, database: 'rds', sessions: 'cache' }), { users: 400 });
    const arrivals = [1, 2, 3, 4].map((i) => part(results, `web-${i}`, 'ec2').arrivals);
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThanOrEqual(2);
  });

  it('stops sending to a crashed instance once its health checks fail, and not before', () => {
    const crash: FailureEvent = { atSeconds: 40, kind: 'instance-crash', target: 'web-1' };
    const results = run(webApp({ database: 'rds', sessions: 'cache' }), { failures: [crash] });
    const series = results.series!;
    const failedAt = (second: number) => series.failed[second]!;
    expect(results.requests.byReason['instance-down']).toBeGreaterThan(0);
    // Requests to the dead instance fail until 2 failed checks at a 10 s interval remove it.
    const detection = 40 + 2 * 10 + 10;
    for (let second = detection; second < 115; second++) expect(failedAt(second)).toBe(0);
    // Before the crash nothing fails (a request sent in second 39 may still be in flight at 40).
    for (let second = 5; second < 39; second++) expect(failedAt(second)).toBe(0);
    expect(results.availability!.byRequest).toBeLessThan(1);
    expect(results.availability!.byRequest).toBeGreaterThan(0.8);
  });

  it('least outstanding requests sends fewer requests to a slower target', () => {
    const stack = new Stack('uneven');
    const slow = stack.instance('slow', { instanceType: 'c5.large', app: {} });
    const fast = stack.instance('fast', { instanceType: 'c5.xlarge', app: {} });
    const lb = stack.loadBalancer('alb', {
      targets: [slow, fast],
      algorithm: 'least-outstanding-requests',
    });
    stack.dnsRecord('www', { name: 'www.example.com', target: lb });
    const results = run(stack, { users: 900 });
    expect(part(results, 'fast', 'ec2').arrivals).toBeGreaterThan(
      1.2 * part(results, 'slow', 'ec2').arrivals,
    );
  });
});

describe('RDS Multi-AZ failover', () => {
  const failover = AWS_BEHAVIOUR.rdsMultiAzInstanceFailoverSeconds.value;

  it.each([1, 2, 3, 4, 5])(
    'takes the documented 60-120 s and loses no acknowledged write (seed %i)',
    (seed) => {
      const failure: FailureEvent = { atSeconds: 30, kind: 'db-primary-failure', target: 'db' };
      const results = run(
        webApp({ database: 'rds-multi-az', sessions: 'cache' }),
        { durationSeconds: 200, failures: [failure] },
        seed,
      );
      const db = part(results, 'db', 'rds');
      expect(db.failovers).toHaveLength(1);
      const { durationSeconds } = db.failovers[0]!;
      expect(durationSeconds).toBeGreaterThanOrEqual(failover.minSeconds);
      expect(durationSeconds).toBeLessThanOrEqual(failover.maxSeconds);
      expect(results.requests.byReason['failover-in-progress']).toBeGreaterThan(0);
      expect(db.lostCommittedWrites).toBe(0);
      // After the failover ends, the database answers again.
      const after = Math.ceil(30 + durationSeconds) + 11;
      for (let second = after; second < 195; second++)
        expect(results.series!.failed[second]).toBe(0);
    },
  );

  it("fails over when the primary's Availability Zone goes down", () => {
    const outage: FailureEvent = { atSeconds: 30, kind: 'az-outage', target: 'us-east-1a' };
    const results = run(webApp({ database: 'rds-multi-az', sessions: 'cache' }), {
      durationSeconds: 200,
      failures: [outage],
    });
    expect(part(results, 'db', 'rds').failovers).toHaveLength(1);
    expect(results.requests.byReason['instance-down']).toBeGreaterThan(0);
  });

  it('without Multi-AZ the database stays down until it comes back', () => {
    const failure: FailureEvent = {
      atSeconds: 30,
      kind: 'db-primary-failure',
      target: 'db',
      durationSeconds: 50,
    };
    const results = run(webApp({ database: 'rds' }), { durationSeconds: 120, failures: [failure] });
    expect(part(results, 'db', 'rds').failovers).toHaveLength(0);
    const failed = results.series!.failed;
    expect(failed.slice(35, 75).every((n) => n > 0)).toBe(true);
    expect(failed.slice(85, 115).every((n) => n === 0)).toBe(true);
  });
});

describe('read replicas', () => {
  it('count stale reads when they lag, and none when they do not', () => {
    const lagging = run(webApp({ database: 'rds', replicas: 2, replicaLagMs: 2000 }), {
      workload: { keys: 100, writeShare: 0.3 },
    });
    const db = part(lagging, 'db', 'rds');
    expect(db.replicaReads).toBeGreaterThan(0);
    expect(db.staleReads).toBeGreaterThan(0);
    expect(db.staleReads).toBeLessThanOrEqual(db.replicaReads);
    const inSync = run(webApp({ database: 'rds', replicas: 2, replicaLagMs: 0 }), {
      workload: { keys: 100, writeShare: 0.3 },
    });
    expect(part(inSync, 'db', 'rds').staleReads).toBe(0);
  });
});

describe('cache', () => {
  it('answers more reads from a bigger cache under skewed keys', () => {
    const hitRate = (items: number) =>
      part(run(webApp({ database: 'rds', cacheItems: items })), 'cache', 'cache').hitRate;
    const small = hitRate(100);
    const large = hitRate(20_000);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small + 0.1);
  });

  it('comes back empty after a node loss, so reads miss for a while', () => {
    const loss: FailureEvent = { atSeconds: 60, kind: 'cache-node-loss', target: 'cache' };
    const results = run(webApp({ database: 'rds', cacheItems: 20_000 }), { failures: [loss] });
    expect(part(results, 'cache', 'cache').itemsLost).toBeGreaterThan(0);
  });
});

describe('where sessions live', () => {
  const crash: FailureEvent = { atSeconds: 40, kind: 'instance-crash', target: 'web-1' };

  it('sessions in the instance are lost when it crashes', () => {
    const results = run(webApp({ database: 'rds', sessions: 'instance' }), { failures: [crash] });
    expect(results.requests.byReason['session-lost']).toBeGreaterThan(0);
  });

  it('sessions in a cache survive an instance crash', () => {
    const results = run(webApp({ database: 'rds', sessions: 'cache' }), { failures: [crash] });
    expect(results.requests.byReason['session-lost']).toBe(0);
  });

  it('sessions in a cache are lost when the cache node is lost', () => {
    const loss: FailureEvent = { atSeconds: 40, kind: 'cache-node-loss', target: 'cache' };
    const results = run(webApp({ database: 'rds', sessions: 'cache' }), { failures: [loss] });
    expect(results.requests.byReason['session-lost']).toBeGreaterThan(0);
  });
});

describe('the network model as a whole', () => {
  it('gives byte-identical results for the same seed, and different ones for another', () => {
    const failure: FailureEvent = { atSeconds: 30, kind: 'db-primary-failure', target: 'db' };
    const stack = webApp({ database: 'rds-multi-az', replicas: 1, cacheItems: 1000 });
    const a = JSON.stringify(run(stack, { failures: [failure] }, 7));
    const b = JSON.stringify(run(stack, { failures: [failure] }, 7));
    const c = JSON.stringify(run(stack, { failures: [failure] }, 8));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('reports per-second series that add up to the totals', () => {
    const results = run(webApp({ database: 'rds', cacheItems: 1000 }));
    const s = results.series!;
    const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
    expect(sum(s.requests)).toBe(results.requests.total);
    expect(sum(s.ok)).toBe(results.requests.ok);
    expect(sum(s.failed)).toBe(results.requests.failed);
    expect(s.utilisation['web-1']).toHaveLength(120);
  });

  it('rejects a failure aimed at a part that cannot fail that way, naming what can', () => {
    const stack = webApp({ database: 'rds' });
    let error: unknown;
    try {
      run(stack, { failures: [{ atSeconds: 10, kind: 'db-primary-failure', target: 'web-1' }] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SimConfigError);
    const e = error as SimConfigError;
    expect([e.code, e.path, e.value]).toEqual([
      'invalid-failure',
      'scenario.failures[0].target',
      'web-1',
    ]);
    expect(e.hint).toContain('db');
  });
});

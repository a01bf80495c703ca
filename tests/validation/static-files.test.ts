/**
 * Static files through S3 and CloudFront. The edge cache is an LRU over Zipf-popular files
 * requested independently, so its hit rate must match the Che approximation (facts file §2.4)
 * and rise with cache size and skew. A distribution takes static requests off the web servers:
 * their CPU falls to the pages' share, which queueing-free accounting predicts exactly.
 */
import { describe, expect, it } from 'vitest';
import { SimConfigError, Stack, simulate } from '../../src/sim/index.ts';
import type { DistributionStats, Ec2Stats, Scenario, SimResults } from '../../src/sim/index.ts';
import { cheHitRate, zipfProbabilities } from '../../src/sim/theory-cache.ts';

/** One web instance (database on it); static files from a distribution when `edgeItems` is set. */
function site(edgeItems?: number): Stack {
  const stack = new Stack('site');
  const cdn =
    edgeItems === undefined
      ? undefined
      : stack.distribution('cdn', { origin: stack.bucket('assets'), maxItems: edgeItems });
  const web = stack.instance('web', {
    instanceType: 'c5.xlarge',
    app: cdn === undefined ? {} : { staticFiles: cdn },
  });
  stack.dnsRecord('www', { name: 'www.example.com', target: web });
  return stack;
}

function staticLoad(share: number, alpha = 0.8, objects = 1000): Scenario {
  return {
    users: 1000,
    thinkTimeSeconds: 1,
    durationSeconds: 60,
    workload: { staticShare: share, staticZipfAlpha: alpha, staticObjects: objects },
  };
}

function cdn(results: SimResults): DistributionStats {
  const stats = results.parts['cdn'];
  if (stats?.kind !== 'cloudfront') throw new Error('Bug: no distribution stats');
  return stats;
}

function web(results: SimResults): Ec2Stats {
  const stats = results.parts['web'];
  if (stats?.kind !== 'ec2') throw new Error('Bug: no instance stats');
  return stats;
}

describe('CloudFront edge cache', () => {
  // ~55 000 measured requests: a binomial standard error near 0.002. LRU hits are correlated,
  // which widens it a few times; ±0.02 stays well clear of both.
  const TOLERANCE = 0.02;

  it.each([
    { items: 50, alpha: 0.8 },
    { items: 200, alpha: 0.8 },
    { items: 50, alpha: 1.2 },
  ])('hits as often as Che predicts (C = $items, α = $alpha)', ({ items, alpha }) => {
    const stats = cdn(simulate(site(items), staticLoad(1, alpha), { seed: 5 }));
    const expected = cheHitRate(zipfProbabilities(1000, alpha), items);
    expect(Math.abs(stats.hitRate - expected)).toBeLessThan(TOLERANCE);
    expect(stats.edgeHits + stats.originFetches).toBe(stats.requests);
  });

  it('hits more often with a bigger cache and with more skewed popularity', () => {
    const rate = (items: number, alpha: number) =>
      cdn(simulate(site(items), staticLoad(1, alpha), { seed: 6 })).hitRate;
    const base = rate(50, 0.8);
    expect(rate(200, 0.8)).toBeGreaterThan(base + 0.1);
    expect(rate(50, 1.2)).toBeGreaterThan(base + 0.1);
  });

  it('answers a hit in one edge round trip and a miss after an origin fetch', () => {
    const results = simulate(site(1000), { ...staticLoad(1), edgeRttMs: 15, originFetchMs: 50 });
    // Every file fits, so after warm-up nearly every request is a hit at exactly 15 ms.
    expect(results.latencyMs.p50).toBeCloseTo(15, 0);
    expect(results.latencyMs.max).toBeLessThan(15 + 50 + 1);
  });
});

describe('static traffic and the web tier', () => {
  const share = 0.8;
  const lambda = 1000 / 4;
  const scenario: Scenario = { ...staticLoad(share), thinkTimeSeconds: 4 };
  // Page CPU 40 ms (database on the instance), static file 1 ms; c5.xlarge has 4 vCPUs.
  const cpu = (msPerRequest: number) => (lambda * msPerRequest) / 1000 / 4;

  it('costs web CPU when the web server serves the files itself', () => {
    const results = simulate(site(), scenario, { seed: 7 });
    const expected = cpu((1 - share) * 40 + share * 1);
    expect(Math.abs(web(results).cpuUtilisation - expected) / expected).toBeLessThan(0.1);
    expect(results.usage.cloudFrontRequestsPerMonth).toBeUndefined();
  });

  it('leaves the web CPU to pages when a distribution serves them', () => {
    const results = simulate(site(100), scenario, { seed: 7 });
    const expected = cpu((1 - share) * 40);
    expect(Math.abs(web(results).cpuUtilisation - expected) / expected).toBeLessThan(0.1);
    const stats = cdn(results);
    // The share of requests that went to the edge is binomial: allow 4 standard errors.
    const n = results.requests.total;
    expect(Math.abs(stats.requests / n - share)).toBeLessThan(4 * Math.sqrt((share * 0.2) / n));
  });

  it('bills edge requests, edge bytes and origin fetches, and keeps them off EC2 data out', () => {
    const results = simulate(site(100), scenario, { seed: 8 });
    const stats = cdn(results);
    const usage = results.usage;
    const perMonth = (730 * 3600) / results.simulatedSeconds;
    expect(usage.cloudFrontRequestsPerMonth).toBeCloseTo(stats.requests * perMonth, 3);
    expect(usage.s3GetRequestsPerMonth).toBeCloseTo(stats.originFetches * perMonth, 3);
    const bucket = results.parts['assets'];
    expect(bucket?.kind === 's3' ? bucket.getRequests : -1).toBe(stats.originFetches);
    expect(usage.cloudFrontGbPerMonth! * 2 ** 30).toBeCloseTo(
      stats.requests * 50_000 * perMonth,
      -3,
    );
    const pages = results.requests.ok - stats.requests;
    expect(usage.dataOutBytesPerMonth).toBeCloseTo(pages * 20_000 * perMonth, -3);
  });
});

describe('static file configuration mistakes', () => {
  it('rejects a bucket named as staticFiles, pointing at the distribution', () => {
    const stack = new Stack('bad');
    const bucket = stack.bucket('assets');
    let error: unknown;
    try {
      stack.instance('web', { instanceType: 't3.micro', app: { staticFiles: bucket as never } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SimConfigError);
    expect((error as SimConfigError).code).toBe('wrong-reference-kind');
    expect((error as SimConfigError).hint).toContain('cloudfront');
  });

  it('rejects instances behind one load balancer that disagree about staticFiles', () => {
    const stack = new Stack('bad');
    const cdnPart = stack.distribution('cdn', { origin: stack.bucket('assets') });
    const a = stack.instance('a', { instanceType: 't3.micro', app: { staticFiles: cdnPart } });
    const b = stack.instance('b', { instanceType: 't3.micro', app: {} });
    const lb = stack.loadBalancer('alb', { targets: [a, b] });
    stack.dnsRecord('www', { name: 'www.example.com', target: lb });
    let error: unknown;
    try {
      simulate(stack, { users: 10 });
    } catch (caught) {
      error = caught;
    }
    expect((error as SimConfigError).code).toBe('invalid-topology');
    expect((error as SimConfigError).path).toBe('parts[3].app.staticFiles');
  });

  it('rejects a static share above 1', () => {
    expect(() => simulate(site(), { users: 10, workload: { staticShare: 1.5 } })).toThrow(
      SimConfigError,
    );
  });
});

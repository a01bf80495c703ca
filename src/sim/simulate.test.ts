import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKLOAD, SimBudgetError, SimConfigError, Stack, simulate } from './index.ts';
import type { Ec2Stats, InstanceTypeName, Scenario, SimResults } from './index.ts';

function webStack(instanceType: InstanceTypeName = 't3.micro', ttlSeconds = 300): Stack {
  const stack = new Stack('site');
  const web = stack.instance('web', { instanceType });
  const ip = stack.elasticIp('ip', { instance: web });
  stack.dnsRecord('www', { name: 'www.example.com', target: ip, ttlSeconds });
  return stack;
}

function ec2(results: SimResults, id = 'web'): Ec2Stats {
  const stats = results.parts[id];
  if (stats?.kind !== 'ec2') throw new Error(`no ec2 stats for ${id}`);
  return stats;
}

function configError(fn: () => unknown): SimConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SimConfigError);
    return error as SimConfigError;
  }
  throw new Error('expected a SimConfigError');
}

describe('simulate: determinism', () => {
  const scenario: Scenario = { users: 600, durationSeconds: 30 };

  it('gives byte-identical JSON for the same seed, from a Stack or from its JSON', () => {
    const a = JSON.stringify(simulate(webStack(), scenario, { seed: 7 }));
    const b = JSON.stringify(simulate(webStack().toJSON(), scenario, { seed: 7 }));
    expect(a).toBe(b);
  });

  it('gives different results for a different seed', () => {
    const a = JSON.stringify(simulate(webStack(), scenario, { seed: 7 }));
    const b = JSON.stringify(simulate(webStack(), scenario, { seed: 8 }));
    expect(a).not.toBe(b);
  });

  it('returns plain data that survives a JSON round trip unchanged', () => {
    const r = simulate(webStack(), scenario);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.format).toBe('course-results/v1');
    expect(r.seed).toBe(1);
  });
});

describe('simulate: behaviour', () => {
  it('answers a light load with latency of about one round trip plus CPU time', () => {
    const r = simulate(webStack('m5.large'), { users: 50, durationSeconds: 120 });
    expect(r.requests.failed).toBe(0);
    expect(r.requests.total).toBeGreaterThan(500);
    expect(r.throughputRps).toBeCloseTo(5, 0);
    expect(r.latencyMs.p50).toBeGreaterThan(40);
    expect(r.latencyMs.mean).toBeLessThan(40 + 40 * 1.5 + 10);
    expect(r.latencyMs.p50).toBeLessThanOrEqual(r.latencyMs.p95);
    expect(r.latencyMs.p95).toBeLessThanOrEqual(r.latencyMs.p99);
    expect(r.latencyMs.p99).toBeLessThanOrEqual(r.latencyMs.max);
  });

  it('fails every request with no-route when there is no DNS record', () => {
    const stack = new Stack('bare');
    stack.instance('web', { instanceType: 't3.micro' });
    const r = simulate(stack, { users: 100 });
    expect(r.requests.total).toBeGreaterThan(0);
    expect(r.requests.byReason['no-route']).toBe(r.requests.total);
    expect(r.requests.errorRate).toBe(1);
    expect(ec2(r).cpuUtilisation).toBe(0);
  });

  it('runs out of memory on a t3.micro long before its CPUs would stop it', () => {
    const r = simulate(webStack('t3.micro'), { users: 1000 });
    const web = ec2(r);
    expect(r.requests.byReason['out-of-memory']).toBeGreaterThan(0);
    expect(web.peakMemoryMiB).toBeLessThanOrEqual(web.memoryMiB);
    expect(web.cpuUtilisation).toBeGreaterThan(0.95);
  });

  it('refuses requests with queue-full once the backlog is full', () => {
    const r = simulate(webStack('r5.xlarge'), {
      users: 2000,
      workload: { maxQueueLength: 10, cpuMsPerRequest: 100 },
    });
    expect(r.requests.byReason['queue-full']).toBeGreaterThan(0);
    expect(r.requests.byReason['out-of-memory']).toBe(0);
    expect(r.throughputRps).toBeCloseTo(40, -1);
  });

  it('times out requests that wait too long, yet still spends CPU on them', () => {
    const r = simulate(webStack('r5.large'), {
      users: 600,
      clientTimeoutMs: 2000,
      workload: { maxQueueLength: 100_000, cpuMsPerRequest: 40 },
    });
    const web = ec2(r);
    expect(r.requests.byReason.timeout).toBeGreaterThan(0);
    expect(web.served).toBeGreaterThan(r.requests.ok);
    expect(web.cpuUtilisation).toBeGreaterThan(0.99);
    expect(r.latencyMs.max).toBeLessThanOrEqual(2000);
  });

  it('accounts for every request exactly once', () => {
    const r = simulate(webStack('t3.small'), { users: 900, clientTimeoutMs: 3000 });
    const sum = Object.values(r.requests.byReason).reduce((a, b) => a + b, 0);
    expect(r.requests.ok + sum).toBe(r.requests.total);
    expect(r.requests.failed).toBe(sum);
  });

  it('flags a burstable instance running above its baseline', () => {
    const busy = ec2(simulate(webStack('t3.large'), { users: 300 }));
    expect(busy.baselineUtilisation).toBe(0.3);
    expect(busy.burstableAboveBaseline).toBe(true);
    const idle = ec2(simulate(webStack('t3.large'), { users: 5 }));
    expect(idle.burstableAboveBaseline).toBe(false);
    expect(
      ec2(simulate(webStack('m5.large'), { users: 5 })).burstableAboveBaseline,
    ).toBeUndefined();
  });

  it('limits the server to one request at a time with workerThreads: 1', () => {
    const r = simulate(webStack('m5.xlarge'), { users: 100, workload: { workerThreads: 1 } });
    const web = ec2(r);
    expect(web.servers).toBe(1);
    expect(web.cpuUtilisation).toBeCloseTo(web.workerUtilisation / 4, 10);
  });

  it('reports progress from 0 to 1, in order', () => {
    const seen: number[] = [];
    simulate(webStack(), { users: 100 }, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(50);
    expect(seen.length).toBeLessThan(110);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('stops with SimBudgetError when the event budget runs out', () => {
    expect(() => simulate(webStack(), { users: 1000 }, { maxEvents: 1000 })).toThrow(
      SimBudgetError,
    );
    try {
      simulate(webStack(), { users: 1000 }, { maxEvents: 1000 });
    } catch (error) {
      expect((error as SimBudgetError).code).toBe('event-budget');
      expect((error as Error).message).toContain('options.maxEvents');
    }
  });
});

describe('simulate: usage for the bill', () => {
  it('prices a month of the simulated load', () => {
    const r = simulate(webStack('t3.micro', 60), { users: 100, thinkTimeSeconds: 10 });
    const u = r.usage;
    expect(u.monthHours).toBe(730);
    expect(u.instanceHours.web).toMatchObject({
      instanceType: 't3.micro',
      region: 'us-east-1',
      hours: 730,
    });
    expect(u.elasticIps).toBe(1);
    expect(u.publicIpv4Hours).toBe(730);
    expect(u.hostedZones).toBe(1);
    const perMonth = (730 * 3600) / r.simulatedSeconds;
    expect(u.requestsPerMonth).toBeCloseTo(r.requests.total * perMonth, 6);
    expect(u.dataOutBytesPerMonth).toBeCloseTo(
      ec2(r).served * DEFAULT_WORKLOAD.responseBytes * perMonth,
      0,
    );
    expect(u.dataOutGbPerMonth).toBeCloseTo(u.dataOutBytesPerMonth / 2 ** 30, 6);
  });

  it('counts DNS queries near users / (TTL + think time), the per-user cache rate', () => {
    const r = simulate(webStack('m5.large', 20), {
      users: 200,
      thinkTimeSeconds: 5,
      durationSeconds: 600,
    });
    const expectedPerSecond = 200 / (20 + 5);
    const dns = r.parts.www;
    expect(dns?.kind).toBe('dns');
    if (dns?.kind !== 'dns') return;
    expect(dns.queriesPerSecond).toBeGreaterThan(expectedPerSecond * 0.9);
    expect(dns.queriesPerSecond).toBeLessThan(expectedPerSecond * 1.1);
    expect(dns.cacheHitRate).toBeCloseTo(20 / 25, 1);
    expect(r.usage.dnsQueriesPerMonth).toBeCloseTo(dns.queriesPerSecond * 730 * 3600, 0);
  });

  it('counts the public address of an instance a record targets directly, and zones once', () => {
    const stack = new Stack('two');
    stack.instance('web', { instanceType: 't3.micro' });
    stack.dnsRecord('a', { name: 'example.com', target: 'web' });
    stack.dnsRecord('b', { name: 'www.example.com', target: 'web' });
    stack.dnsRecord('c', { name: 'api.example.org', target: 'web' });
    const u = simulate(stack, { users: 10 }).usage;
    expect(u.elasticIps).toBe(0);
    expect(u.publicIpv4Hours).toBe(730);
    expect(u.hostedZones).toBe(2);
  });

  it('bills t3 surplus vCPU-hours only above the baseline', () => {
    const r = simulate(webStack('t3.large'), { users: 300 });
    const web = ec2(r);
    expect(r.usage.instanceHours.web?.surplusVcpuHours).toBeCloseTo(
      (web.cpuUtilisation - 0.3) * 2 * 730,
      6,
    );
    expect(
      simulate(webStack('m5.large'), { users: 300 }).usage.instanceHours.web?.surplusVcpuHours,
    ).toBe(0);
  });
});

describe('simulate: input errors', () => {
  it.each([
    ['negative users', { users: -5 }, 'scenario.users', -5],
    ['NaN users', { users: Number.NaN }, 'scenario.users', Number.NaN],
    ['fractional users', { users: 1.5 }, 'scenario.users', 1.5],
    ['zero think time', { users: 1, thinkTimeSeconds: 0 }, 'scenario.thinkTimeSeconds', 0],
    ['a string duration', { users: 1, durationSeconds: '60' }, 'scenario.durationSeconds', '60'],
    [
      'negative CPU time',
      { users: 1, workload: { cpuMsPerRequest: -1 } },
      'scenario.workload.cpuMsPerRequest',
      -1,
    ],
    ['infinite RTT', { users: 1, networkRttMs: Infinity }, 'scenario.networkRttMs', Infinity],
  ])('rejects %s with invalid-number', (_, scenario, path, value) => {
    const e = configError(() => simulate(webStack(), scenario as Scenario));
    expect(e.code).toBe('invalid-number');
    expect(e.path).toBe(path);
    expect(e.value).toEqual(value);
    expect(e.hint).toMatch(/^Use /);
  });

  it('rejects a warm-up as long as the run', () => {
    const e = configError(() =>
      simulate(webStack(), { users: 1, durationSeconds: 10, warmupSeconds: 10 }),
    );
    expect([e.code, e.path]).toEqual(['invalid-number', 'scenario.warmupSeconds']);
  });

  it('rejects a misspelt scenario field', () => {
    const e = configError(() => simulate(webStack(), { users: 1, thinktime: 3 } as Scenario));
    expect([e.code, e.path]).toEqual(['unknown-property', 'scenario.thinktime']);
  });

  it('rejects non-object stacks, scenarios and options', () => {
    expect(configError(() => simulate(null as never, { users: 1 })).path).toBe('stack');
    expect(configError(() => simulate(webStack(), 100 as never)).path).toBe('scenario');
    expect(configError(() => simulate(webStack(), { users: 1 }, 'fast' as never)).path).toBe(
      'options',
    );
  });

  it('rejects a seed outside 32 bits and a non-function progress callback', () => {
    expect(configError(() => simulate(webStack(), { users: 1 }, { seed: -1 })).code).toBe(
      'invalid-option',
    );
    expect(configError(() => simulate(webStack(), { users: 1 }, { seed: 2 ** 32 })).path).toBe(
      'options.seed',
    );
    const e = configError(() => simulate(webStack(), { users: 1 }, { onProgress: 1 as never }));
    expect(e.path).toBe('options.onProgress');
  });

  it('validates a stack given as plain data', () => {
    const e = configError(() =>
      simulate(
        {
          format: 'course-stack/v1',
          name: 'x',
          region: 'us-east-1',
          parts: [{ kind: 'ec2', id: 'w', instanceType: 'x1.huge' }],
        } as never,
        { users: 1 },
      ),
    );
    expect([e.code, e.path]).toEqual(['unknown-instance-type', 'parts[0].instanceType']);
  });
});

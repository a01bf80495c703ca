/**
 * The simulator against queueing theory. A stack with one instance, no network delay, no
 * timeout, no memory or queue limit and exponential CPU time is exactly an M/M/c queue, so its
 * mean wait and utilisation must match Erlang C. Tolerances come from the spread between
 * independent seeds, not from a guess.
 */
import { describe, expect, it } from 'vitest';
import { Stack, simulate } from '../../src/sim/index.ts';
import type { Ec2Stats, InstanceTypeName, SimResults } from '../../src/sim/index.ts';
import { mmc } from '../../src/sim/theory.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

interface Case {
  title: string;
  instanceType: InstanceTypeName;
  workerThreads: number;
  lambdaPerSecond: number;
  serviceMs: number;
  customersPerRun: number;
}

const CASES: Case[] = [
  {
    title: 'M/M/1 at ρ = 0.5',
    instanceType: 't3.small',
    workerThreads: 1,
    lambdaPerSecond: 5,
    serviceMs: 100,
    customersPerRun: 60_000,
  },
  {
    title: 'M/M/1 at ρ = 0.8',
    instanceType: 'm5.large',
    workerThreads: 1,
    lambdaPerSecond: 8,
    serviceMs: 100,
    customersPerRun: 100_000,
  },
  {
    title: 'M/M/2 at ρ = 0.5',
    instanceType: 'c5.large',
    workerThreads: 2,
    lambdaPerSecond: 1,
    serviceMs: 1000,
    customersPerRun: 60_000,
  },
  {
    title: 'M/M/4 at ρ = 0.85',
    instanceType: 'r5.xlarge',
    workerThreads: 4,
    lambdaPerSecond: 34,
    serviceMs: 100,
    customersPerRun: 100_000,
  },
];

/** The one-server model, and the network model (which an `app` wiring switches on). */
type Engine = 'one-server' | 'network';

function runCase(c: Case, seed: number, engine: Engine): Ec2Stats & { results: SimResults } {
  const stack = new Stack('mmc');
  stack.instance('server', {
    instanceType: c.instanceType,
    ...(engine === 'network' ? { app: {} } : {}),
  });
  stack.dnsRecord('entry', { name: 'queue.example.com', target: 'server', ttlSeconds: 60 });
  const durationSeconds = c.customersPerRun / c.lambdaPerSecond;
  const results = simulate(
    stack,
    {
      users: c.lambdaPerSecond * 10,
      thinkTimeSeconds: 10,
      durationSeconds,
      warmupSeconds: durationSeconds * 0.05,
      networkRttMs: 0,
      clientTimeoutMs: Infinity,
      workload: {
        cpuMsPerRequest: c.serviceMs,
        baseMemoryMiB: 0,
        memoryMiBPerInFlightRequest: 0,
        maxQueueLength: 1e9,
        workerThreads: c.workerThreads,
      },
    },
    { seed },
  );
  const stats = results.parts.server;
  if (stats?.kind !== 'ec2') throw new Error('Bug: no ec2 stats for the server');
  return { ...stats, results };
}

function meanAndStdErr(xs: number[]): { mean: number; stdErr: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, stdErr: Math.sqrt(variance / xs.length) };
}

const RUNS = (['one-server', 'network'] as const).flatMap((engine) =>
  CASES.map((c) => ({ ...c, engine, title: `${c.title}, ${engine} model` })),
);

describe.each(RUNS)('$title', (c) => {
  const runs = SEEDS.map((seed) => runCase(c, seed, c.engine));
  const theory = mmc(c.lambdaPerSecond, 1000 / c.serviceMs, c.workerThreads);

  it('has a mean queue wait within 4 standard errors of Erlang C, with a tight interval', () => {
    const { mean, stdErr } = meanAndStdErr(runs.map((r) => r.meanWaitMs));
    const expected = theory.wq * 1000;
    expect(stdErr / expected).toBeLessThan(0.05);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * stdErr);
  });

  it('keeps each worker busy a fraction ρ of the time', () => {
    const { mean, stdErr } = meanAndStdErr(runs.map((r) => r.workerUtilisation));
    expect(stdErr).toBeLessThan(0.01);
    expect(Math.abs(mean - theory.rho)).toBeLessThan(4 * stdErr);
  });

  it('has a mean service time equal to the configured CPU time', () => {
    const { mean, stdErr } = meanAndStdErr(runs.map((r) => r.meanServiceMs));
    expect(Math.abs(mean - c.serviceMs)).toBeLessThan(4 * stdErr);
  });

  it("obeys Little's law on every run: time-average in system = arrival rate × time in system", () => {
    for (const r of runs) {
      const lambda = r.arrivals / r.results.simulatedSeconds;
      const w = (r.meanWaitMs + r.meanServiceMs) / 1000;
      expect(Math.abs(r.meanInFlight - lambda * w) / (lambda * w)).toBeLessThan(0.005);
    }
  });

  it('answers every request, since nothing limits the queue', () => {
    for (const r of runs) expect(r.results.requests.failed).toBe(0);
  });

  it(`runs on the ${c.engine} model`, () => {
    expect(runs[0]!.results.series !== undefined).toBe(c.engine === 'network');
  });
});

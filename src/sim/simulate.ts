/** Entry point: runs a stack against a scenario and reports what happened and what it costs. */
import { INSTANCE_TYPES } from './catalog/instance-types.ts';
import { SimConfigError, formatValue } from './errors.ts';
import { runSingleServer } from './model/single-server.ts';
import { needsNetworkModel, simulateNetwork } from './net/simulate-network.ts';
import type { ModelOutput } from './model/single-server.ts';
import { DEFAULT_MAX_POLICY_CALLS } from './policies.ts';
import type { Policies } from './policies.ts';
import type { PartStats, SimResults, Usage } from './results.ts';
import { resolveScenario } from './scenario.ts';
import type { ResolvedScenario, Scenario } from './scenario.ts';
import { dnsRecordTargets, regionOfPart } from './stack-spec.ts';
import type { InstanceSpec, SimpleDnsRecordSpec, StackSpec } from './stack-spec.ts';
import { toStackSpec } from './stack.ts';
import type { Stack } from './stack.ts';
import { rejectUnknownKeys, requireObject } from './validate.ts';

/** Options of one run. */
export interface SimOptions {
  /** Seed of the random streams, a whole number from 0 to 4 294 967 295. Default 1. Same seed, same results. */
  seed?: number;
  /** Stop with a `SimBudgetError` after this many events. Default 50 000 000. */
  maxEvents?: number;
  /** Called with the fraction of simulated time done (0..1), about every 1 %. */
  onProgress?: (fraction: number) => void;
  /**
   * Your own policies, keyed by the id of the part they steer: a load balancer's
   * `chooseTarget`, a cache's `shouldCache`, a Multi-AZ database's `shouldFailOver`, an Auto
   * Scaling group's `desiredCapacity` (see `Policies`). They live here rather than in the stack
   * because they are functions, and a stack is plain JSON data.
   */
  policies?: Policies;
  /**
   * Stop with a `PolicyError` (`policy-budget`) after this many policy calls in one run.
   * Default 10 000 000. A policy that never returns is not caught by this count: the page's
   * watchdog ends the worker, and the grader's time limit ends its process.
   */
  maxPolicyCalls?: number;
}

/** Default `SimOptions.maxEvents`. */
export const DEFAULT_MAX_EVENTS = 50_000_000;
const MONTH_HOURS = 730;
const MONTH_SECONDS = MONTH_HOURS * 3600;
const BYTES_PER_GB = 2 ** 30;

/**
 * Simulates `scenario` against `stack`.
 *
 * Model (v1): users' requests arrive as a Poisson stream. Each user's resolver caches the DNS
 * answer for the record's TTL; a miss reaches Route 53 and costs one extra round trip. The
 * first DNS record is the entry point; it leads (through an Elastic IP, or directly) to one
 * instance. The instance runs `min(workerThreads, vcpus)` requests at once with a FIFO queue
 * behind them; CPU time per request is exponential. A request is refused with `queue-full` when
 * the queue is full, or `out-of-memory` when accepting it would use more memory than the
 * instance has. A client waits `clientTimeoutMs` at most (`timeout`); the server still finishes
 * the work. With no DNS record, every request fails with `no-route`.
 *
 * Several Regions: a part may name its own `region`. Users live in `scenario.areas`, each with
 * a round trip to every Region (by default one area near the stack's Region); a request crosses
 * its area's round trip to the Region its DNS answer names, and a call between parts in two
 * Regions crosses the round trip between them (IBM Cloud published averages between comparable
 * metros, not AWS figures). Results then add `regions` and `areas`.
 */
export function simulate(
  stack: Stack | StackSpec,
  scenario: Scenario,
  options?: SimOptions,
): SimResults {
  const spec = toStackSpec(stack);
  const sc = resolveScenario(scenario);
  const { seed, maxEvents, onProgress, policies, maxPolicyCalls } = resolveOptions(options);
  if (needsNetworkModel(spec, sc) || policies !== undefined) {
    return simulateNetwork(spec, sc, {
      seed,
      maxEvents,
      maxPolicyCalls,
      ...(onProgress === undefined ? {} : { onProgress }),
      ...(policies === undefined ? {} : { policies }),
    });
  }

  // Only simple records reach here: any routing policy needs the network model.
  const entry = spec.parts.find((p): p is SimpleDnsRecordSpec => p.kind === 'dns');
  const target = entry === undefined ? undefined : resolveInstance(spec, entry.target);
  const type = INSTANCE_TYPES[target?.instanceType ?? 't3.micro'];
  const servers = Math.min(sc.workload.workerThreads ?? type.vcpus, type.vcpus);
  const memoryMiB = type.memoryGiB * 1024;

  const out = runSingleServer({
    arrivalRatePerSecond: sc.users / sc.thinkTimeSeconds,
    durationSeconds: sc.durationSeconds,
    warmupSeconds: sc.warmupSeconds,
    timeoutSeconds: sc.clientTimeoutMs / 1000,
    rttSeconds: sc.networkRttMs / 1000,
    dnsMissProbability: entry === undefined ? 1 : dnsMissProbability(sc, entry.ttlSeconds),
    hasRoute: target !== undefined,
    servers,
    memoryMiB,
    baseMemoryMiB: sc.workload.baseMemoryMiB,
    memoryMiBPerInFlight: sc.workload.memoryMiBPerInFlightRequest,
    maxQueueLength: sc.workload.maxQueueLength,
    meanServiceSeconds: sc.workload.cpuMsPerRequest / 1000,
    seed,
    maxEvents,
    ...(onProgress === undefined ? {} : { onProgress }),
  });

  const windowSeconds = sc.durationSeconds - sc.warmupSeconds;
  const parts = partStats(spec, sc, out, windowSeconds, target?.id, entry?.id);
  const failed = out.total - out.ok;
  return {
    format: 'course-results/v1',
    seed,
    simulatedSeconds: windowSeconds,
    offeredRps: sc.users / sc.thinkTimeSeconds,
    requests: {
      total: out.total,
      ok: out.ok,
      failed,
      errorRate: out.total === 0 ? 0 : failed / out.total,
      byReason: {
        timeout: out.timeout,
        'queue-full': out.queueFull,
        'out-of-memory': out.outOfMemory,
        'instance-down': 0,
        'no-route': out.noRoute,
        'no-healthy-target': 0,
        'failover-in-progress': 0,
        'session-lost': 0,
        throttled: 0,
      },
    },
    throughputRps: out.ok / windowSeconds,
    latencyMs: {
      mean: out.latency.meanMs(),
      p50: out.latency.percentileMs(0.5),
      p95: out.latency.percentileMs(0.95),
      p99: out.latency.percentileMs(0.99),
      max: out.latency.maxMs(),
    },
    parts,
    usage: usageOf(spec, parts, out, windowSeconds, sc.workload.responseBytes),
    events: out.events,
  };
}

/**
 * Share of lookups that reach Route 53 when each user's resolver caches the answer for `ttl`
 * seconds and the user's requests form a Poisson stream with mean gap `thinkTime`. After a
 * miss the answer stays cached for `ttl`, then the next request (mean `thinkTime` later, by
 * memorylessness) misses again: one miss per `ttl + thinkTime` seconds against one request per
 * `thinkTime`, so P(miss) = thinkTime / (thinkTime + ttl). This is exact for the model and
 * costs no per-user memory; real resolvers are shared between users, so real query counts are
 * lower (this is an upper bound).
 */
export function dnsMissProbability(sc: ResolvedScenario, ttlSeconds: number): number {
  return sc.thinkTimeSeconds / (sc.thinkTimeSeconds + ttlSeconds);
}

function resolveInstance(spec: StackSpec, id: string): InstanceSpec | undefined {
  const part = spec.parts.find((p) => p.id === id);
  if (part?.kind === 'ec2') return part;
  if (part?.kind === 'eip') return resolveInstance(spec, part.instance);
  return undefined;
}

function partStats(
  spec: StackSpec,
  sc: ResolvedScenario,
  out: ModelOutput,
  windowSeconds: number,
  targetId: string | undefined,
  entryId: string | undefined,
): Record<string, PartStats> {
  const parts: Record<string, PartStats> = {};
  const w = sc.workload;
  for (const part of spec.parts) {
    if (part.kind === 'ec2') {
      const type = INSTANCE_TYPES[part.instanceType];
      const memoryMiB = type.memoryGiB * 1024;
      const hot = part.id === targetId;
      const servers = Math.min(w.workerThreads ?? type.vcpus, type.vcpus);
      const meanInFlight = hot ? out.inFlightArea / windowSeconds : 0;
      const cpuUtilisation = hot ? out.busyArea / windowSeconds / type.vcpus : 0;
      parts[part.id] = {
        kind: 'ec2',
        instanceType: part.instanceType,
        vcpus: type.vcpus,
        servers,
        memoryMiB,
        arrivals: hot ? out.arrivalsAtInstance : 0,
        served: hot ? out.served : 0,
        rejectedQueueFull: hot ? out.queueFull : 0,
        rejectedOutOfMemory: hot ? out.outOfMemory : 0,
        cpuUtilisation,
        workerUtilisation: hot ? out.busyArea / windowSeconds / servers : 0,
        memoryUtilisation:
          (w.baseMemoryMiB + w.memoryMiBPerInFlightRequest * meanInFlight) / memoryMiB,
        peakMemoryMiB:
          w.baseMemoryMiB + w.memoryMiBPerInFlightRequest * (hot ? out.peakInFlight : 0),
        meanInFlight,
        meanWaitMs: hot && out.waitCount > 0 ? (out.waitSum / out.waitCount) * 1000 : 0,
        meanServiceMs: hot && out.waitCount > 0 ? (out.serviceSum / out.waitCount) * 1000 : 0,
        ...(type.baselinePercentPerVcpu === undefined
          ? {}
          : {
              baselineUtilisation: type.baselinePercentPerVcpu / 100,
              burstableAboveBaseline: cpuUtilisation > type.baselinePercentPerVcpu / 100,
            }),
      };
    } else if (part.kind === 'eip') {
      parts[part.id] = { kind: 'eip', instance: part.instance };
    } else if (part.kind === 'dns') {
      const hot = part.id === entryId;
      const queries = hot ? out.dnsQueries : 0;
      parts[part.id] = {
        kind: 'dns',
        name: part.name,
        zone: zoneOf(part.name),
        queries,
        queriesPerSecond: queries / windowSeconds,
        cacheHitRate: hot && out.dnsLookups > 0 ? 1 - queries / out.dnsLookups : 0,
      };
    }
  }
  return parts;
}

function usageOf(
  spec: StackSpec,
  parts: Record<string, PartStats>,
  out: ModelOutput,
  windowSeconds: number,
  responseBytes: number,
): Usage {
  const perMonth = MONTH_SECONDS / windowSeconds;
  const instanceHours: Usage['instanceHours'] = {};
  for (const part of spec.parts) {
    if (part.kind !== 'ec2') continue;
    const stats = parts[part.id];
    const type = INSTANCE_TYPES[part.instanceType];
    const above =
      stats?.kind === 'ec2' && stats.baselineUtilisation !== undefined
        ? Math.max(0, stats.cpuUtilisation - stats.baselineUtilisation)
        : 0;
    instanceHours[part.id] = {
      instanceType: part.instanceType,
      region: regionOfPart(spec, part),
      hours: MONTH_HOURS,
      surplusVcpuHours: above * type.vcpus * MONTH_HOURS,
    };
  }
  const eips = spec.parts.filter((p) => p.kind === 'eip');
  const withEip = new Set(eips.map((p) => p.instance));
  const directTargets = new Set<string>();
  for (const p of spec.parts) {
    if (p.kind !== 'dns') continue;
    for (const target of dnsRecordTargets(p)) {
      if (!withEip.has(target) && resolveInstance(spec, target)?.id === target) {
        directTargets.add(target);
      }
    }
  }
  const zones = new Set(spec.parts.filter((p) => p.kind === 'dns').map((p) => zoneOf(p.name)));
  // Every response the server sent leaves AWS, including ones a timed-out client no longer reads.
  const bytes = out.served * responseBytes * perMonth;
  return {
    monthHours: MONTH_HOURS,
    instanceHours,
    elasticIps: eips.length,
    publicIpv4Hours: (eips.length + directTargets.size) * MONTH_HOURS,
    hostedZones: zones.size,
    dnsQueriesPerMonth: out.dnsQueries * perMonth,
    dataOutBytesPerMonth: bytes,
    dataOutGbPerMonth: bytes / BYTES_PER_GB,
    requestsPerMonth: out.total * perMonth,
  };
}

/** Hosted zone of a record name: its last two labels (`www.example.com` → `example.com`). */
export function zoneOf(name: string): string {
  return name.split('.').slice(-2).join('.');
}

interface ResolvedOptions {
  seed: number;
  maxEvents: number;
  maxPolicyCalls: number;
  onProgress?: (fraction: number) => void;
  policies?: Policies;
}

function resolveOptions(options: unknown): ResolvedOptions {
  const defaults = {
    seed: 1,
    maxEvents: DEFAULT_MAX_EVENTS,
    maxPolicyCalls: DEFAULT_MAX_POLICY_CALLS,
  };
  if (options === undefined) return defaults;
  const o = requireObject(options, 'options', 'The run options');
  rejectUnknownKeys(
    o,
    ['seed', 'maxEvents', 'onProgress', 'policies', 'maxPolicyCalls'],
    'options',
  );
  const seed = o.seed === undefined ? 1 : o.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new SimConfigError(
      'invalid-option',
      'options.seed',
      seed,
      `Seed ${formatValue(seed)} is not a whole number from 0 to 4294967295`,
      'Use a whole number from 0 to 4294967295, e.g. 1.',
    );
  }
  const maxEvents = positiveCount(
    o.maxEvents,
    'options.maxEvents',
    DEFAULT_MAX_EVENTS,
    'Event budget',
  );
  const maxPolicyCalls = positiveCount(
    o.maxPolicyCalls,
    'options.maxPolicyCalls',
    DEFAULT_MAX_POLICY_CALLS,
    'Policy call budget',
  );
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new SimConfigError(
      'invalid-option',
      'options.onProgress',
      o.onProgress,
      `onProgress ${formatValue(o.onProgress)} is not a function`,
      'Pass a function `(fraction) => { ... }`, or leave it out.',
    );
  }
  const resolved: ResolvedOptions = { seed, maxEvents, maxPolicyCalls };
  if (o.onProgress !== undefined)
    resolved.onProgress = o.onProgress as ResolvedOptions['onProgress'];
  if (o.policies !== undefined) {
    requireObject(o.policies, 'options.policies', 'The policies');
    resolved.policies = o.policies as Policies;
  }
  return resolved;
}

function positiveCount(raw: unknown, path: string, fallback: number, what: string): number {
  const value = raw === undefined ? fallback : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new SimConfigError(
      'invalid-option',
      path,
      value,
      `${what} ${formatValue(value)} is not a positive whole number`,
      `Use a whole number of 1 or more; the default is ${fallback}.`,
    );
  }
  return value;
}

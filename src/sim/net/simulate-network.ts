/**
 * Runs the network model for a stack and turns its counters into `SimResults`: totals, parts,
 * per-second series, availability and the usage the bill prices.
 */
import { REGION_CODES, isRegionCode } from '../catalog/regions.ts';
import type { RegionCode } from '../catalog/regions.ts';
import { SimConfigError } from '../errors.ts';
import type { FailureReason, RequestGroupResults, SeriesResults, SimResults } from '../results.ts';
import type { ResolvedScenario } from '../scenario.ts';
import { regionOfPart } from '../stack-spec.ts';
import type { StackSpec } from '../stack-spec.ts';
import type { Policies } from '../policies.ts';
import { partStats, usageOf } from './part-stats.ts';
import { bindPolicies } from './policy-calls.ts';
import { NET_REASONS, runNetwork } from './run-network.ts';
import type { NetworkOutput, TimelineAction } from './run-network.ts';
import type { GroupOutcome } from './net-output.ts';
import { compileTopology } from './topology.ts';
import type { Topology } from './topology.ts';

export interface NetworkRunOptions {
  seed: number;
  maxEvents: number;
  onProgress?: (fraction: number) => void;
  policies?: Policies;
  maxPolicyCalls: number;
}

/** True when a stack or scenario needs the network model rather than the one-server model. */
export function needsNetworkModel(spec: StackSpec, sc: ResolvedScenario): boolean {
  return (
    sc.failures.length > 0 ||
    sc.workload.staticShare > 0 ||
    sc.usersAt.length > 0 ||
    sc.areas.length > 0 ||
    isMultiRegion(spec) ||
    spec.parts.some(
      (part) =>
        (part.kind === 'dns' && part.routing !== undefined && part.routing !== 'simple') ||
        part.kind === 'alb' ||
        part.kind === 'rds' ||
        part.kind === 'cache' ||
        part.kind === 'dynamodb' ||
        part.kind === 's3' ||
        part.kind === 'cloudfront' ||
        part.kind === 'asg' ||
        (part.kind === 'ec2' && part.app !== undefined),
    )
  );
}

/** True when some part lives outside the stack's home Region. */
function isMultiRegion(spec: StackSpec): boolean {
  return spec.parts.some((part) => regionOfPart(spec, part) !== spec.region);
}

export function simulateNetwork(
  spec: StackSpec,
  sc: ResolvedScenario,
  options: NetworkRunOptions,
): SimResults {
  const topo = compileTopology(spec, sc);
  const timeline = buildTimeline(spec, sc, topo);
  const out = runNetwork({
    topology: topo,
    scenario: sc,
    seed: options.seed,
    maxEvents: options.maxEvents,
    timeline,
    policies: bindPolicies(spec, topo, options.policies, options.maxPolicyCalls),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });

  const windowSeconds = sc.durationSeconds - sc.warmupSeconds;
  const byReason = Object.fromEntries(NET_REASONS.map((reason, i) => [reason, out.byReason[i]!]));
  const failed = out.total - out.ok;
  const series = seriesOf(topo, out);
  const outages = regionOutageSeries(sc, out.series.requests.length);
  if (outages !== undefined) series.regionOutage = outages;
  const regional = isMultiRegion(spec) || sc.areas.length > 0;
  return {
    format: 'course-results/v1',
    seed: options.seed,
    simulatedSeconds: windowSeconds,
    offeredRps: meanUsers(sc) / sc.thinkTimeSeconds,
    requests: {
      total: out.total,
      ok: out.ok,
      failed,
      errorRate: out.total === 0 ? 0 : failed / out.total,
      byReason: byReason as Record<FailureReason, number>,
    },
    throughputRps: out.ok / windowSeconds,
    latencyMs: {
      mean: out.latency.meanMs(),
      p50: out.latency.percentileMs(0.5),
      p95: out.latency.percentileMs(0.95),
      p99: out.latency.percentileMs(0.99),
      max: out.latency.maxMs(),
    },
    parts: partStats(spec, sc, topo, out, windowSeconds),
    usage: usageOf(spec, sc, topo, out, windowSeconds),
    events: out.events,
    series,
    availability: {
      byRequest: out.total === 0 ? 1 : out.ok / out.total,
      byTime: availabilityByTime(series, sc),
    },
    ...(options.policies === undefined ? {} : { policyCalls: out.policyCalls }),
    ...(regional ? { regions: regionsOf(topo, out) } : {}),
    ...(sc.areas.length > 0 ? { areas: areasOf(sc, out) } : {}),
  };
}

function groupOf(outcome: GroupOutcome): RequestGroupResults {
  return {
    requests: outcome.requests,
    ok: outcome.ok,
    failed: outcome.requests - outcome.ok,
    latencyMs: {
      p50: outcome.latency.percentileMs(0.5),
      p95: outcome.latency.percentileMs(0.95),
    },
  };
}

/** Requests by the Region their DNS answer named, for every Region the stack uses. */
function regionsOf(
  topo: Topology,
  out: NetworkOutput,
): Partial<Record<RegionCode, RequestGroupResults>> {
  const regions: Partial<Record<RegionCode, RequestGroupResults>> = {};
  REGION_CODES.forEach((code, r) => {
    if (topo.regionsUsed[r]) regions[code] = groupOf(out.regions[r]!);
  });
  return regions;
}

function areasOf(
  sc: ResolvedScenario,
  out: NetworkOutput,
): Record<string, RequestGroupResults & { share: number }> {
  const areas: Record<string, RequestGroupResults & { share: number }> = {};
  sc.areas.forEach((area, a) => {
    areas[area.name] = { share: area.share, ...groupOf(out.areas[a]!) };
  });
  return areas;
}

/** 1 in every second a Region was out, per Region that had a `region-outage`. */
function regionOutageSeries(
  sc: ResolvedScenario,
  seconds: number,
): Partial<Record<RegionCode, number[]>> | undefined {
  const outages = sc.failures.filter((f) => f.kind === 'region-outage');
  if (outages.length === 0) return undefined;
  const series: Partial<Record<RegionCode, number[]>> = {};
  for (const failure of outages) {
    const region = failure.target as RegionCode;
    const flags = (series[region] ??= new Array<number>(seconds).fill(0));
    const end = Math.min(seconds, failure.atSeconds + failure.durationSeconds);
    for (let second = Math.floor(failure.atSeconds); second < end; second++) flags[second] = 1;
  }
  return series;
}

/** Expands the scenario's failures into down/up actions on stations. */
function buildTimeline(spec: StackSpec, sc: ResolvedScenario, topo: Topology): TimelineAction[] {
  const actions: TimelineAction[] = [];
  sc.failures.forEach((failure, index) => {
    const path = `scenario.failures[${index}].target`;
    const back = failure.atSeconds + failure.durationSeconds;
    const push = (
      down: TimelineAction['action'],
      up: TimelineAction['action'],
      targets: number[],
    ) => {
      actions.push({ atSeconds: failure.atSeconds, action: down, targets });
      if (Number.isFinite(back)) actions.push({ atSeconds: back, action: up, targets });
    };
    if (failure.kind === 'region-outage') {
      const used = REGION_CODES.filter((_, r) => topo.regionsUsed[r]);
      if (!isRegionCode(failure.target) || !used.includes(failure.target)) {
        throw new SimConfigError(
          isRegionCode(failure.target) ? 'invalid-failure' : 'unknown-region',
          path,
          failure.target,
          isRegionCode(failure.target)
            ? `The stack has no part in ${failure.target}`
            : `Unknown region \`${failure.target}\``,
          `Name a Region the stack uses: ${used.join(', ')}.`,
        );
      }
      push('region-down', 'region-up', [REGION_CODES.indexOf(failure.target)]);
      return;
    }
    if (failure.kind === 'az-outage') {
      const zoneRegion = REGION_CODES.find(
        (r) => failure.target.startsWith(r) && /^[a-f]$/.test(failure.target.slice(r.length)),
      );
      const used = REGION_CODES.filter((_, r) => topo.regionsUsed[r]);
      if (zoneRegion === undefined || !used.includes(zoneRegion)) {
        throw new SimConfigError(
          'invalid-failure',
          path,
          failure.target,
          `\`${failure.target}\` is not an Availability Zone of ${used.join(' or ')}`,
          `Name a zone of a Region the stack uses, e.g. \`${spec.region}a\`.`,
        );
      }
      const managedPrimaries = new Set(
        topo.dbs.filter((d) => d.managed && d.multiAz).map((d) => d.primary),
      );
      const stations = topo.stations
        .map((station, i) => ({ station, i }))
        .filter(({ station, i }) => station.az === failure.target && !managedPrimaries.has(i))
        .map(({ i }) => i);
      push('down', 'up', stations);
      const failingDbs = topo.dbs
        .map((db, i) => ({ db, i }))
        .filter(
          ({ db }) => db.managed && db.multiAz && topo.stations[db.primary]!.az === failure.target,
        )
        .map(({ i }) => i);
      if (failingDbs.length > 0)
        actions.push({ atSeconds: failure.atSeconds, action: 'db-fail', targets: failingDbs });
      return;
    }
    const part = spec.parts.find((p) => p.id === failure.target);
    const expected =
      failure.kind === 'instance-crash'
        ? 'ec2'
        : failure.kind === 'db-primary-failure'
          ? 'rds'
          : 'cache';
    const fits =
      part !== undefined &&
      (part.kind === expected ||
        (failure.kind === 'instance-crash' && part.kind === 'asg') ||
        (failure.kind === 'db-primary-failure' &&
          part.kind === 'ec2' &&
          topo.dbs.some((d) => d.partId === part.id)));
    if (!fits) {
      const candidates = spec.parts.filter((p) => p.kind === expected).map((p) => p.id);
      throw new SimConfigError(
        'invalid-failure',
        path,
        failure.target,
        `A \`${failure.kind}\` needs a \`${expected}\` part, and \`${failure.target}\` is not one`,
        candidates.length > 0
          ? `Use one of: ${candidates.join(', ')}.`
          : `Add a \`${expected}\` part first.`,
      );
    }
    if (failure.kind === 'instance-crash' && part.kind === 'asg') {
      // The group's first instance in service at that moment crashes; the group replaces it.
      const group = topo.groups.findIndex((g) => g.partId === part.id);
      if (group >= 0)
        actions.push({ atSeconds: failure.atSeconds, action: 'group-crash', targets: [group] });
    } else if (failure.kind === 'instance-crash') {
      const station = topo.stations.findIndex((s) => s.partId === failure.target);
      if (station >= 0) push('down', 'up', [station]);
    } else if (failure.kind === 'db-primary-failure') {
      const db = topo.dbs.findIndex((d) => d.partId === failure.target);
      if (db >= 0) push('db-fail', 'db-recover', [db]);
    } else {
      const cache = topo.caches.findIndex((c) => c.partId === failure.target);
      if (cache >= 0)
        actions.push({ atSeconds: failure.atSeconds, action: 'cache-clear', targets: [cache] });
    }
  });
  // Stable order by time; ties keep the order the scenario gave.
  return actions
    .map((action, i) => ({ action, i }))
    .sort((a, b) => a.action.atSeconds - b.action.atSeconds || a.i - b.i)
    .map(({ action }) => action);
}

/** Users averaged over the measured window (the scenario's `users` when the load is constant). */
function meanUsers(sc: ResolvedScenario): number {
  if (sc.usersAt.length === 0) return sc.users;
  let users = sc.users;
  let area = 0;
  let t = sc.warmupSeconds;
  for (const step of sc.usersAt) {
    const at = Math.min(Math.max(step.atSeconds, sc.warmupSeconds), sc.durationSeconds);
    area += users * (at - t);
    t = at;
    users = step.users;
  }
  area += users * (sc.durationSeconds - t);
  return area / (sc.durationSeconds - sc.warmupSeconds);
}

function seriesOf(topo: Topology, out: NetworkOutput): SeriesResults {
  const utilisation: Record<string, number[]> = {};
  topo.stations.forEach((station, i) => {
    utilisation[station.partId] = Array.from(out.series.utilisation[i]!);
  });
  return {
    requests: Array.from(out.series.requests),
    ok: Array.from(out.series.ok),
    failed: Array.from(out.series.failed),
    p50Ms: Array.from(out.series.p50),
    p95Ms: Array.from(out.series.p95),
    p99Ms: Array.from(out.series.p99),
    utilisation,
  };
}

function availabilityByTime(series: SeriesResults, sc: ResolvedScenario): number {
  let measured = 0;
  let up = 0;
  for (let second = Math.ceil(sc.warmupSeconds); second < series.requests.length; second++) {
    const requests = series.requests[second]!;
    if (requests === 0) continue;
    measured++;
    if (series.failed[second]! <= requests / 2) up++;
  }
  return measured === 0 ? 1 : up / measured;
}

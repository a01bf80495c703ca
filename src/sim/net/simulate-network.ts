/**
 * Runs the network model for a stack and turns its counters into `SimResults`: totals, parts,
 * per-second series, availability and the usage the bill prices.
 */
import { INSTANCE_TYPES } from '../catalog/instance-types.ts';
import { SimConfigError } from '../errors.ts';
import type { FailureReason, PartStats, SeriesResults, SimResults, Usage } from '../results.ts';
import type { ResolvedScenario } from '../scenario.ts';
import type { StackSpec } from '../stack-spec.ts';
import { NET_REASONS, runNetwork } from './run-network.ts';
import type { NetworkOutput, TimelineAction } from './run-network.ts';
import { compileTopology } from './topology.ts';
import type { Topology } from './topology.ts';

const MONTH_HOURS = 730;
const MONTH_SECONDS = MONTH_HOURS * 3600;
const BYTES_PER_GB = 2 ** 30;

export interface NetworkRunOptions {
  seed: number;
  maxEvents: number;
  onProgress?: (fraction: number) => void;
}

/** True when a stack or scenario needs the network model rather than the one-server model. */
export function needsNetworkModel(spec: StackSpec, sc: ResolvedScenario): boolean {
  return (
    sc.failures.length > 0 ||
    sc.workload.staticShare > 0 ||
    sc.usersAt.length > 0 ||
    spec.parts.some(
      (part) =>
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
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });

  const windowSeconds = sc.durationSeconds - sc.warmupSeconds;
  const byReason = Object.fromEntries(NET_REASONS.map((reason, i) => [reason, out.byReason[i]!]));
  const failed = out.total - out.ok;
  const series = seriesOf(topo, out);
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
  };
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
    if (failure.kind === 'az-outage') {
      if (
        !/^[a-z]{2}-[a-z]+-\d[a-f]$/.test(failure.target) ||
        !failure.target.startsWith(spec.region)
      ) {
        throw new SimConfigError(
          'invalid-failure',
          path,
          failure.target,
          `\`${failure.target}\` is not an Availability Zone of ${spec.region}`,
          `Name a zone of the stack's Region, e.g. \`${spec.region}a\`.`,
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

function partStats(
  spec: StackSpec,
  sc: ResolvedScenario,
  topo: Topology,
  out: NetworkOutput,
  windowSeconds: number,
): Record<string, PartStats> {
  const st = out.stations;
  const w = sc.workload;
  const utilisationOf = (s: number): number =>
    st.busyAreaMeasured[s]! / windowSeconds / st.servers[s]!;
  const parts: Record<string, PartStats> = {};
  for (const part of spec.parts) {
    const s = topo.stations.findIndex((station) => station.partId === part.id);
    if (part.kind === 'ec2') {
      const type = INSTANCE_TYPES[part.instanceType];
      const memoryMiB = type.memoryGiB * 1024;
      const station = topo.stations[s];
      const isWeb = station?.role === 'web';
      const cpuUtilisation = s >= 0 ? st.busyAreaMeasured[s]! / windowSeconds / type.vcpus : 0;
      const meanInFlight = isWeb ? out.inFlightArea[s]! / windowSeconds : 0;
      parts[part.id] = {
        kind: 'ec2',
        instanceType: part.instanceType,
        vcpus: type.vcpus,
        servers: station?.servers ?? type.vcpus,
        memoryMiB,
        arrivals: s >= 0 ? st.arrivals[s]! : 0,
        served: s >= 0 ? st.served[s]! : 0,
        rejectedQueueFull: 0,
        rejectedOutOfMemory: 0,
        cpuUtilisation,
        workerUtilisation: s >= 0 ? utilisationOf(s) : 0,
        memoryUtilisation:
          (w.baseMemoryMiB + w.memoryMiBPerInFlightRequest * meanInFlight) / memoryMiB,
        peakMemoryMiB:
          w.baseMemoryMiB + w.memoryMiBPerInFlightRequest * (isWeb ? out.peakInFlight[s]! : 0),
        meanInFlight,
        meanWaitMs: s >= 0 && st.waitCount[s]! > 0 ? (st.waitSum[s]! / st.waitCount[s]!) * 1000 : 0,
        meanServiceMs:
          s >= 0 && st.waitCount[s]! > 0 ? (st.serviceSum[s]! / st.waitCount[s]!) * 1000 : 0,
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
      const hot = part.id === topo.dnsPartId;
      const queries = hot ? out.dnsQueries : 0;
      parts[part.id] = {
        kind: 'dns',
        name: part.name,
        zone: part.name.split('.').slice(-2).join('.'),
        queries,
        queriesPerSecond: queries / windowSeconds,
        cacheHitRate: hot && out.dnsLookups > 0 ? 1 - queries / out.dnsLookups : 0,
      };
    } else if (part.kind === 'alb') {
      const index = topo.lbs.findIndex((lb) => lb.partId === part.id);
      parts[part.id] = {
        kind: 'alb',
        requests: index >= 0 ? out.lbRequests[index]! : 0,
        targets: part.targets.length,
      };
    } else if (part.kind === 'rds') {
      const index = topo.dbs.findIndex((db) => db.partId === part.id);
      const db = topo.dbs[index];
      const outcome = out.dbs[index];
      const nodes = db === undefined ? [] : [db.primary, ...db.replicas];
      parts[part.id] = {
        kind: 'rds',
        reads: outcome?.reads ?? 0,
        writes: outcome?.writes ?? 0,
        replicaReads: outcome?.replicaReads ?? 0,
        staleReads: outcome?.staleReads ?? 0,
        committedWrites: outcome?.committedWrites ?? 0,
        lostCommittedWrites: outcome?.lostCommittedWrites ?? 0,
        failovers: outcome?.failovers ?? [],
        nodes: nodes.map((n) => ({
          id: topo.stations[n]!.partId,
          az: topo.stations[n]!.az,
          cpuUtilisation: utilisationOf(n),
        })),
      };
    } else if (part.kind === 'asg') {
      const g = topo.groups.findIndex((group) => group.partId === part.id);
      const scaling = out.scaling;
      parts[part.id] = {
        kind: 'asg',
        instanceType: part.instanceType,
        min: part.min,
        max: part.max,
        meanRunningInstances: g >= 0 ? scaling.runningArea[g]! / windowSeconds : 0,
        cpuUtilisation:
          g >= 0 && scaling.cpuWindowCount[g]! > 0
            ? scaling.cpuWindowSum[g]! / scaling.cpuWindowCount[g]!
            : 0,
        inService: g >= 0 ? Array.from(scaling.inService[g]!) : [],
        activities: g >= 0 ? scaling.activities[g]!.map((a) => ({ ...a })) : [],
      };
    } else if (part.kind === 'cloudfront') {
      const outcome = out.distributions[topo.distributions.findIndex((d) => d.partId === part.id)];
      const requests = outcome?.requests ?? 0;
      parts[part.id] = {
        kind: 'cloudfront',
        origin: part.origin,
        requests,
        edgeHits: outcome?.edgeHits ?? 0,
        originFetches: outcome?.originFetches ?? 0,
        hitRate: requests === 0 ? 0 : (outcome?.edgeHits ?? 0) / requests,
      };
    } else if (part.kind === 's3') {
      let gets = 0;
      topo.distributions.forEach((d, i) => {
        if (d.bucketId === part.id) gets += out.distributions[i]!.originFetches;
      });
      parts[part.id] = { kind: 's3', getRequests: gets };
    } else if (part.kind === 'dynamodb') {
      const index = topo.tables.findIndex((t) => t.partId === part.id);
      const outcome = out.tables[index];
      parts[part.id] = {
        kind: 'dynamodb',
        partitions: part.partitions,
        reads: outcome?.reads ?? 0,
        writes: outcome?.writes ?? 0,
        sessionLookups: outcome?.sessionLookups ?? 0,
        throttledReads: outcome?.throttledReads ?? 0,
        throttledWrites: outcome?.throttledWrites ?? 0,
        peakPartitionReadsPerSecond: outcome?.peakPartitionReads ?? 0,
        peakPartitionWritesPerSecond: outcome?.peakPartitionWrites ?? 0,
      };
    } else {
      const index = topo.caches.findIndex((c) => c.partId === part.id);
      const outcome = out.caches[index];
      const lookups = (outcome?.hits ?? 0) + (outcome?.misses ?? 0);
      parts[part.id] = {
        kind: 'cache',
        hits: outcome?.hits ?? 0,
        misses: outcome?.misses ?? 0,
        hitRate: lookups === 0 ? 0 : (outcome?.hits ?? 0) / lookups,
        sessionLookups: outcome?.sessionLookups ?? 0,
        itemsLost: outcome?.evictions ?? 0,
        utilisation: s >= 0 ? utilisationOf(s) : 0,
      };
    }
  }
  return parts;
}

function usageOf(
  spec: StackSpec,
  sc: ResolvedScenario,
  topo: Topology,
  out: NetworkOutput,
  windowSeconds: number,
): Usage {
  const perMonth = MONTH_SECONDS / windowSeconds;
  const usage: Usage = {
    monthHours: MONTH_HOURS,
    instanceHours: {},
    elasticIps: 0,
    publicIpv4Hours: 0,
    hostedZones: new Set(
      spec.parts.flatMap((p) => (p.kind === 'dns' ? [p.name.split('.').slice(-2).join('.')] : [])),
    ).size,
    dnsQueriesPerMonth: out.dnsQueries * perMonth,
    dataOutBytesPerMonth: 0,
    dataOutGbPerMonth: 0,
    requestsPerMonth: out.total * perMonth,
    databaseHours: {},
    cacheNodeHours: {},
    loadBalancerHours: {},
  };
  for (const part of spec.parts) {
    if (part.kind === 'ec2') {
      usage.instanceHours[part.id] = {
        instanceType: part.instanceType,
        region: spec.region,
        hours: MONTH_HOURS,
        surplusVcpuHours: 0,
      };
    } else if (part.kind === 'asg') {
      // Billed for the time-average number of instances running (launching or in service).
      const g = topo.groups.findIndex((group) => group.partId === part.id);
      const mean = g >= 0 ? out.scaling.runningArea[g]! / windowSeconds : 0;
      usage.instanceHours[part.id] = {
        instanceType: part.instanceType,
        region: spec.region,
        hours: mean * MONTH_HOURS,
        surplusVcpuHours: 0,
      };
    } else if (part.kind === 'eip') {
      usage.elasticIps++;
      usage.publicIpv4Hours += MONTH_HOURS;
    } else if (part.kind === 'rds') {
      usage.databaseHours![part.id] = {
        instanceClass: part.instanceClass,
        region: spec.region,
        multiAz: part.multiAz,
        hours: MONTH_HOURS,
        replicaHours: part.readReplicas * MONTH_HOURS,
      };
    } else if (part.kind === 'cache') {
      usage.cacheNodeHours![part.id] = {
        nodeType: part.nodeType,
        region: spec.region,
        hours: MONTH_HOURS,
      };
    } else if (part.kind === 'alb') {
      usage.loadBalancerHours![part.id] = { region: spec.region, hours: MONTH_HOURS };
    }
  }
  topo.tables.forEach((table, t) => {
    const outcome = out.tables[t]!;
    usage.tableRequestUnits ??= {};
    usage.tableRequestUnits[table.partId] = {
      region: spec.region,
      readUnitsPerMonth: (outcome.reads + outcome.sessionLookups) * perMonth,
      writeUnitsPerMonth: outcome.writes * perMonth,
    };
  });
  // Every answered request sends a page or a file to the internet; the edge's are CloudFront's.
  const w = sc.workload;
  const pages = out.ok - out.okStaticFromWeb - out.okStaticFromEdge;
  const bytes = (pages * w.responseBytes + out.okStaticFromWeb * w.staticBytes) * perMonth;
  if (topo.distributions.length > 0 || spec.parts.some((p) => p.kind === 's3')) {
    let edgeRequests = 0;
    let originFetches = 0;
    for (const d of out.distributions) {
      edgeRequests += d.requests;
      originFetches += d.originFetches;
    }
    usage.cloudFrontRequestsPerMonth = edgeRequests * perMonth;
    usage.cloudFrontGbPerMonth = (out.okStaticFromEdge * w.staticBytes * perMonth) / BYTES_PER_GB;
    usage.s3GetRequestsPerMonth = originFetches * perMonth;
  }
  usage.dataOutBytesPerMonth = bytes;
  usage.dataOutGbPerMonth = bytes / BYTES_PER_GB;
  return usage;
}

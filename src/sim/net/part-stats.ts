/**
 * Turns the network model's counters into the per-part statistics and the monthly usage the bill
 * prices.
 */
import { INSTANCE_TYPES } from '../catalog/instance-types.ts';
import type { PartStats, Usage } from '../results.ts';
import type { ResolvedScenario } from '../scenario.ts';
import { dnsRecordTargets, regionOfPart } from '../stack-spec.ts';
import type { StackSpec } from '../stack-spec.ts';
import type { NetworkOutput } from './net-output.ts';
import type { Topology } from './topology.ts';

const MONTH_HOURS = 730;
const MONTH_SECONDS = MONTH_HOURS * 3600;
const BYTES_PER_GB = 2 ** 30;

/** Statistics of every part over the measured window, by part id. */
export function partStats(
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
      const hot = part.id === topo.dns?.partId;
      const queries = hot ? out.dnsQueries : 0;
      parts[part.id] = {
        kind: 'dns',
        name: part.name,
        zone: part.name.split('.').slice(-2).join('.'),
        queries,
        queriesPerSecond: queries / windowSeconds,
        cacheHitRate: hot && out.dnsLookups > 0 ? 1 - queries / out.dnsLookups : 0,
      };
      if (
        part.routing === 'failover' ||
        part.routing === 'weighted' ||
        part.routing === 'latency'
      ) {
        const answers: Record<string, number> = {};
        dnsRecordTargets(part).forEach((target, i) => {
          answers[target] = hot ? out.dns.answers[i]! : 0;
        });
        parts[part.id] = { ...parts[part.id]!, answers } as PartStats;
      }
      if (part.routing === 'failover') {
        const healthChanges = hot ? out.dns.statusChanges.map((c) => ({ ...c })) : [];
        parts[part.id] = { ...parts[part.id]!, healthChanges } as PartStats;
      }
      if (part.routing === 'latency' && part.healthCheck !== undefined) {
        const healthChanges = hot
          ? out.dns.statusChanges.map(({ atSeconds, healthy, entry }) => ({
              atSeconds,
              healthy,
              target: part.targets[entry!]!.target,
              region: part.targets[entry!]!.region,
            }))
          : [];
        parts[part.id] = { ...parts[part.id]!, healthChanges } as PartStats;
      }
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
        ...(part.replicaRegions === undefined
          ? {}
          : {
              replicaRegions: [regionOfPart(spec, part), ...part.replicaRegions],
              staleReads: outcome?.staleReads ?? 0,
            }),
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
        ...(outcome !== undefined && outcome.skipped > 0 ? { notCached: outcome.skipped } : {}),
      };
    }
  }
  return parts;
}

/** What the bill prices, per 730-hour month. */
export function usageOf(
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
        region: regionOfPart(spec, part),
        hours: MONTH_HOURS,
        surplusVcpuHours: 0,
      };
    } else if (part.kind === 'asg') {
      // Billed for the time-average number of instances running (launching or in service).
      const g = topo.groups.findIndex((group) => group.partId === part.id);
      const mean = g >= 0 ? out.scaling.runningArea[g]! / windowSeconds : 0;
      usage.instanceHours[part.id] = {
        instanceType: part.instanceType,
        region: regionOfPart(spec, part),
        hours: mean * MONTH_HOURS,
        surplusVcpuHours: 0,
      };
    } else if (part.kind === 'eip') {
      usage.elasticIps++;
      usage.publicIpv4Hours += MONTH_HOURS;
    } else if (part.kind === 'rds') {
      usage.databaseHours![part.id] = {
        instanceClass: part.instanceClass,
        region: regionOfPart(spec, part),
        multiAz: part.multiAz,
        hours: MONTH_HOURS,
        replicaHours: part.readReplicas * MONTH_HOURS,
      };
    } else if (part.kind === 'cache') {
      usage.cacheNodeHours![part.id] = {
        nodeType: part.nodeType,
        region: regionOfPart(spec, part),
        hours: MONTH_HOURS,
      };
    } else if (part.kind === 'alb') {
      usage.loadBalancerHours![part.id] = { region: regionOfPart(spec, part), hours: MONTH_HOURS };
    }
  }
  topo.tables.forEach((table, t) => {
    const outcome = out.tables[t]!;
    const part = spec.parts.find((p) => p.id === table.partId);
    const replicas = part?.kind === 'dynamodb' ? part.replicaRegions : undefined;
    usage.tableRequestUnits ??= {};
    usage.tableRequestUnits[table.partId] = {
      region: part === undefined ? spec.region : regionOfPart(spec, part),
      readUnitsPerMonth: (outcome.reads + outcome.sessionLookups) * perMonth,
      writeUnitsPerMonth: outcome.writes * perMonth,
      ...(replicas === undefined ? {} : { replicaRegions: [...replicas] }),
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
  // One health check per failover record, and one per target of a checked latency record.
  let healthChecks = 0;
  for (const p of spec.parts) {
    if (p.kind !== 'dns') continue;
    if (p.routing === 'failover') healthChecks++;
    else if (p.routing === 'latency' && p.healthCheck !== undefined)
      healthChecks += p.targets.length;
  }
  if (healthChecks > 0) usage.route53HealthChecks = healthChecks;
  usage.dataOutBytesPerMonth = bytes;
  usage.dataOutGbPerMonth = bytes / BYTES_PER_GB;
  return usage;
}

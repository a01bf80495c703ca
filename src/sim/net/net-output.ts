/**
 * What the network model counts, and the fixed codes its hot path stores per request: failure
 * reasons, event kinds and the phase a request is in.
 */
import { LatencyHistogram } from '../engine/histogram.ts';
import { FAILURE_REASONS, type FailureReason } from '../results.ts';
import { REGION_CODES } from '../catalog/regions.ts';
import type { ResolvedScenario } from '../scenario.ts';
import type { AutoScaling } from './auto-scaling.ts';
import type { BoundPolicies } from './policy-calls.ts';
import type { Stations } from './stations.ts';
import type { Topology } from './topology.ts';

/** Failure reasons in a fixed order: the index is stored per request, as the R_* constants. */
export const NET_REASONS: readonly FailureReason[] = FAILURE_REASONS;
export const R_TIMEOUT = 0;
export const R_QUEUE_FULL = 1;
export const R_OUT_OF_MEMORY = 2;
export const R_INSTANCE_DOWN = 3;
export const R_NO_ROUTE = 4;
export const R_NO_TARGET = 5;
export const R_FAILOVER = 6;
export const R_SESSION_LOST = 7;
export const R_THROTTLED = 8;

// Event kinds, in the low 4 bits of the payload; the rest is a slot or an index.
export const E_ARRIVAL = 0;
export const E_AT_STATION = 1;
export const E_DONE = 2;
export const E_RESPONSE = 3;
export const E_TIMELINE = 4;
export const E_TICK = 5;
export const E_HEALTH = 6;
export const E_FAILOVER_DONE = 7;
export const E_INSTANCE_READY = 8;
export const E_DNS_HEALTH = 9;

// What a request is doing at its current station.
export const P_WEB = 0;
export const P_SESSION = 1;
export const P_CACHE_GET = 2;
export const P_DB = 3;
/** On its way to DynamoDB and back (no station: the table scales itself). */
export const P_TABLE = 4;
/** Back at the web server from the session store. */
export const P_SESSION_BACK = P_SESSION + 100;
/** Back at the web server after a cache miss. */
export const P_CACHE_BACK = P_CACHE_GET + 100;
/** On its way from the user to the entry point. */
export const P_TO_ENTRY = 255;

/** A failure or a recovery, expanded from the scenario's failures. */
export interface TimelineAction {
  atSeconds: number;
  action:
    | 'down'
    | 'up'
    | 'db-fail'
    | 'db-recover'
    | 'cache-clear'
    | 'group-crash'
    | 'region-down'
    | 'region-up';
  /** Stations affected (for down/up), the db/cache/group index, or the Region index. */
  targets: number[];
}

export interface DatabaseOutcome {
  reads: number;
  writes: number;
  replicaReads: number;
  staleReads: number;
  committedWrites: number;
  lostCommittedWrites: number;
  failovers: { atSeconds: number; durationSeconds: number }[];
}

export interface CacheOutcome {
  hits: number;
  misses: number;
  evictions: number;
  sessionLookups: number;
  /** Rows a read did not put in the cache because the cache-aside policy said no. */
  skipped: number;
}

export interface TableOutcome {
  reads: number;
  writes: number;
  sessionLookups: number;
  throttledReads: number;
  throttledWrites: number;
  peakPartitionReads: number;
  peakPartitionWrites: number;
  /** Global tables: reads of a key written in another Region less than the lag earlier. */
  staleReads: number;
}

export interface DistributionOutcome {
  /** Static requests that reached the edge. */
  requests: number;
  edgeHits: number;
  originFetches: number;
}

/** What Route 53 did for the entry record: answers per target, health status changes. */
export interface DnsOutcome {
  /** Queries answered with each of the record's targets (index as in `Topology.entries`). */
  answers: Float64Array;
  /**
   * When a health check changed status: the primary's (failover records), or each answer's
   * (latency records, which name the answer's index in `entry`).
   */
  statusChanges: { atSeconds: number; healthy: boolean; entry?: number }[];
}

/** Requests of one user area, or routed to one Region, over the measured window. */
export interface GroupOutcome {
  requests: number;
  ok: number;
  latency: LatencyHistogram;
}

export interface NetworkOutput {
  total: number;
  ok: number;
  byReason: Float64Array;
  latency: LatencyHistogram;
  dnsLookups: number;
  dnsQueries: number;
  dns: DnsOutcome;
  events: number;
  stations: Stations;
  dbs: DatabaseOutcome[];
  caches: CacheOutcome[];
  tables: TableOutcome[];
  distributions: DistributionOutcome[];
  /** Answered static requests served by a web server, and by a distribution. */
  okStaticFromWeb: number;
  okStaticFromEdge: number;
  /** Per simulated second (index = second): requests sent, answered, failed, percentiles. */
  series: {
    requests: Float64Array;
    ok: Float64Array;
    failed: Float64Array;
    p50: Float64Array;
    p95: Float64Array;
    p99: Float64Array;
    /** Busy share of each station's servers, per second: `[station][second]`. */
    utilisation: Float64Array[];
  };
  peakInFlight: Int32Array;
  inFlightArea: Float64Array;
  /** Requests routed by each load balancer. */
  lbRequests: Float64Array;
  /** Auto Scaling groups: what was in service, and what ran. */
  scaling: AutoScaling;
  /** Calls made to the learner's policies. */
  policyCalls: number;
  /** Requests by user area (index as in the compiled areas). */
  areas: GroupOutcome[];
  /** Requests by the Region their DNS answer named (index as in `REGION_CODES`). */
  regions: GroupOutcome[];
}

export interface NetworkInput {
  topology: Topology;
  scenario: ResolvedScenario;
  seed: number;
  maxEvents: number;
  onProgress?: (fraction: number) => void;
  /** Resolves a failure's target (part id or AZ) to timeline actions. */
  timeline: TimelineAction[];
  /** The learner's policies, already checked, and the most calls they may take. */
  policies: BoundPolicies;
}

/** Zeroed counters for a run of `topo` lasting `seconds` whole seconds. */
export function createOutput(
  topo: Topology,
  st: Stations,
  seconds: number,
  scaling: AutoScaling,
  areaCount: number,
): NetworkOutput {
  const group = (): GroupOutcome => ({ requests: 0, ok: 0, latency: new LatencyHistogram() });
  const stations = topo.stations.length;
  return {
    total: 0,
    ok: 0,
    byReason: new Float64Array(NET_REASONS.length),
    latency: new LatencyHistogram(),
    dnsLookups: 0,
    dnsQueries: 0,
    dns: { answers: new Float64Array(topo.entries.length), statusChanges: [] },
    events: 0,
    stations: st,
    dbs: topo.dbs.map(() => ({
      reads: 0,
      writes: 0,
      replicaReads: 0,
      staleReads: 0,
      committedWrites: 0,
      lostCommittedWrites: 0,
      failovers: [],
    })),
    caches: topo.caches.map(() => ({
      hits: 0,
      misses: 0,
      evictions: 0,
      sessionLookups: 0,
      skipped: 0,
    })),
    tables: topo.tables.map(() => ({
      reads: 0,
      writes: 0,
      sessionLookups: 0,
      throttledReads: 0,
      throttledWrites: 0,
      peakPartitionReads: 0,
      peakPartitionWrites: 0,
      staleReads: 0,
    })),
    distributions: topo.distributions.map(() => ({ requests: 0, edgeHits: 0, originFetches: 0 })),
    okStaticFromWeb: 0,
    okStaticFromEdge: 0,
    series: {
      requests: new Float64Array(seconds),
      ok: new Float64Array(seconds),
      failed: new Float64Array(seconds),
      p50: new Float64Array(seconds),
      p95: new Float64Array(seconds),
      p99: new Float64Array(seconds),
      utilisation: topo.stations.map(() => new Float64Array(seconds)),
    },
    peakInFlight: new Int32Array(stations),
    inFlightArea: new Float64Array(stations),
    lbRequests: new Float64Array(topo.lbs.length),
    scaling,
    policyCalls: 0,
    areas: Array.from({ length: areaCount }, group),
    regions: REGION_CODES.map(group),
  };
}

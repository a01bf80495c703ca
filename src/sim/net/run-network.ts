/**
 * The network model: requests travel from users through DNS, a load balancer or an Elastic
 * IP, a web instance, a cache and a database, and back. Every hop is an event; every station
 * is a FIFO queue in front of its vCPUs. Failures from the scenario's timeline take stations
 * down; load balancers notice through health checks; RDS fails over to its standby.
 *
 * Hot-path state lives in typed arrays indexed by a request slot, so a run allocates nothing
 * per request.
 */
import { AWS_BEHAVIOUR } from '../catalog/aws-behaviour.ts';
import { SimBudgetError } from '../errors.ts';
import { EventQueue } from '../engine/event-queue.ts';
import { LatencyHistogram } from '../engine/histogram.ts';
import { LruCache } from '../engine/lru-cache.ts';
import { Rng, mix32 } from '../engine/rng.ts';
import { ZipfSampler } from '../engine/zipf.ts';
import { RequestSlots } from '../model/request-slots.ts';
import type { FailureReason } from '../results.ts';
import type { ResolvedScenario } from '../scenario.ts';
import { AutoScaling } from './auto-scaling.ts';
import { Stations } from './stations.ts';
import type { Topology } from './topology.ts';

const FAILOVER = AWS_BEHAVIOUR.rdsMultiAzInstanceFailoverSeconds.value;
const PARTITION_READS = AWS_BEHAVIOUR.dynamoDbPartitionMaxReadUnitsPerSecond.value;
const PARTITION_WRITES = AWS_BEHAVIOUR.dynamoDbPartitionMaxWriteUnitsPerSecond.value;

/** Failure reasons in a fixed order: the index is stored per request. */
export const NET_REASONS: readonly FailureReason[] = [
  'timeout',
  'queue-full',
  'out-of-memory',
  'instance-down',
  'no-route',
  'no-healthy-target',
  'failover-in-progress',
  'session-lost',
  'throttled',
];
const R_TIMEOUT = 0;
const R_QUEUE_FULL = 1;
const R_OUT_OF_MEMORY = 2;
const R_INSTANCE_DOWN = 3;
const R_NO_ROUTE = 4;
const R_NO_TARGET = 5;
const R_FAILOVER = 6;
const R_SESSION_LOST = 7;
const R_THROTTLED = 8;

// Event kinds, in the low 4 bits of the payload; the rest is a slot or an index.
const E_ARRIVAL = 0;
const E_AT_STATION = 1;
const E_DONE = 2;
const E_RESPONSE = 3;
const E_TIMELINE = 4;
const E_TICK = 5;
const E_HEALTH = 6;
const E_FAILOVER_DONE = 7;
const E_INSTANCE_READY = 8;

// What a request is doing at its current station.
const P_WEB = 0;
const P_SESSION = 1;
const P_CACHE_GET = 2;
const P_DB = 3;
/** On its way to DynamoDB and back (no station: the table scales itself). */
const P_TABLE = 4;

/** A failure or a recovery, expanded from the scenario's failures. */
interface TimelineAction {
  atSeconds: number;
  action: 'down' | 'up' | 'db-fail' | 'db-recover' | 'cache-clear' | 'group-crash';
  /** Stations affected (for down/up), or the db/cache index. */
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
}

export interface TableOutcome {
  reads: number;
  writes: number;
  sessionLookups: number;
  throttledReads: number;
  throttledWrites: number;
  peakPartitionReads: number;
  peakPartitionWrites: number;
}

export interface DistributionOutcome {
  /** Static requests that reached the edge. */
  requests: number;
  edgeHits: number;
  originFetches: number;
}

export interface NetworkOutput {
  total: number;
  ok: number;
  byReason: Float64Array;
  latency: LatencyHistogram;
  dnsLookups: number;
  dnsQueries: number;
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
}

export interface NetworkInput {
  topology: Topology;
  scenario: ResolvedScenario;
  seed: number;
  maxEvents: number;
  onProgress?: (fraction: number) => void;
  /** Resolves a failure's target (part id or AZ) to timeline actions. */
  timeline: TimelineAction[];
}

export type { TimelineAction };

/** Runs the network model to completion. */
export function runNetwork(input: NetworkInput): NetworkOutput {
  const { topology: topo, scenario: sc, seed, maxEvents, onProgress } = input;
  const w = sc.workload;
  const start = sc.warmupSeconds;
  const end = sc.durationSeconds;
  const timeout = sc.clientTimeoutMs / 1000;
  const halfRtt = sc.networkRttMs / 2000;
  const sameAz = sc.sameAzRttMs / 1000;
  const crossAz = sc.crossAzRttMs / 1000;
  const seconds = Math.ceil(end);

  const arrivalRng = new Rng(seed, 1);
  const serviceRng = new Rng(seed, 2);
  const dnsRng = new Rng(seed, 3);
  const mixRng = new Rng(seed, 4);
  const failoverRng = new Rng(seed, 5);

  const st = new Stations(topo.stations);
  const defs = topo.stations;
  const queue = new EventQueue(1024);
  const slots = new RequestSlots(1024);
  let cap = 1024;
  let phase: Uint8Array = new Uint8Array(cap);
  let reqWeb: Int32Array = new Int32Array(cap);
  let reqStation: Int32Array = new Int32Array(cap);
  let reqKey: Int32Array = new Int32Array(cap);
  let reqUser: Int32Array = new Int32Array(cap);
  let reqWrite: Uint8Array = new Uint8Array(cap);
  /** 0: a page; 1: a static file served by a web server; 2: a static file served by the edge. */
  let reqStatic: Uint8Array = new Uint8Array(cap);
  let reqDead: Uint8Array = new Uint8Array(cap);
  /** 1 while an event for the slot is in the event queue. */
  let reqPending: Uint8Array = new Uint8Array(cap);
  let reqArrivedAt: Float64Array = new Float64Array(cap);
  const ensure = (slot: number): void => {
    if (slot < cap) return;
    const next = Math.max(cap * 2, slot + 1);
    const growU8 = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(next);
      b.set(a);
      return b;
    };
    const growI32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(next);
      b.set(a);
      return b;
    };
    const growF64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(next);
      b.set(a);
      return b;
    };
    phase = growU8(phase);
    reqWeb = growI32(reqWeb);
    reqStation = growI32(reqStation);
    reqKey = growI32(reqKey);
    reqUser = growI32(reqUser);
    reqWrite = growU8(reqWrite);
    reqStatic = growU8(reqStatic);
    reqDead = growU8(reqDead);
    reqPending = growU8(reqPending);
    reqArrivedAt = growF64(reqArrivedAt);
    cap = next;
  };

  const scaling = new AutoScaling(topo, seconds, { start, end }, sc.scalingPeriodSeconds);
  const out: NetworkOutput = {
    total: 0,
    ok: 0,
    byReason: new Float64Array(NET_REASONS.length),
    latency: new LatencyHistogram(),
    dnsLookups: 0,
    dnsQueries: 0,
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
    caches: topo.caches.map(() => ({ hits: 0, misses: 0, evictions: 0, sessionLookups: 0 })),
    tables: topo.tables.map(() => ({
      reads: 0,
      writes: 0,
      sessionLookups: 0,
      throttledReads: 0,
      throttledWrites: 0,
      peakPartitionReads: 0,
      peakPartitionWrites: 0,
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
      utilisation: defs.map(() => new Float64Array(seconds)),
    },
    peakInFlight: new Int32Array(defs.length),
    inFlightArea: new Float64Array(defs.length),
    lbRequests: new Float64Array(topo.lbs.length),
    scaling,
  };
  let secondLatency = new LatencyHistogram();

  // Keys, users and what the data tier remembers about them.
  const zipf = new ZipfSampler(w.keys, w.keyZipfAlpha);
  const steps = sc.usersAt;
  let stepIndex = 0;
  let currentUsers = sc.users;
  const users = Math.max(
    1,
    steps.reduce((most, step) => Math.max(most, step.users), sc.users),
  );
  const stickyWeb = new Int32Array(users).fill(-1);
  const sessionEpoch = new Int32Array(users).fill(-1);
  const lastWriteAt = new Float64Array(w.keys).fill(-Infinity);
  const caches = topo.caches.map(
    (c) => new LruCache(c.maxItems, c.ttlSeconds > 0 ? { ttlSeconds: c.ttlSeconds } : {}),
  );
  const cacheEpoch = new Int32Array(topo.caches.length);

  // Databases: whether the primary answers, and until when a failover runs.
  const dbFailingOverUntil = new Float64Array(topo.dbs.length);
  const dbDown = new Uint8Array(topo.dbs.length);
  const replicaNext = new Int32Array(topo.dbs.length);

  // DynamoDB: units each partition has used in its current second. Partitions of all tables
  // sit end to end; `tableFirst[t]` is table t's first.
  const tableFirst = new Int32Array(topo.tables.length);
  let partitionCount = 0;
  topo.tables.forEach((table, t) => {
    tableFirst[t] = partitionCount;
    partitionCount += table.partitions;
  });
  const partitionSecond = new Float64Array(partitionCount).fill(-1);
  const partitionReads = new Int32Array(partitionCount);
  const partitionWrites = new Int32Array(partitionCount);
  const tableSeconds = w.dynamoMsPerOp / 1000;

  // Static files: their own random stream, so runs without them draw exactly as before.
  const staticRng = new Rng(seed, 6);
  const staticZipf = w.staticShare > 0 ? new ZipfSampler(w.staticObjects, w.staticZipfAlpha) : null;
  const edgeCaches = topo.distributions.map((d) => new LruCache(d.maxItems));
  const edgeSeconds = sc.edgeRttMs / 1000;
  const originSeconds = sc.originFetchMs / 1000;
  const staticCpu = w.staticCpuMs / 1000;

  // Load balancers: which targets are in service, failed checks in a row, outstanding requests.
  const lbHealthy = topo.lbs.map((lb) => new Uint8Array(lb.targets.length).fill(1));
  const lbFailedChecks = topo.lbs.map((lb) => new Int32Array(lb.targets.length));
  const lbNext = new Int32Array(topo.lbs.length);
  const outstanding = new Int32Array(topo.webs.length);
  const active = scaling.active;

  let now = 0;
  let nextProgress = 0.01;
  const meanGap = sc.users > 0 ? sc.thinkTimeSeconds / sc.users : Infinity;
  const dnsMiss =
    topo.dnsPartId === undefined
      ? 1
      : sc.thinkTimeSeconds / (sc.thinkTimeSeconds + topo.dnsTtlSeconds);
  const webCpu = (local: boolean): number =>
    (local ? w.cpuMsPerRequest : w.cpuMsPerRequest * (1 - w.dbShareOfCpu)) / 1000;
  const dbCpu = (w.cpuMsPerRequest * w.dbShareOfCpu) / 1000;
  const cacheCpu = w.cacheMsPerOp / 1000;
  const hop = (a: number, b: number): number =>
    (defs[a]!.az === defs[b]!.az ? sameAz : crossAz) / 2;

  // --- failing and finishing requests ---------------------------------------------------

  const fail = (slot: number, reason: number): void => {
    if (slots.counted[slot] === 1) {
      out.byReason[reason]! += 1;
      const second = Math.floor(slots.createdAt[slot]!);
      if (second < seconds) out.series.failed[second]! += 1;
    }
    leaveWeb(slot);
    reqDead[slot] = 1;
    // A slot with an event still queued is released when that event comes up.
    if (reqPending[slot] === 0) slots.release(slot);
  };

  const schedule = (time: number, slot: number, kind: number): void => {
    reqPending[slot] = 1;
    queue.push(time, (slot << 4) | kind);
  };

  /** The request no longer holds memory or counts as outstanding on its web instance. */
  const leaveWeb = (slot: number): void => {
    const web = reqWeb[slot]!;
    if (web < 0) return;
    const s = topo.webs[web]!.station;
    accountInFlight(s);
    st.inFlight[s]! -= 1;
    outstanding[web]! -= 1;
    reqWeb[slot] = -1;
  };

  const lastInFlightChange = new Float64Array(defs.length);
  const accountInFlight = (s: number): void => {
    const a = lastInFlightChange[s]! < start ? start : lastInFlightChange[s]!;
    const b = now > end ? end : now;
    if (b > a) out.inFlightArea[s]! += st.inFlight[s]! * (b - a);
    lastInFlightChange[s] = now;
  };

  const respond = (slot: number, extraSeconds: number): void => {
    leaveWeb(slot);
    schedule(now + extraSeconds + halfRtt, slot, E_RESPONSE);
  };

  // --- stations -----------------------------------------------------------------------

  const startService = (s: number, slot: number, demandSeconds: number): void => {
    st.account(s, now, start, end);
    st.busy[s]! += 1;
    const service = serviceRng.exponential(demandSeconds);
    if (reqArrivedAt[slot]! >= start && reqArrivedAt[slot]! < end) {
      st.waitSum[s]! += now - reqArrivedAt[slot]!;
      st.waitCount[s]! += 1;
      st.serviceSum[s]! += service;
    }
    schedule(now + service, slot, E_DONE);
  };

  const demandOf = (slot: number): number => {
    const p = phase[slot]!;
    if (p === P_WEB) {
      if (reqStatic[slot] === 1) return staticCpu;
      const web = topo.webs[reqWeb[slot]!]!;
      return webCpu(web.db < 0 && web.table < 0);
    }
    if (p === P_DB) return dbCpu;
    return cacheCpu;
  };

  /** The request reaches station `s`; it waits, is served, or is turned away. */
  const arriveAt = (slot: number, s: number): void => {
    reqStation[slot] = s;
    reqArrivedAt[slot] = now;
    if (now >= start && now < end) st.arrivals[s]! += 1;
    if (st.up[s] === 0) {
      fail(slot, R_INSTANCE_DOWN);
      return;
    }
    if (st.busy[s]! < st.servers[s]!) startService(s, slot, demandOf(slot));
    else if (st.queues[s]!.size >= w.maxQueueLength) fail(slot, R_QUEUE_FULL);
    else st.queues[s]!.push(slot);
  };

  const finishService = (s: number): void => {
    st.account(s, now, start, end);
    st.busy[s]! -= 1;
    if (now >= start && now < end) st.served[s]! += 1;
    const waiting = st.queues[s]!;
    while (waiting.size > 0 && st.busy[s]! < st.servers[s]!) {
      const next = waiting.shift();
      if (reqDead[next] === 1) continue;
      startService(s, next, demandOf(next));
    }
  };

  // --- routing ------------------------------------------------------------------------

  const pickTarget = (lbIndex: number, user: number): number => {
    const lb = topo.lbs[lbIndex]!;
    const healthy = lbHealthy[lbIndex]!;
    const sticky = stickyWeb[user]!;
    if (sticky >= 0) {
      const position = lb.targets.indexOf(sticky);
      if (position >= 0 && healthy[position] === 1 && active[sticky] === 1) return sticky;
      stickyWeb[user] = -1;
      return -2; // the session lived on an instance the load balancer no longer uses
    }
    const n = lb.targets.length;
    const first = lbNext[lbIndex]!;
    lbNext[lbIndex] = (first + 1) % n;
    let best = -1;
    for (let k = 0; k < n; k++) {
      const i = (first + k) % n;
      const web = lb.targets[i]!;
      if (healthy[i] === 0 || active[web] === 0) continue;
      if (!lb.leastOutstanding) {
        // With groups, many slots sit idle: continue after the chosen one, so round robin
        // stays even over the instances in service.
        if (topo.webs[web]!.group >= 0) lbNext[lbIndex] = (i + 1) % n;
        return web;
      }
      if (best < 0 || outstanding[web]! < outstanding[best]!) best = web;
    }
    return best;
  };

  const enterWeb = (slot: number, web: number): void => {
    const def = topo.webs[web]!;
    const s = def.station;
    if (st.up[s] === 0) {
      fail(slot, R_INSTANCE_DOWN);
      return;
    }
    if (st.inFlight[s]! + 1 > defs[s]!.maxInFlight) {
      fail(slot, R_OUT_OF_MEMORY);
      return;
    }
    accountInFlight(s);
    st.inFlight[s]! += 1;
    if (st.inFlight[s]! > out.peakInFlight[s]! && now >= start && now < end)
      out.peakInFlight[s] = st.inFlight[s]!;
    outstanding[web]! += 1;
    reqWeb[slot] = web;
    phase[slot] = P_WEB;
    arriveAt(slot, s);
  };

  const onEntry = (slot: number): void => {
    const entry = topo.entry;
    const user = reqUser[slot]!;
    if (entry.kind === 'none') {
      fail(slot, R_NO_ROUTE);
      return;
    }
    if (entry.kind === 'web') {
      enterWeb(slot, entry.index);
      return;
    }
    out.lbRequests[entry.index]! += 1;
    const web = pickTarget(entry.index, user);
    if (web === -2) {
      fail(slot, R_SESSION_LOST);
      return;
    }
    if (web < 0) {
      fail(slot, R_NO_TARGET);
      return;
    }
    const wiring = topo.webs[web]!;
    if (wiring.sessions < 0 && wiring.sessionTable < 0) stickyWeb[user] = web;
    enterWeb(slot, web);
  };

  /** After the web server's CPU work: sessions, then data. */
  const afterWeb = (slot: number): void => {
    if (reqStatic[slot] === 1) {
      // A static file needs neither the session nor the data tier.
      respond(slot, 0);
      return;
    }
    const web = topo.webs[reqWeb[slot]!]!;
    if (web.sessionTable >= 0) {
      // Session items are keyed by user, in their own key space (odd hashes) next to the data.
      const t = web.sessionTable;
      if (slots.counted[slot] === 1) out.tables[t]!.sessionLookups++;
      if (!useTableUnit(t, reqUser[slot]! * 2 + 1, false, slot)) {
        fail(slot, R_THROTTLED);
        return;
      }
      phase[slot] = P_SESSION + 100; // returning from the session store
      reqStation[slot] = web.station;
      schedule(now + tableSeconds, slot, E_AT_STATION);
      return;
    }
    if (web.sessions >= 0) {
      const c = topo.caches[web.sessions]!;
      phase[slot] = P_SESSION;
      schedule(now + hop(web.station, c.station), slot, E_AT_STATION);
      reqStation[slot] = c.station;
      return;
    }
    toData(slot);
  };

  const toData = (slot: number): void => {
    const web = topo.webs[reqWeb[slot]!]!;
    if (web.db < 0 && web.table < 0) {
      // The database runs on this instance: its share of the work was part of the web CPU time.
      respond(slot, 0);
      return;
    }
    if (reqWrite[slot] === 0 && web.cache >= 0) {
      const c = topo.caches[web.cache]!;
      phase[slot] = P_CACHE_GET;
      reqStation[slot] = c.station;
      schedule(now + hop(web.station, c.station), slot, E_AT_STATION);
      return;
    }
    toDatabase(slot);
  };

  /**
   * Takes one read or write unit from the partition `key` hashes to, or returns false when the
   * partition has used its documented per-second budget (the request is throttled).
   */
  const useTableUnit = (t: number, key: number, write: boolean, slot: number): boolean => {
    const p = tableFirst[t]! + (mix32(key) % topo.tables[t]!.partitions);
    const second = Math.floor(now);
    if (partitionSecond[p] !== second) {
      partitionSecond[p] = second;
      partitionReads[p] = 0;
      partitionWrites[p] = 0;
    }
    const stats = out.tables[t]!;
    const counted = slots.counted[slot] === 1;
    const measured = now >= start && now < end;
    if (write) {
      if (partitionWrites[p]! >= PARTITION_WRITES) {
        if (counted) stats.throttledWrites++;
        return false;
      }
      const used = ++partitionWrites[p]!;
      if (measured && used > stats.peakPartitionWrites) stats.peakPartitionWrites = used;
    } else {
      if (partitionReads[p]! >= PARTITION_READS) {
        if (counted) stats.throttledReads++;
        return false;
      }
      const used = ++partitionReads[p]!;
      if (measured && used > stats.peakPartitionReads) stats.peakPartitionReads = used;
    }
    return true;
  };

  /** A data read or write in a DynamoDB table: one unit, then `dynamoMsPerOp` of latency. */
  const toTable = (slot: number): void => {
    const web = topo.webs[reqWeb[slot]!]!;
    const t = web.table;
    const write = reqWrite[slot] === 1;
    if (!useTableUnit(t, reqKey[slot]! * 2, write, slot)) {
      fail(slot, R_THROTTLED);
      return;
    }
    if (slots.counted[slot] === 1) {
      if (write) out.tables[t]!.writes++;
      else out.tables[t]!.reads++;
    }
    phase[slot] = P_TABLE;
    reqStation[slot] = web.station;
    schedule(now + tableSeconds, slot, E_AT_STATION);
  };

  /** Back from DynamoDB: a write invalidates the cached row, a read fills the cache. */
  const afterTable = (slot: number): void => {
    const web = topo.webs[reqWeb[slot]!]!;
    if (reqWrite[slot] === 1) {
      lastWriteAt[reqKey[slot]!] = now;
      if (web.cache >= 0) caches[web.cache]!.delete(reqKey[slot]!);
    } else if (web.cache >= 0) caches[web.cache]!.set(reqKey[slot]!, now);
    respond(slot, 0);
  };

  const toDatabase = (slot: number): void => {
    const web = topo.webs[reqWeb[slot]!]!;
    if (web.table >= 0) {
      toTable(slot);
      return;
    }
    const dbIndex = web.db;
    const db = topo.dbs[dbIndex]!;
    const stats = out.dbs[dbIndex]!;
    const counted = slots.counted[slot] === 1;
    phase[slot] = P_DB;
    let target = db.primary;
    if (reqWrite[slot] === 0 && db.replicas.length > 0) {
      for (let k = 0; k < db.replicas.length; k++) {
        const candidate = db.replicas[(replicaNext[dbIndex]! + k) % db.replicas.length]!;
        if (st.up[candidate] === 1) {
          target = candidate;
          break;
        }
      }
      replicaNext[dbIndex] = (replicaNext[dbIndex]! + 1) % db.replicas.length;
    }
    if (target === db.primary && now < dbFailingOverUntil[dbIndex]!) {
      fail(slot, R_FAILOVER);
      return;
    }
    if (target === db.primary && dbDown[dbIndex] === 1) {
      fail(slot, R_INSTANCE_DOWN);
      return;
    }
    if (counted) {
      if (reqWrite[slot] === 1) stats.writes++;
      else stats.reads++;
      if (target !== db.primary) {
        stats.replicaReads++;
        if (lastWriteAt[reqKey[slot]!]! > now - db.replicaLagSeconds) stats.staleReads++;
      }
    }
    reqStation[slot] = target;
    schedule(now + hop(web.station, target), slot, E_AT_STATION);
  };

  /** Service finished at the station the request is on. */
  const afterService = (slot: number): void => {
    const p = phase[slot]!;
    if (p === P_WEB) {
      afterWeb(slot);
      return;
    }
    const web = topo.webs[reqWeb[slot]!]!;
    const s = reqStation[slot]!;
    const back = hop(s, web.station);
    if (p === P_SESSION) {
      const c = web.sessions;
      const user = reqUser[slot]!;
      out.caches[c]!.sessionLookups++;
      if (sessionEpoch[user]! >= 0 && sessionEpoch[user] !== cacheEpoch[c]) {
        // The cache that held this user's session was lost: the user must log in again.
        sessionEpoch[user] = cacheEpoch[c]!;
        fail(slot, R_SESSION_LOST);
        return;
      }
      sessionEpoch[user] = cacheEpoch[c]!;
      schedule(now + back, slot, E_AT_STATION);
      reqStation[slot] = web.station;
      phase[slot] = P_SESSION + 100; // returning from the session store
      return;
    }
    if (p === P_CACHE_GET) {
      const c = web.cache;
      const cache = caches[c]!;
      const stats = out.caches[c]!;
      const hit = cache.get(reqKey[slot]!, now);
      if (slots.counted[slot] === 1) {
        if (hit) stats.hits++;
        else stats.misses++;
      }
      if (hit) {
        respond(slot, back);
        return;
      }
      // Cache-aside: read the database, then put the row in the cache.
      schedule(now + back, slot, E_AT_STATION);
      reqStation[slot] = web.station;
      phase[slot] = P_CACHE_GET + 100;
      return;
    }
    // P_DB
    const dbIndex = web.db;
    const db = topo.dbs[dbIndex]!;
    if (reqWrite[slot] === 1) {
      const commitWait = db.multiAz
        ? defs[db.primary]!.az === db.standbyAz
          ? sameAz
          : crossAz
        : 0;
      lastWriteAt[reqKey[slot]!] = now + commitWait;
      if (slots.counted[slot] === 1) out.dbs[dbIndex]!.committedWrites++;
      if (web.cache >= 0) caches[web.cache]!.delete(reqKey[slot]!);
      respond(slot, back + commitWait);
      return;
    }
    if (web.cache >= 0) caches[web.cache]!.set(reqKey[slot]!, now);
    respond(slot, back);
  };

  // --- static files -------------------------------------------------------------------

  /**
   * A static file fetched through the distribution: the user's round trip to the edge, plus an
   * origin fetch from S3 when the edge cache misses (the file is then cached there).
   */
  const serveFromEdge = (slot: number, file: number): void => {
    const d = topo.staticDistribution;
    const stats = out.distributions[d]!;
    const edge = edgeCaches[d]!;
    const hit = edge.get(file, now);
    if (!hit) edge.set(file, now);
    if (slots.counted[slot] === 1) {
      stats.requests++;
      if (hit) stats.edgeHits++;
      else stats.originFetches++;
    }
    reqStatic[slot] = 2;
    schedule(now + edgeSeconds + (hit ? 0 : originSeconds), slot, E_RESPONSE);
  };

  // --- failures -----------------------------------------------------------------------

  const takeDown = (s: number): void => {
    st.account(s, now, start, end);
    st.up[s] = 0;
    // Every request queued or in service here is lost.
    for (let slot = 0; slot < cap; slot++) {
      if (slots.active[slot] !== 1 || reqDead[slot] === 1) continue;
      const web = reqWeb[slot]!;
      const onThisWeb = web >= 0 && topo.webs[web]!.station === s;
      if (reqStation[slot] === s || onThisWeb) fail(slot, R_INSTANCE_DOWN);
    }
    st.busy[s] = 0;
    while (st.queues[s]!.size > 0) st.queues[s]!.shift();
  };

  const applyTimeline = (action: TimelineAction): void => {
    if (action.action === 'down') for (const s of action.targets) takeDown(s);
    else if (action.action === 'up') for (const s of action.targets) st.up[s] = 1;
    else if (action.action === 'group-crash') {
      for (const g of action.targets) {
        const web = scaling.firstInService(g);
        if (web < 0) continue;
        scaling.crashed[web] = 1;
        takeDown(topo.webs[web]!.station);
      }
    } else if (action.action === 'cache-clear') {
      for (const c of action.targets) {
        out.caches[c]!.evictions += caches[c]!.size;
        caches[c]!.clear();
        cacheEpoch[c]! += 1;
      }
    } else if (action.action === 'db-fail') {
      for (const d of action.targets) {
        const db = topo.dbs[d]!;
        takeDown(db.primary);
        if (db.multiAz) {
          // The standby has every committed write (synchronous replication) and takes over.
          // RDS documents Multi-AZ failover as typically 60 to 120 seconds: drawn uniformly.
          const seconds =
            FAILOVER.minSeconds + failoverRng.next() * (FAILOVER.maxSeconds - FAILOVER.minSeconds);
          dbFailingOverUntil[d] = now + seconds;
          out.dbs[d]!.failovers.push({ atSeconds: now, durationSeconds: seconds });
          queue.push(now + seconds, (d << 4) | E_FAILOVER_DONE);
        } else {
          dbDown[d] = 1;
        }
      }
    } else {
      for (const d of action.targets) {
        dbDown[d] = 0;
        st.up[topo.dbs[d]!.primary] = 1;
      }
    }
  };

  const healthCheck = (lbIndex: number): void => {
    const lb = topo.lbs[lbIndex]!;
    for (let i = 0; i < lb.targets.length; i++) {
      const s = topo.webs[lb.targets[i]!]!.station;
      if (st.up[s] === 1) {
        lbFailedChecks[lbIndex]![i] = 0;
        lbHealthy[lbIndex]![i] = 1;
      } else if (++lbFailedChecks[lbIndex]![i]! >= lb.unhealthyThreshold) {
        lbHealthy[lbIndex]![i] = 0;
      }
    }
    queue.push(now + lb.healthCheckIntervalSeconds, (lbIndex << 4) | E_HEALTH);
  };

  const tick = (second: number): void => {
    const index = second - 1;
    if (index >= 0 && index < seconds) {
      for (let s = 0; s < st.count; s++) {
        st.account(s, now, start, end);
        out.series.utilisation[s]![index] = st.busyArea[s]! / st.servers[s]!;
        st.busyArea[s] = 0;
      }
      out.series.p50[index] = secondLatency.percentileMs(0.5);
      out.series.p95[index] = secondLatency.percentileMs(0.95);
      out.series.p99[index] = secondLatency.percentileMs(0.99);
      secondLatency = new LatencyHistogram();
    }
    if (topo.groups.length > 0) autoScale(second);
    if (second < seconds) queue.push(second + 1, ((second + 1) << 4) | E_TICK);
  };

  // --- Auto Scaling ---------------------------------------------------------------------

  const launchSeconds = sc.instanceLaunchSeconds;
  const launch = (web: number): void => {
    queue.push(now + launchSeconds, (web << 4) | E_INSTANCE_READY);
  };
  const isUp = (web: number): boolean => st.up[topo.webs[web]!.station] === 1;
  const revive = (web: number): void => {
    st.up[topo.webs[web]!.station] = 1;
  };

  /** Feeds the second that just ended to the groups; decides at each period's end. */
  const autoScale = (second: number): void => {
    const index = second - 1;
    if (index >= 0 && index < seconds) {
      scaling.recordSecond(second, (web) => {
        const s = topo.webs[web]!.station;
        return (out.series.utilisation[s]![index]! * st.servers[s]!) / defs[s]!.vcpus;
      });
    }
    if (second > 0 && second < end && second % sc.scalingPeriodSeconds === 0) {
      for (let g = 0; g < topo.groups.length; g++) scaling.decide(g, now, launch, isUp, revive);
    }
  };

  /** A launched instance enters service; the load balancers register it as healthy. */
  const instanceReady = (web: number): void => {
    if (!scaling.ready(web, now)) return;
    topo.lbs.forEach((lb, i) => {
      const position = lb.targets.indexOf(web);
      if (position < 0) return;
      lbHealthy[i]![position] = 1;
      lbFailedChecks[i]![position] = 0;
    });
  };

  // --- the loop -----------------------------------------------------------------------

  /** Next arrival after `from`: Poisson at the current users' rate, restarted at each step. */
  const nextArrival = (from: number): number => {
    if (steps.length === 0) return from + arrivalRng.exponential(meanGap);
    let t = from;
    for (;;) {
      const change = stepIndex < steps.length ? steps[stepIndex]!.atSeconds : Infinity;
      const gap =
        currentUsers > 0 ? arrivalRng.exponential(sc.thinkTimeSeconds / currentUsers) : Infinity;
      if (t + gap < change) return t + gap;
      if (change === Infinity) return Infinity;
      t = change;
      currentUsers = steps[stepIndex]!.users;
      stepIndex++;
    }
  };

  const first = nextArrival(0);
  if (first < end) queue.push(first, E_ARRIVAL);
  input.timeline.forEach((action, i) => queue.push(action.atSeconds, (i << 4) | E_TIMELINE));
  topo.lbs.forEach((lb, i) => queue.push(lb.healthCheckIntervalSeconds, (i << 4) | E_HEALTH));
  queue.push(0, E_TICK);
  const cutoff = end + timeout;

  while (queue.size > 0) {
    const t = queue.peekTime();
    if (t > cutoff) break;
    const payload = queue.pop();
    now = t;
    if (++out.events > maxEvents) throw new SimBudgetError(maxEvents, now);
    if (onProgress !== undefined && now >= nextProgress * end && now < end) {
      onProgress(now / end);
      nextProgress = Math.floor((now / end) * 100 + 1) / 100;
    }
    const kind = payload & 15;
    const slot = payload >>> 4;

    if (kind === E_ARRIVAL) {
      const activeUsers = steps.length === 0 ? users : Math.max(1, currentUsers);
      const next = nextArrival(now);
      if (next < end) queue.push(next, E_ARRIVAL);
      const counted = now >= start;
      const s = slots.acquire(now, counted);
      ensure(s);
      reqDead[s] = 0;
      reqPending[s] = 0;
      reqWeb[s] = -1;
      reqStation[s] = -1;
      reqUser[s] = mixRng.int(activeUsers);
      reqWrite[s] = mixRng.next() < w.writeShare ? 1 : 0;
      reqKey[s] = zipf.sample(mixRng);
      reqStatic[s] = 0;
      const second = Math.floor(now);
      if (counted) {
        out.total++;
        if (second < seconds) out.series.requests[second]! += 1;
      }
      if (staticZipf !== null && staticRng.next() < w.staticShare) {
        if (topo.staticDistribution >= 0) {
          serveFromEdge(s, staticZipf.sample(staticRng));
          continue;
        }
        reqStatic[s] = 1;
      }
      let delay = halfRtt;
      if (topo.entry.kind !== 'none') {
        if (counted) out.dnsLookups++;
        if (dnsRng.next() < dnsMiss) {
          delay += 2 * halfRtt;
          if (counted) out.dnsQueries++;
        }
      }
      schedule(now + delay, s, E_AT_STATION);
      phase[s] = 255; // on its way to the entry point
    } else if (kind === E_AT_STATION || kind === E_DONE || kind === E_RESPONSE) {
      reqPending[slot] = 0;
      if (reqDead[slot] === 1) {
        slots.release(slot);
        continue;
      }
      if (kind === E_AT_STATION) {
        const p = phase[slot]!;
        if (p === 255) onEntry(slot);
        else if (p === P_SESSION + 100) toData(slot);
        else if (p === P_CACHE_GET + 100) toDatabase(slot);
        else if (p === P_TABLE) afterTable(slot);
        else arriveAt(slot, reqStation[slot]!);
      } else if (kind === E_DONE) {
        finishService(reqStation[slot]!);
        afterService(slot);
      } else {
        if (slots.counted[slot] === 1) {
          const elapsed = now - slots.createdAt[slot]!;
          const second = Math.floor(slots.createdAt[slot]!);
          if (elapsed > timeout) {
            out.byReason[R_TIMEOUT]! += 1;
            if (second < seconds) out.series.failed[second]! += 1;
          } else {
            out.ok++;
            if (reqStatic[slot] === 1) out.okStaticFromWeb++;
            else if (reqStatic[slot] === 2) out.okStaticFromEdge++;
            out.latency.recordMs(elapsed * 1000);
            secondLatency.recordMs(elapsed * 1000);
            if (second < seconds) out.series.ok[second]! += 1;
          }
        }
        slots.release(slot);
      }
    } else if (kind === E_TIMELINE) {
      applyTimeline(input.timeline[slot]!);
    } else if (kind === E_TICK) {
      tick(slot);
    } else if (kind === E_HEALTH) {
      if (now < end) healthCheck(slot);
    } else if (kind === E_INSTANCE_READY) {
      instanceReady(slot);
    } else if (kind === E_FAILOVER_DONE) {
      st.up[topo.dbs[slot]!.primary] = 1;
    }
  }

  // Requests still in flight were sent before the end and have waited past their timeout.
  for (let slot = 0; slot < cap; slot++) {
    if (slots.active[slot] !== 1 || reqDead[slot] === 1 || slots.counted[slot] !== 1) continue;
    out.byReason[R_TIMEOUT]! += 1;
    const second = Math.floor(slots.createdAt[slot]!);
    if (second < seconds) out.series.failed[second]! += 1;
  }
  for (let s = 0; s < st.count; s++) {
    st.account(s, Math.max(now, end), start, end);
    const saved = now;
    now = Math.max(now, end);
    accountInFlight(s);
    now = saved;
  }
  scaling.finish(Math.max(now, end));
  onProgress?.(1);
  return out;
}

/**
 * The mutable state of one network run, shared by the routing, data-tier and failure modules,
 * and the few helpers every one of them needs: schedule an event, fail a request, answer it.
 *
 * Hot-path state lives in typed arrays indexed by a request slot or a part index, so a run
 * allocates nothing per request.
 */
import { EventQueue } from '../engine/event-queue.ts';
import { LatencyHistogram } from '../engine/histogram.ts';
import { LruCache } from '../engine/lru-cache.ts';
import { Rng } from '../engine/rng.ts';
import { ZipfSampler } from '../engine/zipf.ts';
import { RequestSlots } from '../model/request-slots.ts';
import { REGION_CODES } from '../catalog/regions.ts';
import { assignAreas, compileAreas } from './areas.ts';
import type { AreaModel } from './areas.ts';
import type { LoadStep, ResolvedScenario, Workload } from '../scenario.ts';
import { AutoScaling } from './auto-scaling.ts';
import { E_RESPONSE, createOutput } from './net-output.ts';
import type { NetworkInput, NetworkOutput, TimelineAction } from './net-output.ts';
import { PolicyRunner } from './policy-calls.ts';
import { Stations } from './stations.ts';
import type { StationDef, Topology } from './topology.ts';

/** Per-request fields in struct-of-arrays form, grown (never shrunk) as slots are used. */
export class RequestTable {
  cap = 1024;
  /** What the request is doing (`P_*`). */
  phase = new Uint8Array(this.cap);
  /** Web index it holds memory on, or -1. */
  web = new Int32Array(this.cap);
  station = new Int32Array(this.cap);
  key = new Int32Array(this.cap);
  user = new Int32Array(this.cap);
  write = new Uint8Array(this.cap);
  /** 0: a page; 1: a static file served by a web server; 2: a static file served by the edge. */
  static = new Uint8Array(this.cap);
  dead = new Uint8Array(this.cap);
  /** 1 while an event for the slot is in the event queue. */
  pending = new Uint8Array(this.cap);
  arrivedAt = new Float64Array(this.cap);
  /** Index into `Topology.entries` of the DNS answer the request follows. */
  entry = new Int32Array(this.cap);

  ensure(slot: number): void {
    if (slot < this.cap) return;
    const next = Math.max(this.cap * 2, slot + 1);
    this.phase = grow(this.phase, new Uint8Array(next));
    this.web = grow(this.web, new Int32Array(next));
    this.station = grow(this.station, new Int32Array(next));
    this.key = grow(this.key, new Int32Array(next));
    this.user = grow(this.user, new Int32Array(next));
    this.write = grow(this.write, new Uint8Array(next));
    this.static = grow(this.static, new Uint8Array(next));
    this.dead = grow(this.dead, new Uint8Array(next));
    this.pending = grow(this.pending, new Uint8Array(next));
    this.arrivedAt = grow(this.arrivedAt, new Float64Array(next));
    this.entry = grow(this.entry, new Int32Array(next));
    this.cap = next;
  }
}

function grow<T extends Uint8Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Everything one run reads and changes, built from its input. */
export class NetState {
  readonly topo: Topology;
  readonly sc: ResolvedScenario;
  readonly w: Workload;
  readonly defs: readonly StationDef[];
  readonly timeline: readonly TimelineAction[];
  readonly st: Stations;
  readonly queue = new EventQueue(1024);
  readonly slots = new RequestSlots(1024);
  readonly req = new RequestTable();
  readonly scaling: AutoScaling;
  readonly out: NetworkOutput;
  readonly policies: PolicyRunner;

  // The clock and the measured window, in seconds.
  now = 0;
  readonly start: number;
  readonly end: number;
  readonly seconds: number;
  readonly timeout: number;
  readonly sameAz: number;
  readonly crossAz: number;
  secondLatency = new LatencyHistogram();

  // Independent random streams, so adding draws to one leaves the others unchanged.
  readonly arrivalRng: Rng;
  readonly serviceRng: Rng;
  readonly dnsRng: Rng;
  readonly mixRng: Rng;
  readonly failoverRng: Rng;
  readonly staticRng: Rng;
  readonly routingRng: Rng;

  // Users, keys, and what the data tier remembers about them.
  readonly zipf: ZipfSampler;
  readonly steps: readonly LoadStep[];
  stepIndex = 0;
  currentUsers: number;
  readonly users: number;
  readonly meanGap: number;
  readonly stickyWeb: Int32Array;
  readonly sessionEpoch: Int32Array;
  readonly lastWriteAt: Float64Array;
  /** Global tables: the Region index of each key's last table write, or -1 (empty otherwise). */
  readonly lastWriteRegion: Int8Array;
  readonly caches: LruCache[];
  readonly cacheEpoch: Int32Array;

  // Where users are: each user's area, and round trips from each area to each Region.
  readonly areas: AreaModel;
  readonly userArea: Uint8Array;
  readonly regionCount = REGION_CODES.length;
  /** 1 while a Region is out (`region-outage`), by Region index. */
  readonly regionDown: Uint8Array;

  // Route 53: each user's resolver cache (routing records only), and the primary's health.
  readonly dnsMiss: number;
  readonly resolverUntil: Float64Array;
  readonly resolverAnswer: Int32Array;
  primaryHealthy = true;
  dnsFailedChecks = 0;
  dnsPassedChecks = 0;
  /** Latency records with a health check: each answer's status and its checks in a row. */
  readonly entryHealthy: Uint8Array;
  readonly entryFailedChecks: Int32Array;
  readonly entryPassedChecks: Int32Array;

  // Databases: whether the primary answers, since when it is down, until when a failover runs.
  readonly dbFailingOverUntil: Float64Array;
  readonly dbDown: Uint8Array;
  readonly dbDownSince: Float64Array;
  readonly replicaNext: Int32Array;

  // DynamoDB: units each partition has used in its current second. Partitions of all tables
  // sit end to end; `tableFirst[t]` is table t's first.
  readonly tableFirst: Int32Array;
  readonly partitionSecond: Float64Array;
  readonly partitionReads: Int32Array;
  readonly partitionWrites: Int32Array;
  readonly tableSeconds: number;

  // Static files.
  readonly staticZipf: ZipfSampler | null;
  readonly edgeCaches: LruCache[];
  readonly edgeSeconds: number;
  readonly originSeconds: number;
  readonly staticCpu: number;

  // Load balancers: which targets are in service, failed checks in a row, outstanding requests.
  readonly lbHealthy: Uint8Array[];
  readonly lbFailedChecks: Int32Array[];
  readonly lbNext: Int32Array;
  readonly outstanding: Int32Array;
  readonly active: Uint8Array;
  readonly lastInFlightChange: Float64Array;

  // CPU seconds of one visit to each kind of station.
  readonly webCpuLocal: number;
  readonly webCpuSplit: number;
  readonly dbCpu: number;
  readonly cacheCpu: number;

  constructor(input: NetworkInput) {
    const { topology: topo, scenario: sc, seed } = input;
    const w = sc.workload;
    this.topo = topo;
    this.sc = sc;
    this.w = w;
    this.defs = topo.stations;
    this.timeline = input.timeline;
    this.start = sc.warmupSeconds;
    this.end = sc.durationSeconds;
    this.timeout = sc.clientTimeoutMs / 1000;
    this.sameAz = sc.sameAzRttMs / 1000;
    this.crossAz = sc.crossAzRttMs / 1000;
    this.seconds = Math.ceil(this.end);

    this.arrivalRng = new Rng(seed, 1);
    this.serviceRng = new Rng(seed, 2);
    this.dnsRng = new Rng(seed, 3);
    this.mixRng = new Rng(seed, 4);
    this.failoverRng = new Rng(seed, 5);
    this.staticRng = new Rng(seed, 6);
    this.routingRng = new Rng(seed, 7);

    this.st = new Stations(topo.stations);
    const window = { start: this.start, end: this.end };
    this.scaling = new AutoScaling(topo, this.seconds, window, sc.scalingPeriodSeconds);
    this.areas = compileAreas(topo, sc);
    this.out = createOutput(topo, this.st, this.seconds, this.scaling, this.areas.names.length);
    this.policies = new PolicyRunner(input.policies, topo, this.out);

    this.zipf = new ZipfSampler(w.keys, w.keyZipfAlpha);
    this.steps = sc.usersAt;
    this.currentUsers = sc.users;
    this.users = Math.max(
      1,
      this.steps.reduce((most, step) => Math.max(most, step.users), sc.users),
    );
    this.meanGap = sc.users > 0 ? sc.thinkTimeSeconds / sc.users : Infinity;
    this.userArea = assignAreas(this.areas, this.users, seed);
    this.regionDown = new Uint8Array(this.regionCount);
    this.stickyWeb = new Int32Array(this.users).fill(-1);
    this.sessionEpoch = new Int32Array(this.users).fill(-1);
    this.lastWriteAt = new Float64Array(w.keys).fill(-Infinity);
    const global = topo.tables.some((t) => t.replicaRegions.length > 1);
    this.lastWriteRegion = new Int8Array(global ? w.keys : 0).fill(-1);
    this.caches = topo.caches.map(
      (c) => new LruCache(c.maxItems, c.ttlSeconds > 0 ? { ttlSeconds: c.ttlSeconds } : {}),
    );
    this.cacheEpoch = new Int32Array(topo.caches.length);

    const dns = topo.dns;
    this.dnsMiss =
      dns === undefined ? 1 : sc.thinkTimeSeconds / (sc.thinkTimeSeconds + dns.ttlSeconds);
    const perUser = dns !== undefined && dns.routing !== 'simple' ? this.users : 0;
    this.resolverUntil = new Float64Array(perUser).fill(-Infinity);
    this.resolverAnswer = new Int32Array(perUser);
    this.entryHealthy = new Uint8Array(topo.entries.length).fill(1);
    this.entryFailedChecks = new Int32Array(topo.entries.length);
    this.entryPassedChecks = new Int32Array(topo.entries.length);

    this.dbFailingOverUntil = new Float64Array(topo.dbs.length);
    this.dbDown = new Uint8Array(topo.dbs.length);
    this.dbDownSince = new Float64Array(topo.dbs.length);
    this.replicaNext = new Int32Array(topo.dbs.length);

    this.tableFirst = new Int32Array(topo.tables.length);
    let partitionCount = 0;
    topo.tables.forEach((table, t) => {
      // Each replica of a global table has its own partitions, end to end.
      this.tableFirst[t] = partitionCount;
      partitionCount += table.partitions * table.replicaRegions.length;
    });
    this.partitionSecond = new Float64Array(partitionCount).fill(-1);
    this.partitionReads = new Int32Array(partitionCount);
    this.partitionWrites = new Int32Array(partitionCount);
    this.tableSeconds = w.dynamoMsPerOp / 1000;

    // Static files have their own random stream, so runs without them draw exactly as before.
    this.staticZipf =
      w.staticShare > 0 ? new ZipfSampler(w.staticObjects, w.staticZipfAlpha) : null;
    this.edgeCaches = topo.distributions.map((d) => new LruCache(d.maxItems));
    this.edgeSeconds = sc.edgeRttMs / 1000;
    this.originSeconds = sc.originFetchMs / 1000;
    this.staticCpu = w.staticCpuMs / 1000;

    this.lbHealthy = topo.lbs.map((lb) => new Uint8Array(lb.targets.length).fill(1));
    this.lbFailedChecks = topo.lbs.map((lb) => new Int32Array(lb.targets.length));
    this.lbNext = new Int32Array(topo.lbs.length);
    this.outstanding = new Int32Array(topo.webs.length);
    this.active = this.scaling.active;
    this.lastInFlightChange = new Float64Array(topo.stations.length);

    this.webCpuLocal = w.cpuMsPerRequest / 1000;
    this.webCpuSplit = (w.cpuMsPerRequest * (1 - w.dbShareOfCpu)) / 1000;
    this.dbCpu = (w.cpuMsPerRequest * w.dbShareOfCpu) / 1000;
    this.cacheCpu = w.cacheMsPerOp / 1000;
  }

  /**
   * One-way network time between two stations: half the same-AZ, cross-AZ or cross-Region
   * round trip.
   */
  hop(a: number, b: number): number {
    const da = this.defs[a]!;
    const db = this.defs[b]!;
    if (da.az === db.az) return this.sameAz / 2;
    if (da.region === db.region) return this.crossAz / 2;
    return this.topo.regionRttSeconds[da.region * this.regionCount + db.region]! / 2;
  }

  /** Half the round trip between request `slot`'s user and the Region its DNS answer named. */
  userHalfRtt(slot: number): number {
    const area = this.userArea[this.req.user[slot]!]!;
    const region = this.topo.entryRegions[this.req.entry[slot]!]!;
    return this.areas.halfRtt[area * this.regionCount + region]!;
  }

  /** Queues an event for request `slot`. */
  schedule(time: number, slot: number, kind: number): void {
    this.req.pending[slot] = 1;
    this.queue.push(time, (slot << 4) | kind);
  }

  /** Records a failed request and frees it (at once, or when its queued event comes up). */
  fail(slot: number, reason: number): void {
    const slots = this.slots;
    if (slots.counted[slot] === 1) {
      this.out.byReason[reason]! += 1;
      const second = Math.floor(slots.createdAt[slot]!);
      if (second < this.seconds) this.out.series.failed[second]! += 1;
    }
    this.leaveWeb(slot);
    this.req.dead[slot] = 1;
    if (this.req.pending[slot] === 0) slots.release(slot);
  }

  /** The request no longer holds memory or counts as outstanding on its web instance. */
  leaveWeb(slot: number): void {
    const web = this.req.web[slot]!;
    if (web < 0) return;
    const s = this.topo.webs[web]!.station;
    this.accountInFlight(s);
    this.st.inFlight[s]! -= 1;
    this.outstanding[web]! -= 1;
    this.req.web[slot] = -1;
  }

  /** Adds station `s`'s in-flight requests × time inside the measured window, up to now. */
  accountInFlight(s: number): void {
    const last = this.lastInFlightChange[s]!;
    const a = last < this.start ? this.start : last;
    const b = this.now > this.end ? this.end : this.now;
    if (b > a) this.out.inFlightArea[s]! += this.st.inFlight[s]! * (b - a);
    this.lastInFlightChange[s] = this.now;
  }

  /** Sends the answer back: `extraSeconds` inside AWS, then half the user's round trip. */
  respond(slot: number, extraSeconds: number): void {
    this.leaveWeb(slot);
    this.schedule(this.now + extraSeconds + this.userHalfRtt(slot), slot, E_RESPONSE);
  }
}

/**
 * Compiles a stack into the numbers the network model runs on: stations (anything with vCPUs
 * and a queue), load balancers, databases and caches, each by index. Checks what the validator
 * cannot see part by part: that the wiring forms a web app a request can travel through.
 */
import { INSTANCE_TYPES } from '../catalog/instance-types.ts';
import { DB_INSTANCE_CLASSES } from '../catalog/db-instance-classes.ts';
import { INTER_REGION_RTT_MS } from '../catalog/region-latency.ts';
import { REGION_CODES, regionIndex } from '../catalog/regions.ts';
import type { RegionCode } from '../catalog/regions.ts';
import { SimConfigError } from '../errors.ts';
import type { ResolvedScenario } from '../scenario.ts';
import { regionOfPart } from '../stack-spec.ts';
import type {
  AppWiring,
  AutoScalingGroupSpec,
  InstanceSpec,
  PartSpec,
  StackSpec,
} from '../stack-spec.ts';

/** What a station is. */
export type StationRole = 'web' | 'db' | 'replica' | 'cache';

export interface StationDef {
  /** Id of the part this station models. */
  partId: string;
  role: StationRole;
  az: string;
  /** Index of its Region in `REGION_CODES`. */
  region: number;
  /** Requests served at once (vCPUs, or worker threads when fewer). */
  servers: number;
  vcpus: number;
  /** Memory limit for in-flight requests (web only), in requests; Infinity elsewhere. */
  maxInFlight: number;
}

export interface WebDef {
  station: number;
  /** Id of the part it belongs to: the instance, or its Auto Scaling group. */
  part: string;
  /** Index into `groups` when an Auto Scaling group owns it, or -1. */
  group: number;
  /** Index into `dbs`, or -1 when the database runs on this instance. */
  db: number;
  /** Index into `caches` for cache-aside reads, or -1. */
  cache: number;
  /** Index into `caches` holding sessions, or -1 (instance memory or a table). */
  sessions: number;
  /** Index into `tables` holding the data, or -1. */
  table: number;
  /** Index into `tables` holding sessions, or -1. */
  sessionTable: number;
  /** Index of its Region in `REGION_CODES`. */
  region: number;
  /** The replica of `table` it uses (0: the table's own Region), and the extra round trip, s. */
  tableReplica: number;
  tableRttSeconds: number;
  /** The same for `sessionTable`. */
  sessionReplica: number;
  sessionRttSeconds: number;
}

export interface LoadBalancerDef {
  partId: string;
  /** Indexes into `webs`. */
  targets: number[];
  leastOutstanding: boolean;
  healthCheckIntervalSeconds: number;
  unhealthyThreshold: number;
}

export interface DatabaseDef {
  partId: string;
  /** Station of the primary. */
  primary: number;
  /** Stations of the read replicas. */
  replicas: number[];
  multiAz: boolean;
  /** AZ of the synchronous standby (the primary's AZ when there is none). */
  standbyAz: string;
  replicaLagSeconds: number;
  /** True for Amazon RDS (managed failover); false for a database on an EC2 instance. */
  managed: boolean;
}

export interface CacheDef {
  partId: string;
  station: number;
  maxItems: number;
  ttlSeconds: number;
}

/** A DynamoDB table: no station (it scales itself), only per-partition budgets. */
export interface TableDef {
  partId: string;
  partitions: number;
  /** Region indexes of its replicas: its own Region first, then a global table's others. */
  replicaRegions: number[];
  /** Global tables: how far a replica trails a write made in another Region, in seconds. */
  lagSeconds: number;
}

/** A CloudFront distribution: an edge LRU over static files, with an S3 bucket behind it. */
export interface DistributionDef {
  partId: string;
  /** Part id of the origin bucket. */
  bucketId: string;
  maxItems: number;
}

/** An Auto Scaling group: `max` web slots, of which the run keeps some in service. */
export interface GroupDef {
  partId: string;
  /** Indexes into `webs`, one per possible instance. */
  webs: number[];
  min: number;
  max: number;
  desired: number;
  /** CPU utilisation target, 0..1. */
  targetCpu: number;
  warmupSeconds: number;
}

/** Where a DNS answer leads: a load balancer, a web instance, or nothing (`no-route`). */
export type EntryDef =
  { kind: 'lb'; index: number } | { kind: 'web'; index: number } | { kind: 'none' };

/** The entry DNS record: how Route 53 picks among `Topology.entries`. */
export interface DnsDef {
  partId: string;
  routing: 'simple' | 'failover' | 'weighted' | 'latency';
  ttlSeconds: number;
  /** Weighted records: the weight of each entry, and their sum. */
  weights: number[];
  totalWeight: number;
  /** Failover records: the primary's health check; latency records: each target's (0: none). */
  healthCheckIntervalSeconds: number;
  failureThreshold: number;
}

export interface Topology {
  stations: StationDef[];
  webs: WebDef[];
  lbs: LoadBalancerDef[];
  dbs: DatabaseDef[];
  caches: CacheDef[];
  tables: TableDef[];
  distributions: DistributionDef[];
  groups: GroupDef[];
  /**
   * Index into `distributions` that serves static files (the one the entry's instances name as
   * `staticFiles`), or -1 when the web servers serve them.
   */
  staticDistribution: number;
  /**
   * Where DNS answers lead: one entry for a simple record (`none` without a record), the primary
   * then the secondary for a failover record, one per target for a weighted record.
   */
  entries: EntryDef[];
  /** The entry DNS record (the stack's first), if any. */
  dns: DnsDef | undefined;
  /** Region index of each entry (the home Region for `none`). */
  entryRegions: number[];
  /** Index of the stack's home Region in `REGION_CODES`. */
  homeRegion: number;
  /** Round trip between Regions, in seconds: `[a * REGION_CODES.length + b]`. */
  regionRttSeconds: Float64Array;
  /** Regions that hold at least one part the model runs, by index. */
  regionsUsed: boolean[];
}

/** Round trips between the catalogue's Regions, in seconds, flattened row by row. */
function regionRttTable(): Float64Array {
  const count = REGION_CODES.length;
  const table = new Float64Array(count * count);
  REGION_CODES.forEach((a, i) =>
    REGION_CODES.forEach((b, j) => {
      table[i * count + j] = INTER_REGION_RTT_MS[a][b] / 1000;
    }),
  );
  return table;
}

function topologyError(path: string, value: unknown, message: string, hint: string): never {
  throw new SimConfigError('invalid-topology', path, value, message, hint);
}

/** Builds the model of `spec`. Throws `SimConfigError` with code `invalid-topology`. */
export function compileTopology(spec: StackSpec, sc: ResolvedScenario): Topology {
  const byId = new Map<string, PartSpec>(spec.parts.map((part) => [part.id, part]));
  const pathOf = (id: string): string => `parts[${spec.parts.findIndex((p) => p.id === id)}]`;
  const stations: StationDef[] = [];
  const topo: Topology = {
    stations,
    webs: [],
    lbs: [],
    dbs: [],
    caches: [],
    tables: [],
    distributions: [],
    groups: [],
    staticDistribution: -1,
    entries: [],
    dns: undefined,
    entryRegions: [],
    homeRegion: regionIndex(spec.region),
    regionRttSeconds: regionRttTable(),
    regionsUsed: REGION_CODES.map(() => false),
  };
  const regionOf = (part: PartSpec): number => regionIndex(regionOfPart(spec, part));
  const rttBetween = (a: number, b: number): number =>
    topo.regionRttSeconds[a * REGION_CODES.length + b]!;

  const dbIndex = new Map<string, number>();
  const cacheIndex = new Map<string, number>();
  const webIndex = new Map<string, number>();
  const tableIndex = new Map<string, number>();
  const w = sc.workload;

  const addDatabase = (id: string): number => {
    const known = dbIndex.get(id);
    if (known !== undefined) return known;
    const part = byId.get(id)!;
    let def: DatabaseDef;
    if (part.kind === 'rds') {
      const cls = DB_INSTANCE_CLASSES[part.instanceClass as keyof typeof DB_INSTANCE_CLASSES];
      const region = regionOf(part);
      const primary = stations.push(dbStation(part.id, 'db', part.az, region, cls.vcpus)) - 1;
      const azs = azsOf(regionOfPart(spec, part));
      const replicas: number[] = [];
      for (let r = 0; r < part.readReplicas; r++) {
        const az = azs[(azs.indexOf(part.az) + 1 + r) % azs.length]!;
        const name = `${part.id}#replica-${r + 1}`;
        replicas.push(stations.push(dbStation(name, 'replica', az, region, cls.vcpus)) - 1);
      }
      def = {
        partId: part.id,
        primary,
        replicas,
        multiAz: part.multiAz,
        standbyAz: part.multiAz ? azs[(azs.indexOf(part.az) + 1) % azs.length]! : part.az,
        replicaLagSeconds: part.replicaLagMs / 1000,
        managed: true,
      };
    } else if (part.kind === 'ec2') {
      const type = INSTANCE_TYPES[part.instanceType];
      const primary =
        stations.push(dbStation(part.id, 'db', part.az, regionOf(part), type.vcpus)) - 1;
      def = {
        partId: part.id,
        primary,
        replicas: [],
        multiAz: false,
        standbyAz: part.az,
        replicaLagSeconds: 0,
        managed: false,
      };
    } else {
      return topologyError(
        pathOf(id),
        id,
        `Part \`${id}\` cannot hold a database`,
        'Use an RDS database or an EC2 instance.',
      );
    }
    topo.dbs.push(def);
    dbIndex.set(id, topo.dbs.length - 1);
    return topo.dbs.length - 1;
  };

  const addCache = (id: string): number => {
    const known = cacheIndex.get(id);
    if (known !== undefined) return known;
    const part = byId.get(id)!;
    if (part.kind !== 'cache') {
      return topologyError(
        pathOf(id),
        id,
        `Part \`${id}\` is not a cache`,
        'Use a part from `stack.cache(...)`.',
      );
    }
    // A simplification: the node serves one operation at a time, each taking `cacheMsPerOp`.
    const station =
      stations.push({
        partId: part.id,
        role: 'cache',
        az: part.az,
        region: regionOf(part),
        servers: 1,
        vcpus: 1,
        maxInFlight: Infinity,
      }) - 1;
    topo.caches.push({
      partId: part.id,
      station,
      maxItems: part.maxItems,
      ttlSeconds: part.ttlSeconds,
    });
    cacheIndex.set(id, topo.caches.length - 1);
    return topo.caches.length - 1;
  };

  const addTable = (id: string): number => {
    const known = tableIndex.get(id);
    if (known !== undefined) return known;
    const part = byId.get(id)!;
    if (part.kind !== 'dynamodb') {
      return topologyError(
        pathOf(id),
        id,
        `Part \`${id}\` is not a DynamoDB table`,
        'Use a part from `stack.table(...)`.',
      );
    }
    topo.tables.push({
      partId: part.id,
      partitions: part.partitions,
      replicaRegions: [regionOf(part), ...(part.replicaRegions ?? []).map(regionIndex)],
      lagSeconds: (part.globalTableLagMs ?? 0) / 1000,
    });
    tableIndex.set(id, topo.tables.length - 1);
    return topo.tables.length - 1;
  };
  const isTable = (id: string | undefined): boolean =>
    id !== undefined && byId.get(id)?.kind === 'dynamodb';

  const databaseHosts = new Set(
    spec.parts.flatMap((p) =>
      (p.kind === 'ec2' || p.kind === 'asg') && p.app?.database !== undefined
        ? [p.app.database]
        : [],
    ),
  );

  const addWeb = (part: InstanceSpec): number => {
    const known = webIndex.get(part.id);
    if (known !== undefined) return known;
    if (databaseHosts.has(part.id)) {
      return topologyError(
        pathOf(part.id),
        part.id,
        `Instance \`${part.id}\` is both a web server and another instance's database`,
        'Give the database its own instance, or use `stack.database(...)`.',
      );
    }
    const web = makeWeb(part.id, part.id, part.instanceType, part.az, regionOf(part), part.app, -1);
    webIndex.set(part.id, web);
    return web;
  };

  const groupIndex = new Map<string, number>();
  const addGroup = (part: AutoScalingGroupSpec): number[] => {
    const known = groupIndex.get(part.id);
    if (known !== undefined) return topo.groups[known]!.webs;
    const g = topo.groups.length;
    const webs: number[] = [];
    for (let i = 0; i < part.max; i++) {
      const az = part.azs[i % part.azs.length]!;
      const name = `${part.id}#${i + 1}`;
      webs.push(makeWeb(name, part.id, part.instanceType, az, regionOf(part), part.app, g));
    }
    topo.groups.push({
      partId: part.id,
      webs,
      min: part.min,
      max: part.max,
      desired: part.desired,
      targetCpu: part.targetCpuPercent / 100,
      warmupSeconds: part.warmupSeconds,
    });
    groupIndex.set(part.id, g);
    return webs;
  };

  const makeWeb = (
    stationId: string,
    owner: string,
    instanceType: InstanceSpec['instanceType'],
    az: string,
    region: number,
    app: AppWiring | undefined,
    group: number,
  ): number => {
    const type = INSTANCE_TYPES[instanceType];
    const servers = Math.min(w.workerThreads ?? type.vcpus, type.vcpus);
    const memoryMiB = type.memoryGiB * 1024;
    const maxInFlight =
      w.memoryMiBPerInFlightRequest > 0
        ? Math.floor((memoryMiB - w.baseMemoryMiB) / w.memoryMiBPerInFlightRequest)
        : memoryMiB >= w.baseMemoryMiB
          ? Infinity
          : -1;
    const station =
      stations.push({
        partId: stationId,
        role: 'web',
        az,
        region,
        servers,
        vcpus: type.vcpus,
        maxInFlight,
      }) - 1;
    const sessionsIn = app?.sessions === 'instance' ? undefined : app?.sessions;
    const table =
      app?.database !== undefined && isTable(app.database) ? addTable(app.database) : -1;
    const sessionTable =
      sessionsIn !== undefined && isTable(sessionsIn) ? addTable(sessionsIn) : -1;
    // The app calls the replica in its own Region, else the table's Region across the ocean.
    const replicaOf = (t: number): number =>
      t < 0 ? 0 : Math.max(0, topo.tables[t]!.replicaRegions.indexOf(region));
    const rttTo = (t: number, replica: number): number =>
      t < 0 ? 0 : rttBetween(region, topo.tables[t]!.replicaRegions[replica]!);
    const tableReplica = replicaOf(table);
    const sessionReplica = replicaOf(sessionTable);
    const web: WebDef = {
      station,
      part: owner,
      group,
      db: app?.database === undefined || isTable(app.database) ? -1 : addDatabase(app.database),
      cache: app?.cache === undefined ? -1 : addCache(app.cache),
      sessions: sessionsIn === undefined || isTable(sessionsIn) ? -1 : addCache(sessionsIn),
      table,
      sessionTable,
      region,
      tableReplica,
      tableRttSeconds: rttTo(table, tableReplica),
      sessionReplica,
      sessionRttSeconds: rttTo(sessionTable, sessionReplica),
    };
    topo.webs.push(web);
    return topo.webs.length - 1;
  };

  /** The entry a DNS answer naming part `id` leads to, and its Region. */
  const addEntry = (id: string): EntryDef => {
    const named = byId.get(id);
    topo.entryRegions.push(named === undefined ? topo.homeRegion : regionOf(named));
    let target = named;
    if (target?.kind === 'eip') target = byId.get(target.instance);
    if (target?.kind === 'ec2') return { kind: 'web', index: addWeb(target) };
    if (target?.kind !== 'alb') return { kind: 'none' };
    const known = topo.lbs.findIndex((lb) => lb.partId === target.id);
    if (known >= 0) return { kind: 'lb', index: known };
    const targets = target.targets.flatMap((t) => {
      const part = byId.get(t);
      return part?.kind === 'asg' ? addGroup(part) : [addWeb(part as InstanceSpec)];
    });
    topo.lbs.push({
      partId: target.id,
      targets,
      leastOutstanding: target.algorithm === 'least-outstanding-requests',
      healthCheckIntervalSeconds: target.healthCheckIntervalSeconds,
      unhealthyThreshold: target.unhealthyThreshold,
    });
    return { kind: 'lb', index: topo.lbs.length - 1 };
  };

  const dns = spec.parts.find((p) => p.kind === 'dns');
  if (dns === undefined || dns.kind !== 'dns') {
    topo.entries.push({ kind: 'none' });
    topo.entryRegions.push(topo.homeRegion);
  } else {
    const def: DnsDef = {
      partId: dns.id,
      routing: dns.routing ?? 'simple',
      ttlSeconds: dns.ttlSeconds,
      weights: [],
      totalWeight: 0,
      healthCheckIntervalSeconds: 0,
      failureThreshold: 0,
    };
    if (dns.routing === 'failover') {
      topo.entries.push(addEntry(dns.primary), addEntry(dns.secondary));
      def.healthCheckIntervalSeconds = dns.healthCheckIntervalSeconds;
      def.failureThreshold = dns.failureThreshold;
    } else if (dns.routing === 'weighted') {
      for (const { target, weight } of dns.targets) {
        topo.entries.push(addEntry(target));
        def.weights.push(weight);
        def.totalWeight += weight;
      }
    } else if (dns.routing === 'latency') {
      for (const { target } of dns.targets) topo.entries.push(addEntry(target));
      def.healthCheckIntervalSeconds = dns.healthCheck?.intervalSeconds ?? 0;
      def.failureThreshold = dns.healthCheck?.failureThreshold ?? 0;
    } else {
      topo.entries.push(addEntry(dns.target));
    }
    topo.dns = def;
  }
  linkStaticFiles(spec, topo, pathOf);
  for (const station of stations) topo.regionsUsed[station.region] = true;
  for (const table of topo.tables) for (const r of table.replicaRegions) topo.regionsUsed[r] = true;
  for (const r of topo.entryRegions) topo.regionsUsed[r] = true;
  return topo;
}

/** Code of the Region at `index` in `REGION_CODES`. */
export function regionCodeAt(index: number): RegionCode {
  return REGION_CODES[index]!;
}

/** Finds the distribution the entry's instances send static files to; they must agree. */
function linkStaticFiles(spec: StackSpec, topo: Topology, pathOf: (id: string) => string): void {
  const byId = new Map<string, PartSpec>(spec.parts.map((part) => [part.id, part]));
  const chosen = topo.webs.map((web) => {
    const part = byId.get(web.part);
    return part?.kind === 'ec2' || part?.kind === 'asg' ? part.app?.staticFiles : undefined;
  });
  const first = chosen[0];
  const odd = chosen.findIndex((id) => id !== first);
  if (odd >= 0) {
    const id = topo.webs[odd]!.part;
    topologyError(
      `${pathOf(id)}.app.staticFiles`,
      chosen[odd],
      `Instance \`${id}\` serves static files from ${chosen[odd] === undefined ? 'itself' : `\`${chosen[odd]}\``}, unlike the other instances behind the same entry`,
      'Give every instance the same `staticFiles` distribution, or none of them.',
    );
  }
  for (const part of spec.parts) {
    if (part.kind !== 'cloudfront') continue;
    topo.distributions.push({ partId: part.id, bucketId: part.origin, maxItems: part.maxItems });
    if (part.id === first) topo.staticDistribution = topo.distributions.length - 1;
  }
}

function dbStation(
  partId: string,
  role: 'db' | 'replica',
  az: string,
  region: number,
  vcpus: number,
): StationDef {
  return { partId, role, az, region, servers: vcpus, vcpus, maxInFlight: Infinity };
}

/** The zones the model uses for a Region: `a`, `b` and `c` (AWS designs Regions with three or more). */
function azsOf(region: string): string[] {
  return [`${region}a`, `${region}b`, `${region}c`];
}

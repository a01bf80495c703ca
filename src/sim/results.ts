/** What a run returns: plain, JSON-serialisable data, identical for the same inputs and seed. */
import type { InstanceTypeName } from './catalog/instance-types.ts';
import type { RegionCode } from './catalog/regions.ts';

/** Why a request failed. */
export type FailureReason =
  | 'timeout'
  | 'queue-full'
  | 'out-of-memory'
  | 'instance-down'
  | 'no-route'
  | 'no-healthy-target'
  | 'failover-in-progress'
  | 'session-lost'
  | 'throttled';

/** Every failure reason, in a fixed order. */
export const FAILURE_REASONS: readonly FailureReason[] = [
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

/** Statistics of one EC2 instance over the measured window (after warm-up). */
export interface Ec2Stats {
  kind: 'ec2';
  instanceType: InstanceTypeName;
  /** vCPUs of the instance type. */
  vcpus: number;
  /** Requests it works on at once: `min(workerThreads, vcpus)`. */
  servers: number;
  /** Memory of the instance type, in MiB. */
  memoryMiB: number;
  /** Requests that reached the instance. */
  arrivals: number;
  /** Requests it finished working on (including those whose client had already given up). */
  served: number;
  /** Requests turned away because the queue was full. */
  rejectedQueueFull: number;
  /** Requests turned away because accepting them would exceed the memory. */
  rejectedOutOfMemory: number;
  /** Busy vCPU time over available vCPU time, 0..1 (time average; wasted work included). */
  cpuUtilisation: number;
  /** Busy worker time over available worker time (`servers`), 0..1: the queueing ρ. */
  workerUtilisation: number;
  /** Time-average memory in use over the instance's memory, 0..1. */
  memoryUtilisation: number;
  /** Highest memory in use, in MiB. */
  peakMemoryMiB: number;
  /** Time-average number of requests queued or running on the instance. */
  meanInFlight: number;
  /** Mean wait in the queue before a worker picked the request up, in milliseconds. */
  meanWaitMs: number;
  /** Mean CPU time per request served, in milliseconds. */
  meanServiceMs: number;
  /** Burstable types: baseline utilisation as a fraction of all vCPUs, 0..1. */
  baselineUtilisation?: number;
  /**
   * Burstable types: true when `cpuUtilisation` is above the baseline. v1 models T instances in
   * unlimited mode at full speed, so the surplus shows up on the bill, not as slowness.
   */
  burstableAboveBaseline?: boolean;
}

/** Statistics of an Elastic IP. */
export interface EipStats {
  kind: 'eip';
  /** Id of the instance it is attached to. */
  instance: string;
}

/** Statistics of a DNS record over the measured window. */
export interface DnsStats {
  kind: 'dns';
  /** Record name. */
  name: string;
  /** Hosted zone (last two labels of the name). */
  zone: string;
  /** Queries that reached Route 53 (resolver cache misses). */
  queries: number;
  /** Queries per second. */
  queriesPerSecond: number;
  /** Share of lookups answered from a resolver cache, 0..1. */
  cacheHitRate: number;
  /**
   * Failover, weighted and latency records: queries Route 53 answered with each target, by part
   * id (primary first for failover).
   */
  answers?: Record<string, number>;
  /**
   * Failover records: when Route 53's health check changed the primary's status (false: marked
   * unhealthy, answers switch to the secondary), in seconds since the start of the run. Latency
   * records with a health check: each target's changes, with its `target` and `region`.
   */
  healthChanges?: {
    atSeconds: number;
    healthy: boolean;
    /** Latency records: the target whose status changed. */
    target?: string;
    /** Latency records: the Region of that target. */
    region?: RegionCode;
  }[];
}

/** Statistics of an Application Load Balancer. */
export interface LoadBalancerStats {
  kind: 'alb';
  /** Requests it routed in the measured window. */
  requests: number;
  /** Instances behind it. */
  targets: number;
}

/** Statistics of one database node (primary or read replica). */
export interface DatabaseNodeStats {
  /** Node name: the part id, or `<id>#replica-N`. */
  id: string;
  az: string;
  /** Busy vCPU time over available vCPU time, 0..1. */
  cpuUtilisation: number;
}

/** Statistics of a database (Amazon RDS, or a database on its own instance). */
export interface DatabaseStats {
  kind: 'rds';
  /** Reads that reached the database (cache misses included). */
  reads: number;
  writes: number;
  /** Reads answered by a read replica. */
  replicaReads: number;
  /** Replica reads of a row written less than the replica lag earlier: possibly stale. */
  staleReads: number;
  /** Writes acknowledged to the app. */
  committedWrites: number;
  /** Acknowledged writes missing after a failover. 0 with a synchronous standby. */
  lostCommittedWrites: number;
  /** Failovers to the standby: when they started and how long they took, in seconds. */
  failovers: { atSeconds: number; durationSeconds: number }[];
  nodes: DatabaseNodeStats[];
}

/** Statistics of an ElastiCache node. */
export interface CacheStats {
  kind: 'cache';
  hits: number;
  misses: number;
  /** hits / (hits + misses), 0..1 (0 when there were no lookups). */
  hitRate: number;
  /** Session lookups served. */
  sessionLookups: number;
  /** Items dropped when the node was lost. */
  itemsLost: number;
  /** Busy time over the run, 0..1. */
  utilisation: number;
  /** With a cache-aside policy: rows read from the database that the policy kept out. */
  notCached?: number;
}

/** Statistics of a DynamoDB table over the measured window. */
export interface TableStats {
  kind: 'dynamodb';
  /** Partitions the keys were spread over. */
  partitions: number;
  /** Data reads served (one read unit each). */
  reads: number;
  /** Data writes served (one write unit each). */
  writes: number;
  /** Session reads served (one read unit each). */
  sessionLookups: number;
  /** Reads refused because their partition had used its read units for that second. */
  throttledReads: number;
  /** Writes refused because their partition had used its write units for that second. */
  throttledWrites: number;
  /** Most read units one partition used in one second. */
  peakPartitionReadsPerSecond: number;
  /** Most write units one partition used in one second. */
  peakPartitionWritesPerSecond: number;
  /** Global tables: the Regions holding a replica, the table's own first. */
  replicaRegions?: RegionCode[];
  /**
   * Global tables: reads of a key that was written in another Region less than
   * `globalTableLagMs` earlier, so the local replica may not have the write yet.
   */
  staleReads?: number;
}

/** Statistics of a CloudFront distribution over the measured window. */
export interface DistributionStats {
  kind: 'cloudfront';
  /** Id of the origin bucket. */
  origin: string;
  /** Static requests that reached the edge. */
  requests: number;
  /** Requests answered from the edge cache. */
  edgeHits: number;
  /** Requests the edge had to fetch from the bucket. */
  originFetches: number;
  /** edgeHits / requests, 0..1 (0 when there were none). */
  hitRate: number;
}

/** Statistics of an S3 bucket over the measured window. */
export interface BucketStats {
  kind: 's3';
  /** GET requests it served (distribution origin fetches). */
  getRequests: number;
}

/** Statistics of an Auto Scaling group over the run. */
export interface AutoScalingGroupStats {
  kind: 'asg';
  instanceType: InstanceTypeName;
  min: number;
  max: number;
  /** Time-average instances running (launching or in service) over the measured window. */
  meanRunningInstances: number;
  /** Average CPU utilisation of its in-service instances over the measured window, 0..1. */
  cpuUtilisation: number;
  /** Instances in service at the end of each simulated second. */
  inService: number[];
  /** Its scaling decisions that changed something, in time order. */
  activities: {
    /** Simulated second of the decision. */
    atSeconds: number;
    /** Instances running (in service or launching) before and after. */
    from: number;
    to: number;
    reason: 'scale-out' | 'scale-in' | 'replace-unhealthy';
  }[];
}

/** Per-part statistics, discriminated on `kind`. */
export type PartStats =
  | Ec2Stats
  | EipStats
  | DnsStats
  | LoadBalancerStats
  | DatabaseStats
  | CacheStats
  | TableStats
  | DistributionStats
  | BucketStats
  | AutoScalingGroupStats;

/** Per-second figures of a run, each array indexed by simulated second. */
export interface SeriesResults {
  /** Requests sent in each second. */
  requests: number[];
  /** Of those, answered in time. */
  ok: number[];
  /** Of those, failed (any reason). */
  failed: number[];
  /** Latency percentiles of the requests answered in each second, in milliseconds (0 when none). */
  p50Ms: number[];
  p95Ms: number[];
  p99Ms: number[];
  /** Busy share of each part's servers per second, by part id (database nodes by node name). */
  utilisation: Record<string, number[]>;
  /**
   * Runs with a `region-outage`: for each Region that went out, 1 in every second it was out
   * (for any part of the second), else 0.
   */
  regionOutage?: Partial<Record<RegionCode, number[]>>;
}

/** Requests of one user area, or served by one Region, over the measured window. */
export interface RequestGroupResults {
  /** Requests sent (by the area's users) or routed (to the Region by its DNS answer). */
  requests: number;
  /** Of those, answered in time. */
  ok: number;
  /** requests − ok. */
  failed: number;
  /** Latency of the answered ones, in milliseconds (0 when none). */
  latencyMs: { p50: number; p95: number };
}

/** How available the service was over the measured window. */
export interface AvailabilityResults {
  /** Answered requests over all requests, 0..1. */
  byRequest: number;
  /**
   * Share of measured seconds in which the service was up, 0..1. A second counts as down when
   * more than half of its requests failed (a course definition).
   */
  byTime: number;
}

/** A database's billable hours (primary, plus replicas; the standby is priced with the primary). */
export interface DatabaseUsage {
  instanceClass: string;
  region: RegionCode;
  multiAz: boolean;
  /** Primary instance hours in the month. */
  hours: number;
  /** Read replica instance hours in the month (all replicas together). */
  replicaHours: number;
}

/** One instance's billable hours. */
export interface InstanceUsage {
  instanceType: InstanceTypeName;
  region: RegionCode;
  /** Instance hours in the month (730: it runs all month). */
  hours: number;
  /**
   * Burstable types in unlimited mode: vCPU-hours above the baseline per month, assuming this
   * run's utilisation holds all month (AWS averages over 24 hours). 0 for other types.
   */
  surplusVcpuHours: number;
}

/** What the bill prices, per 730-hour month, assuming the simulated load holds all month. */
export interface Usage {
  /** Hours in the billing month the course uses. */
  monthHours: 730;
  /** Billable instance hours by part id. */
  instanceHours: Record<string, InstanceUsage>;
  /** Elastic IP addresses in the stack. */
  elasticIps: number;
  /**
   * Public IPv4 address-hours: each Elastic IP, plus each instance a DNS record targets directly
   * (its auto-assigned public address), for every hour of the month.
   */
  publicIpv4Hours: number;
  /** Distinct hosted zones among the DNS records. */
  hostedZones: number;
  /** DNS queries that reach Route 53 per month (resolver cache misses). */
  dnsQueriesPerMonth: number;
  /** Response bytes sent to the internet per month. */
  dataOutBytesPerMonth: number;
  /** The same in GB of 2^30 bytes (`dataOutBytesPerMonth / 2^30`). */
  dataOutGbPerMonth: number;
  /** Requests users send per month (answered or not). */
  requestsPerMonth: number;
  /** Route 53 health checks in the stack (one per failover record), each billed per month. */
  route53HealthChecks?: number;
  /** Database hours by part id. */
  databaseHours?: Record<string, DatabaseUsage>;
  /** ElastiCache node hours by part id. */
  cacheNodeHours?: Record<string, { nodeType: string; region: RegionCode; hours: number }>;
  /** Load balancer hours by part id. */
  loadBalancerHours?: Record<string, { region: RegionCode; hours: number }>;
  /**
   * DynamoDB on-demand request units per month by table id (throttled requests are not billed).
   * Present only when the stack has a table.
   */
  /** Requests CloudFront answered per month (present when the stack has a distribution or bucket). */
  cloudFrontRequestsPerMonth?: number;
  /** Bytes CloudFront sent to users per month, in GB of 2^30 bytes. */
  cloudFrontGbPerMonth?: number;
  /** S3 GET requests per month: the distributions' origin fetches. */
  s3GetRequestsPerMonth?: number;
  tableRequestUnits?: Record<
    string,
    {
      region: RegionCode;
      readUnitsPerMonth: number;
      writeUnitsPerMonth: number;
      /** Global tables: the other Regions, each also billed for every write, replicated. */
      replicaRegions?: RegionCode[];
    }
  >;
}

/** Everything a run measured. */
export interface SimResults {
  format: 'course-results/v1';
  /** Seed the run used. */
  seed: number;
  /** Measured window: `durationSeconds - warmupSeconds`, in seconds. */
  simulatedSeconds: number;
  /** Request rate users offer, `users / thinkTimeSeconds`, per second. */
  offeredRps: number;
  /** Requests sent during the measured window and what became of them. */
  requests: {
    total: number;
    ok: number;
    failed: number;
    /** failed / total, 0..1 (0 when there were no requests). */
    errorRate: number;
    byReason: Record<FailureReason, number>;
  };
  /** Successful responses per second over the measured window. */
  throughputRps: number;
  /** End-to-end latency of successful requests, in milliseconds (histogram, under 0.2 % error). */
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** Statistics by part id. */
  parts: Record<string, PartStats>;
  /** What the bill prices. */
  usage: Usage;
  /** Events the engine processed. */
  events: number;
  /** Per-second figures (network model runs: stacks with a load balancer, a database, a cache or failures). */
  series?: SeriesResults;
  /** Availability by request and by time (network model runs). */
  availability?: AvailabilityResults;
  /** Calls made to your policies (present when `SimOptions.policies` was given). */
  policyCalls?: number;
  /**
   * Stacks with parts in several Regions, or runs with `scenario.areas`: requests by the Region
   * their DNS answer sent them to (static files from CloudFront count in no Region).
   */
  regions?: Partial<Record<RegionCode, RequestGroupResults>>;
  /** Runs with `scenario.areas`: requests by the users' area, by area name. */
  areas?: Record<string, RequestGroupResults & { share: number }>;
}

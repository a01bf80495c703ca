/** The plain-data form of a stack: what `Stack.toJSON()` returns and `validateStack` checks. */
import type { InstanceTypeName } from './catalog/instance-types.ts';
import type { RegionCode } from './catalog/regions.ts';
import { AWS_BEHAVIOUR } from './catalog/aws-behaviour.ts';

/** Kinds of parts a stack can hold in this version. */
export type PartKind =
  'ec2' | 'eip' | 'dns' | 'alb' | 'rds' | 'cache' | 'dynamodb' | 's3' | 'cloudfront' | 'asg';

/** A handle on a part, returned by the `Stack` builder methods; pass it to link parts. */
export interface PartRef<K extends PartKind = PartKind> {
  /** The part's id, unique in its stack. */
  readonly id: string;
  /** The part's kind. */
  readonly kind: K;
}

/** One EC2 instance. */
export interface InstanceSpec {
  kind: 'ec2';
  /** Unique id in the stack: a letter, then letters, digits, `-` or `_` (at most 64). */
  id: string;
  /** Instance type from the catalogue, e.g. `t3.micro`. */
  instanceType: InstanceTypeName;
  /** Availability Zone, the Region code plus one letter, e.g. `us-east-1a`. */
  az: string;
  /** Region of the instance when it is not the stack's own. Absent: the stack's Region. */
  region?: RegionCode;
  /**
   * What the app on this instance talks to. Without it the instance runs the whole app, its
   * database included (stage 2).
   */
  app?: AppWiring;
}

/** Where an instance's app keeps its data and its users' sessions. */
export interface AppWiring {
  /**
   * Id of the part that holds the data: an `rds` part, an `ec2` part running the database, or a
   * `dynamodb` table.
   */
  database?: string;
  /** Id of a `cache` part the app reads through (cache-aside) before the database. */
  cache?: string;
  /**
   * Where login sessions live: `'instance'` (in the web server's memory, so users are pinned to
   * it and lose their session when it dies), the id of a `cache` part (lost with the node), or
   * the id of a `dynamodb` table (survives both). Default `'instance'`.
   */
  sessions?: string;
  /**
   * Id of a `cloudfront` part the app's pages link their static files (images, scripts, styles)
   * to. Without it the web server serves them itself. Every instance behind one load balancer
   * must name the same distribution (or none).
   */
  staticFiles?: string;
}

/**
 * An EC2 Auto Scaling group with a target tracking policy on average CPU. Its instances are
 * named `<id>#1` to `<id>#<max>` in statistics; a load balancer that targets the group sends
 * requests to those in service.
 */
export interface AutoScalingGroupSpec {
  kind: 'asg';
  id: string;
  /** Instance type of every instance in the group. */
  instanceType: InstanceTypeName;
  /** Availability Zones it launches into, spreading instances evenly. */
  azs: string[];
  /** Region of the group when it is not the stack's own. Absent: the stack's Region. */
  region?: RegionCode;
  /** Fewest instances it keeps in service. */
  min: number;
  /** Most instances it runs (at most 20 in this model). */
  max: number;
  /** Instances in service at the start of the run. */
  desired: number;
  /** Average CPU utilisation the policy aims for, in percent. */
  targetCpuPercent: number;
  /** Seconds after a new instance enters service before its CPU counts in the group's average. */
  warmupSeconds: number;
  /** What the app on each instance talks to (as for `stack.instance`). */
  app?: AppWiring;
}

/** An Application Load Balancer that spreads requests over instances. */
export interface LoadBalancerSpec {
  kind: 'alb';
  id: string;
  /** Ids of the `ec2` and `asg` parts it sends requests to, all in its Region. */
  targets: string[];
  /** Region of the load balancer when it is not the stack's own. Absent: the stack's Region. */
  region?: RegionCode;
  /** How it picks a target for each request. */
  algorithm: 'round-robin' | 'least-outstanding-requests';
  /** Seconds between health checks of each target. */
  healthCheckIntervalSeconds: number;
  /** Failed checks in a row before a target is taken out of service. */
  unhealthyThreshold: number;
}

/** An Amazon RDS database: a primary, optionally a synchronous standby and read replicas. */
export interface DatabaseSpec {
  kind: 'rds';
  id: string;
  /** DB instance class, e.g. `db.t3.micro`. */
  instanceClass: string;
  /** Availability Zone of the primary. */
  az: string;
  /** Region of the database when it is not the stack's own. Absent: the stack's Region. */
  region?: RegionCode;
  /** A synchronous standby in another AZ that takes over when the primary fails. It serves no reads. */
  multiAz: boolean;
  /** Asynchronous read replicas (same class), spread over the Region's AZs. */
  readReplicas: number;
  /** How far replicas trail the primary, in milliseconds (a model parameter: AWS gives no fixed figure). */
  replicaLagMs: number;
}

/** An Amazon ElastiCache cluster: one primary node, optionally replicas. */
export interface CacheSpec {
  kind: 'cache';
  id: string;
  /** Node type, e.g. `cache.t3.micro`. */
  nodeType: string;
  /** Availability Zone of the primary node. */
  az: string;
  /** Region of the cache when it is not the stack's own. Absent: the stack's Region. */
  region?: RegionCode;
  /** How many items (cached rows or sessions) fit in the node's memory. */
  maxItems: number;
  /** Seconds a cached row stays valid; 0 keeps it until it is evicted. */
  ttlSeconds: number;
}

/**
 * An Amazon DynamoDB table in on-demand capacity mode. Items are spread over partitions by a hash
 * of their key; each partition serves at most 3 000 read units and 1 000 write units per second
 * (AWS's documented per-partition limits). The model counts one unit per request, which holds
 * for items up to 4 KB read (strongly consistent) and 1 KB written.
 */
export interface TableSpec {
  kind: 'dynamodb';
  id: string;
  /**
   * Partitions the table has. DynamoDB chooses this itself; here it is a model parameter, so you
   * can see what one hot partition does. Default 1.
   */
  partitions: number;
  /** Region of the table (of its first replica, for a global table). Absent: the stack's Region. */
  region?: RegionCode;
  /**
   * Other Regions holding a replica: a global table. Each app reads and writes the replica in its
   * own Region (or the table's Region when there is none); writes reach the other replicas
   * `globalTableLagMs` later. Absent for a table in one Region.
   */
  replicaRegions?: RegionCode[];
  /**
   * How far a global table's replicas trail a write made in another Region, in milliseconds. A
   * model parameter: AWS measures it (`ReplicationLatency`) but gives no fixed figure. Present
   * only with `replicaRegions`.
   */
  globalTableLagMs?: number;
}

/** An Amazon S3 bucket holding the site's static files (the origin of a distribution). */
export interface BucketSpec {
  kind: 's3';
  id: string;
}

/**
 * An Amazon CloudFront distribution in front of a bucket. The model has one edge location (all
 * users near it) whose cache is an LRU over the static objects; a miss fetches from the bucket.
 */
export interface DistributionSpec {
  kind: 'cloudfront';
  id: string;
  /** Id of the `s3` part it fetches from on a miss. */
  origin: string;
  /** Static objects the edge cache holds (a model parameter). */
  maxItems: number;
}

/** An Elastic IP address (a static public IPv4 address) attached to an instance. */
export interface ElasticIpSpec {
  kind: 'eip';
  /** Unique id in the stack. */
  id: string;
  /** Id of the `ec2` part the address is attached to. */
  instance: string;
}

/** What every Route 53 record has, whatever its routing policy. */
interface DnsRecordBase {
  kind: 'dns';
  /** Unique id in the stack. */
  id: string;
  /**
   * Fully qualified name, lower case, e.g. `www.example.com`. The hosted zone is taken to be
   * the last two labels (`example.com`); names under public suffixes such as `co.uk` are not
   * modelled.
   */
  name: string;
  /** How long resolvers may cache the answer, in seconds. Course default: 300. */
  ttlSeconds: number;
}

/** A Route 53 record (type A) with simple routing: one answer. */
export interface SimpleDnsRecordSpec extends DnsRecordBase {
  /** Absent (or `simple`) for a simple record; kept absent in the normalised form. */
  routing?: 'simple';
  /** Id of the `eip`, `alb` or `ec2` part (using its auto-assigned public IPv4) it points at. */
  target: string;
}

/**
 * Route 53 failover routing: a primary and a secondary record under one name. A Route 53
 * health check probes the primary; once `failureThreshold` probes in a row fail, Route 53
 * answers with the secondary (and with the primary again after as many pass). Resolvers keep
 * the answer they cached until its TTL runs out.
 */
export interface FailoverDnsRecordSpec extends DnsRecordBase {
  routing: 'failover';
  /** Not used by a failover record; see `primary` and `secondary`. */
  target?: undefined;
  /** Id of the `eip`, `alb` or `ec2` part answered while its health check passes. */
  primary: string;
  /** Id of the part answered while the primary is unhealthy. */
  secondary: string;
  /** Seconds between the health checker's probes of the primary: 10 or 30 (AWS's choices). */
  healthCheckIntervalSeconds: number;
  /** Probes in a row that must fail (or pass) to change the primary's status: 1 to 10. */
  failureThreshold: number;
}

/** One answer of a weighted record and its share. */
export interface WeightedTarget {
  /** Id of the `eip`, `alb` or `ec2` part. */
  target: string;
  /**
   * Relative weight, 0 to 255 (a model bound: AWS's own example pairs 1 with 255). The share of
   * queries answered with it is weight / total; at least one weight must be above 0.
   */
  weight: number;
}

/**
 * Route 53 weighted routing: several records under one name, each answer drawn for a query with
 * probability weight / total weight. Without health
 * checks, as modelled here, a weighted record keeps sending its share to a dead target.
 */
export interface WeightedDnsRecordSpec extends DnsRecordBase {
  routing: 'weighted';
  /** Not used by a weighted record; see `targets`. */
  target?: undefined;
  /** The answers and their weights, at least two, each target once. */
  targets: WeightedTarget[];
}

/** One answer of a latency record: a part and the Region it is in. */
export interface LatencyTarget {
  /** The Region the target is in (Route 53 asks you to name it). */
  region: RegionCode;
  /** Id of the `eip`, `alb` or `ec2` part in that Region. */
  target: string;
}

/** A Route 53 health check on every answer of a latency record. */
export interface DnsHealthCheckSpec {
  /** Seconds between the health checker's probes: 10 or 30 (AWS's choices). */
  intervalSeconds: number;
  /** Probes in a row that must fail (or pass) to change an answer's status: 1 to 10. */
  failureThreshold: number;
}

/**
 * Route 53 latency-based routing: one record per Region under one name. Route 53 answers each
 * query with the Region that has the lowest latency for the user asking. With `healthCheck`,
 * an answer whose check fails is skipped for the next-lowest healthy one.
 */
export interface LatencyDnsRecordSpec extends DnsRecordBase {
  routing: 'latency';
  /** Not used by a latency record; see `targets`. */
  target?: undefined;
  /** The answers, at least two, each Region once. */
  targets: LatencyTarget[];
  /** A health check on each answer; absent: none (a dead Region keeps its users). */
  healthCheck?: DnsHealthCheckSpec;
}

/** A Route 53 record (type A) in a public hosted zone, discriminated on `routing`. */
export type DnsRecordSpec =
  SimpleDnsRecordSpec | FailoverDnsRecordSpec | WeightedDnsRecordSpec | LatencyDnsRecordSpec;

/** Every part a record can answer with: its target, primary then secondary, or its targets. */
export function dnsRecordTargets(record: DnsRecordSpec): string[] {
  if (record.routing === 'failover') return [record.primary, record.secondary];
  if (record.routing === 'weighted' || record.routing === 'latency') {
    return record.targets.map((t) => t.target);
  }
  return [record.target];
}

/**
 * The Region a part lives in: its own `region`, else the stack's. An Elastic IP is in its
 * instance's Region; Route 53, CloudFront and S3 (modelled without a Region) get the stack's.
 */
export function regionOfPart(spec: StackSpec, part: PartSpec): RegionCode {
  if (part.kind === 'eip') {
    const instance = spec.parts.find((p) => p.id === part.instance);
    return instance === undefined ? spec.region : regionOfPart(spec, instance);
  }
  const own = (part as { region?: RegionCode }).region;
  return own ?? spec.region;
}

/** One part of a stack, discriminated on `kind`. */
export type PartSpec =
  | InstanceSpec
  | ElasticIpSpec
  | DnsRecordSpec
  | LoadBalancerSpec
  | DatabaseSpec
  | CacheSpec
  | TableSpec
  | BucketSpec
  | DistributionSpec
  | AutoScalingGroupSpec;

/** A whole architecture as plain, JSON-serialisable data. */
export interface StackSpec {
  /** Format tag; always `course-stack/v1` in this version. */
  format: 'course-stack/v1';
  /** Human name of the stack. */
  name: string;
  /** The stack's home Region: every part lives in it unless the part names another `region`. */
  region: RegionCode;
  /** Parts, in the order they were added. */
  parts: PartSpec[];
}

/** Default `ttlSeconds` of a DNS record (a course default, not an AWS default). */
export const DEFAULT_TTL_SECONDS = 300;
/** Default seconds between Route 53 health checks: AWS's default request interval. */
export const DEFAULT_DNS_HEALTH_CHECK_INTERVAL_SECONDS =
  AWS_BEHAVIOUR.route53HealthCheckDefaultIntervalSeconds.value;
/**
 * Default Route 53 failure threshold: 3, a course default (the stage 4 chapter's example; copies
 * of the Route 53 API text give three as AWS's default, not yet read on an AWS page).
 */
export const DEFAULT_DNS_FAILURE_THRESHOLD = 3;

/** Default seconds between load-balancer health checks: AWS's default for ALB target groups. */
export const DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS =
  AWS_BEHAVIOUR.albHealthCheckIntervalSeconds.value;
/** Default failed health checks before a target is taken out: AWS's default for ALBs. */
export const DEFAULT_UNHEALTHY_THRESHOLD = AWS_BEHAVIOUR.albUnhealthyThresholdCount.value;
/** Default replica lag in milliseconds: a model parameter, since AWS publishes no typical figure. */
export const DEFAULT_REPLICA_LAG_MS = 500;
/**
 * Default lag of a global table's replicas, in milliseconds: 1000, a model parameter (a course
 * choice). AWS reports `ReplicationLatency` per Region pair and gives no fixed figure.
 */
export const DEFAULT_GLOBAL_TABLE_LAG_MS = 1000;
/** Default cache capacity in items (a course default). */
export const DEFAULT_CACHE_ITEMS = 10_000;
/** Default partitions of a DynamoDB table (a model parameter; DynamoDB decides this itself). */
export const DEFAULT_TABLE_PARTITIONS = 1;
/** Default edge cache capacity of a distribution, in objects (a model parameter). */
export const DEFAULT_EDGE_ITEMS = 10_000;
/** Most instances an Auto Scaling group may have in this model (each is pre-allocated). */
export const MAX_GROUP_INSTANCES = 20;
/** Default target of a group's CPU tracking policy, in percent (a course default). */
export const DEFAULT_TARGET_CPU_PERCENT = 50;
/**
 * Default instance warm-up of a group, in seconds: none, as on AWS, where default instance
 * warm-up is off until you configure it (`AWS_BEHAVIOUR.autoScalingDefaultInstanceWarmupOnByDefault`).
 */
export const DEFAULT_GROUP_WARMUP_SECONDS = 0;

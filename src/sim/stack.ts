/** Architecture as code: a small CDK-like builder over `StackSpec`. */
import type { InstanceTypeName } from './catalog/instance-types.ts';
import type { DbInstanceClassName } from './catalog/db-instance-classes.ts';
import type { CacheNodeTypeName } from './catalog/cache-node-types.ts';
import type { RegionCode } from './catalog/regions.ts';
import { SimConfigError, formatValue } from './errors.ts';
import type { PartKind, PartRef, PartSpec, StackSpec } from './stack-spec.ts';
import { PART_KEYS, rejectUnknownKeys, requireObject, validateStack } from './validate.ts';

/** Options of `stack.instance(...)`. */
export interface InstanceProps {
  /** Instance type from the catalogue, e.g. `'t3.micro'`. */
  instanceType: InstanceTypeName;
  /** Availability Zone, e.g. `'us-east-1b'`. Default: the Region's first zone (`<region>a`). */
  az?: string;
  /** Region of the instance, e.g. `'eu-west-1'`. Default: the stack's Region. */
  region?: RegionCode;
  /**
   * What the app on this instance talks to. Leave it out and the instance runs the whole app,
   * database included.
   */
  app?: AppProps;
}

/** Where an instance's app keeps its data and its users' sessions. */
export interface AppProps {
  /**
   * The database: an `stack.database(...)` (Amazon RDS), an instance that runs one, or a
   * `stack.table(...)` (Amazon DynamoDB).
   */
  database?: PartRef<'rds' | 'ec2' | 'dynamodb'> | string;
  /** A cache the app reads through before the database (cache-aside). */
  cache?: PartRef<'cache'> | string;
  /**
   * Where login sessions live. `'instance'` (default): in the web server's memory, so a user
   * is pinned to one instance and loses the session if it dies. A cache from `stack.cache(...)`:
   * any instance can serve the user, but the sessions go when the cache node is lost. A table
   * from `stack.table(...)`: sessions survive both (each request reads one item).
   */
  sessions?: 'instance' | PartRef<'cache' | 'dynamodb'> | string;
  /**
   * A distribution from `stack.distribution(...)` that serves the app's static files (the share
   * `scenario.workload.staticShare` of requests). Without one, the web server serves them, at
   * `staticCpuMs` each.
   */
  staticFiles?: PartRef<'cloudfront'> | string;
}

/** Options of `stack.autoScalingGroup(...)`. */
export interface AutoScalingGroupProps {
  /** Instance type of every instance, e.g. `'c5.large'`. */
  instanceType: InstanceTypeName;
  /** Availability Zones to launch into, e.g. `['us-east-1a', 'us-east-1b']`; spread evenly. */
  azs: string[];
  /** Region of the group; its zones must be in it. Default: the stack's Region. */
  region?: RegionCode;
  /** Fewest instances in service, 1 or more. */
  min: number;
  /** Most instances, up to 20 in this model. */
  max: number;
  /** Instances in service when the run starts. Default `min`. */
  desired?: number;
  /**
   * Target tracking: the average CPU utilisation to hold, in percent. Every scaling period the
   * group sets desired = ceil(instances × CPU / target), within min and max. Default 50.
   */
  targetCpuPercent?: number;
  /**
   * Seconds after a new instance enters service before its CPU counts in the average. Default
   * 0: AWS leaves default instance warm-up off until you set it.
   */
  warmupSeconds?: number;
  /** What the app on each instance talks to, as for `stack.instance(...)`. */
  app?: AppProps;
}

/** Options of `stack.loadBalancer(...)`. */
export interface LoadBalancerProps {
  /** The instances, or Auto Scaling groups, it spreads requests over. */
  targets: (PartRef<'ec2' | 'asg'> | string)[];
  /** How it picks an instance for each request. Default `'round-robin'`. */
  algorithm?: 'round-robin' | 'least-outstanding-requests';
  /** Seconds between health checks of each instance. Default 30, as on AWS. */
  healthCheckIntervalSeconds?: number;
  /** Failed health checks in a row before an instance is taken out. Default 2, as on AWS. */
  unhealthyThreshold?: number;
  /** Region of the load balancer; its targets must be in it. Default: the stack's Region. */
  region?: RegionCode;
}

/** Options of `stack.database(...)`. */
export interface DatabaseProps {
  /** DB instance class, e.g. `'db.t3.micro'`. */
  instanceClass: DbInstanceClassName;
  /** Availability Zone of the primary. Default: the Region's first zone. */
  az?: string;
  /** Region of the database. Default: the stack's Region. */
  region?: RegionCode;
  /** Keep a synchronous standby in a second AZ that takes over on failure. Default false. */
  multiAz?: boolean;
  /** Asynchronous read replicas, 0 to 15. Default 0. */
  readReplicas?: number;
  /** How far the replicas trail the primary, in milliseconds. Default 500 (a model parameter). */
  replicaLagMs?: number;
}

/** Options of `stack.cache(...)`. */
export interface CacheProps {
  /** ElastiCache node type, e.g. `'cache.t3.micro'`. */
  nodeType: CacheNodeTypeName;
  /** Availability Zone of the node. Default: the Region's first zone. */
  az?: string;
  /** Region of the node. Default: the stack's Region. */
  region?: RegionCode;
  /** How many items fit in the node's memory. Default 10 000. */
  maxItems?: number;
  /** Seconds a cached row stays valid; 0 (default) keeps it until it is evicted. */
  ttlSeconds?: number;
}

/** Options of `stack.table(...)`: an Amazon DynamoDB table in on-demand capacity mode. */
export interface TableProps {
  /**
   * Partitions the keys are spread over (by a hash of the key). Each serves at most 3 000 reads
   * and 1 000 writes per second; more fail with `throttled`. A model parameter: DynamoDB splits
   * partitions itself. Default 1.
   */
  partitions?: number;
  /** Region of the table (its first replica, for a global table). Default: the stack's Region. */
  region?: RegionCode;
  /**
   * Other Regions that hold a replica, making it a DynamoDB global table, e.g. `['eu-west-1']`.
   * An app reads and writes the replica in its own Region (else the table's Region, across the
   * ocean); a write reaches the other replicas `globalTableLagMs` later, and a read there before
   * then is counted in `staleReads`. Each Region once. Default: none (a table in one Region).
   */
  replicaRegions?: RegionCode[];
  /**
   * How far replicas trail a write made in another Region, in milliseconds, 0 to 600 000.
   * Default 1000: a model parameter (AWS measures `ReplicationLatency` but gives no fixed figure).
   */
  globalTableLagMs?: number;
}

/** Options of `stack.distribution(...)`: an Amazon CloudFront distribution. */
export interface DistributionProps {
  /** The bucket from `stack.bucket(...)` it fetches a file from when its edge cache misses. */
  origin: PartRef<'s3'> | string;
  /** Static objects the edge cache holds (least recently used go first). Default 10 000. */
  maxItems?: number;
}

/** Options of `stack.elasticIp(...)`. */
export interface ElasticIpProps {
  /** The instance to attach the address to (the value `stack.instance(...)` returned, or its id). */
  instance: PartRef<'ec2'> | string;
}

/** A part a DNS record can answer with. */
export type DnsTarget = PartRef<'eip' | 'alb' | 'ec2'> | string;

/** Options of `stack.dnsRecord(...)` for a simple record: one answer. */
export interface SimpleDnsRecordProps {
  /** Fully qualified name, e.g. `'www.example.com'`; its zone is the last two labels. */
  name: string;
  /** Leave out, or `'simple'`: Route 53 always answers with `target`. */
  routing?: 'simple';
  /** What the record points at: an Elastic IP, a load balancer, or an instance's own public IPv4. */
  target: DnsTarget;
  /** How long resolvers cache the answer, in seconds. Default 300. */
  ttlSeconds?: number;
}

/**
 * Options of `stack.dnsRecord(...)` for failover routing. A Route 53 health check probes the
 * primary every `healthCheckIntervalSeconds`; after `failureThreshold` failures in a row Route
 * 53 answers with the secondary. Users whose resolver cached the primary keep using it until
 * the TTL runs out, so a long TTL lengthens the outage.
 */
export interface FailoverDnsRecordProps {
  /** Fully qualified name, e.g. `'www.example.com'`. */
  name: string;
  routing: 'failover';
  /** The answer while its health check passes. */
  primary: DnsTarget;
  /** The answer while the primary is unhealthy, e.g. a copy of the site in another zone. */
  secondary: DnsTarget;
  /** Seconds between health checks of the primary: 10 or 30, as Route 53 offers. Default 30. */
  healthCheckIntervalSeconds?: 10 | 30;
  /** Checks in a row that must fail (or pass) to change the primary's status, 1 to 10. Default 3. */
  failureThreshold?: number;
  /** How long resolvers cache the answer, in seconds. Default 300. */
  ttlSeconds?: number;
}

/**
 * Options of `stack.dnsRecord(...)` for weighted routing: each query is answered with one
 * target, drawn with probability weight / total weight. No health checks: a dead target keeps
 * its share.
 */
export interface WeightedDnsRecordProps {
  /** Fully qualified name, e.g. `'www.example.com'`. */
  name: string;
  routing: 'weighted';
  /** Two or more targets, each with a weight from 0 to 255 (not all 0). */
  targets: { target: DnsTarget; weight: number }[];
  /** How long resolvers cache the answer, in seconds. Default 300. */
  ttlSeconds?: number;
}

/**
 * Options of `stack.dnsRecord(...)` for latency-based routing: one target per Region, and Route
 * 53 answers each user with the Region that has the lowest round trip from the user's area
 * (`scenario.areas`). Route 53 decides from latency it measures over time; the model uses the
 * scenario's round trips instead, fixed for the run.
 */
export interface LatencyDnsRecordProps {
  /** Fully qualified name, e.g. `'www.example.com'`. */
  name: string;
  routing: 'latency';
  /** Two or more targets, each with the Region it is in; each Region once. */
  targets: { region: RegionCode; target: DnsTarget }[];
  /**
   * A Route 53 health check on each target, as on a failover record. Once `failureThreshold`
   * probes in a row fail, Route 53 answers that Region's users with the next-nearest healthy
   * Region (while every Region is unhealthy, with the nearest anyway). Users whose resolver
   * cached the dead Region keep it until the TTL runs out. Default: no health check, so a dead
   * Region keeps its users.
   */
  healthCheck?: {
    /** Seconds between probes: 10 or 30. Default 30. */
    intervalSeconds?: 10 | 30;
    /** Probes in a row that must fail (or pass) to change a target's status, 1 to 10. Default 3. */
    failureThreshold?: number;
  };
  /** How long resolvers cache the answer, in seconds. Default 300. */
  ttlSeconds?: number;
}

/** Options of `stack.dnsRecord(...)`: a simple record, or a Route 53 routing policy. */
export type DnsRecordProps =
  SimpleDnsRecordProps | FailoverDnsRecordProps | WeightedDnsRecordProps | LatencyDnsRecordProps;

/** Options of `new Stack(...)`. */
export interface StackProps {
  /** The home Region: every part lives in it unless it names another. Default `'us-east-1'`. */
  region?: RegionCode;
}

/**
 * A whole architecture. Each builder method checks the new part at once (so a mistake is
 * reported on the line that made it) and returns a reference to pass to later parts.
 */
export class Stack {
  /** Human name of the stack. */
  readonly name: string;
  /** The home Region: every part lives in it unless it names another `region`. */
  readonly region: RegionCode;
  #parts: PartSpec[] = [];

  constructor(name: string, props?: StackProps) {
    const region =
      props === undefined ? 'us-east-1' : requireObject(props, 'props', 'Stack options').region;
    const checked = validateStack({
      format: 'course-stack/v1',
      name,
      region: region === undefined ? 'us-east-1' : region,
      parts: [],
    });
    this.name = checked.name;
    this.region = checked.region;
  }

  /** Adds one EC2 instance. */
  instance(id: string, props: InstanceProps): PartRef<'ec2'> {
    const p = requireProps(props, this.#parts.length, ['instanceType', 'az', 'region', 'app']);
    const app =
      p.app === undefined
        ? undefined
        : typeof p.app === 'object' && p.app !== null
          ? {
              database: refId(p.app.database),
              cache: refId(p.app.cache),
              sessions: refId(p.app.sessions),
              staticFiles: refId(p.app.staticFiles),
            }
          : p.app;
    const spec = { kind: 'ec2', id, instanceType: p.instanceType, az: p.az, region: p.region, app };
    return this.#add(spec as PartSpec, 'ec2');
  }

  /**
   * Adds an EC2 Auto Scaling group that tracks a CPU target. Put it in a load balancer's
   * `targets`; it launches and terminates instances as the load changes, and replaces crashed
   * ones.
   */
  autoScalingGroup(id: string, props: AutoScalingGroupProps): PartRef<'asg'> {
    const p = requireProps(props, this.#parts.length, [
      'instanceType',
      'azs',
      'region',
      'min',
      'max',
      'desired',
      'targetCpuPercent',
      'warmupSeconds',
      'app',
    ]);
    const spec = { ...p, kind: 'asg', id, app: appOf(p.app) };
    return this.#add(spec as unknown as PartSpec, 'asg');
  }

  /** Adds an Application Load Balancer in front of instances. */
  loadBalancer(id: string, props: LoadBalancerProps): PartRef<'alb'> {
    const p = requireProps(props, this.#parts.length, [
      'targets',
      'algorithm',
      'healthCheckIntervalSeconds',
      'unhealthyThreshold',
      'region',
    ]);
    const targets = Array.isArray(p.targets) ? p.targets.map(refId) : p.targets;
    return this.#add({ ...p, kind: 'alb', id, targets } as unknown as PartSpec, 'alb');
  }

  /** Adds an Amazon RDS database (primary, optional standby and read replicas). */
  database(id: string, props: DatabaseProps): PartRef<'rds'> {
    const p = requireProps(props, this.#parts.length, [
      'instanceClass',
      'az',
      'region',
      'multiAz',
      'readReplicas',
      'replicaLagMs',
    ]);
    return this.#add({ ...p, kind: 'rds', id } as unknown as PartSpec, 'rds');
  }

  /** Adds an Amazon ElastiCache node. */
  cache(id: string, props: CacheProps): PartRef<'cache'> {
    const p = requireProps(props, this.#parts.length, [
      'nodeType',
      'az',
      'region',
      'maxItems',
      'ttlSeconds',
    ]);
    return this.#add({ ...p, kind: 'cache', id } as unknown as PartSpec, 'cache');
  }

  /**
   * Adds an Amazon DynamoDB table (on-demand). Name it as an app's `database` or `sessions`. One
   * request uses one read or write unit (items up to 4 KB read, 1 KB written). With
   * `replicaRegions` it is a global table, with a replica in each of those Regions too.
   */
  table(id: string, props?: TableProps): PartRef<'dynamodb'> {
    const p = requireProps(props ?? {}, this.#parts.length, [
      'partitions',
      'region',
      'replicaRegions',
      'globalTableLagMs',
    ]);
    const spec = {
      kind: 'dynamodb',
      id,
      partitions: p.partitions,
      region: p.region,
      replicaRegions: Array.isArray(p.replicaRegions) ? [...p.replicaRegions] : p.replicaRegions,
      globalTableLagMs: p.globalTableLagMs,
    };
    return this.#add(spec as PartSpec, 'dynamodb');
  }

  /** Adds an Amazon S3 bucket for static files; put a distribution in front of it. */
  bucket(id: string): PartRef<'s3'> {
    return this.#add({ kind: 's3', id } as PartSpec, 's3');
  }

  /**
   * Adds an Amazon CloudFront distribution whose origin is a bucket. Name it as an app's
   * `staticFiles` and static requests go to its edge cache instead of your web servers.
   */
  distribution(id: string, props: DistributionProps): PartRef<'cloudfront'> {
    const p = requireProps(props, this.#parts.length, ['origin', 'maxItems']);
    const spec = { kind: 'cloudfront', id, origin: refId(p.origin), maxItems: p.maxItems };
    return this.#add(spec as PartSpec, 'cloudfront');
  }

  /** Adds an Elastic IP attached to an instance. */
  elasticIp(id: string, props: ElasticIpProps): PartRef<'eip'> {
    const p = requireProps(props, this.#parts.length, ['instance']);
    return this.#add({ kind: 'eip', id, instance: refId(p.instance) } as PartSpec, 'eip');
  }

  /**
   * Adds a Route 53 record: simple (one `target`), `routing: 'failover'` (a `primary` and a
   * `secondary` behind a health check), `routing: 'weighted'` (`targets` with weights) or
   * `routing: 'latency'` (one target per Region; each user gets the nearest). The stack's first
   * record is where users' requests enter.
   */
  dnsRecord(id: string, props: DnsRecordProps): PartRef<'dns'> {
    const allowed = PART_KEYS.dns.filter((key) => key !== 'kind' && key !== 'id');
    const p = requireProps(props, this.#parts.length, allowed) as unknown as Record<
      string,
      unknown
    >;
    const targets = Array.isArray(p.targets)
      ? p.targets.map((t: unknown) =>
          typeof t === 'object' && t !== null
            ? { ...t, target: refId((t as { target?: unknown }).target) }
            : t,
        )
      : p.targets;
    const spec = {
      ...p,
      kind: 'dns',
      id,
      target: refId(p.target),
      primary: refId(p.primary),
      secondary: refId(p.secondary),
      targets,
    };
    return this.#add(spec as unknown as PartSpec, 'dns');
  }

  /** The stack as plain JSON-serialisable data, defaults filled in. */
  toJSON(): StackSpec {
    return validateStack(this.#raw());
  }

  /** Rebuilds a stack from plain data (e.g. a parsed share link); throws `SimConfigError`. */
  static fromJSON(spec: unknown): Stack {
    const checked = validateStack(spec);
    const stack = new Stack(checked.name, { region: checked.region });
    stack.#parts = checked.parts.map((part) => ({ ...part }));
    return stack;
  }

  #raw(): StackSpec {
    return {
      format: 'course-stack/v1',
      name: this.name,
      region: this.region,
      parts: this.#parts.map((part) => ({ ...part })),
    };
  }

  #add<K extends PartKind>(part: PartSpec, kind: K): PartRef<K> {
    const raw = this.#raw();
    const spec = Object.fromEntries(Object.entries(part).filter(([, v]) => v !== undefined));
    raw.parts.push(spec as PartSpec);
    const checked = validateStack(raw);
    this.#parts.push(checked.parts[checked.parts.length - 1]!);
    return Object.freeze({ id: part.id, kind });
  }
}

function requireProps<T>(props: T, index: number, allowed: readonly string[]): T {
  const obj = requireObject(props, `parts[${index}]`, 'Part options');
  rejectUnknownKeys(obj, allowed, `parts[${index}]`);
  return props;
}

function appOf(app: unknown): unknown {
  if (typeof app !== 'object' || app === null) return app;
  const a = app as Record<string, unknown>;
  return {
    ...a,
    database: refId(a.database),
    cache: refId(a.cache),
    sessions: refId(a.sessions),
    staticFiles: refId(a.staticFiles),
  };
}

function refId(ref: unknown): unknown {
  if (typeof ref === 'object' && ref !== null && 'id' in ref) return (ref as { id: unknown }).id;
  return ref;
}

/** Accepts a `Stack` or plain data and returns validated plain data. */
export function toStackSpec(stack: unknown): StackSpec {
  if (stack instanceof Stack) return stack.toJSON();
  if (typeof stack === 'object' && stack !== null && !Array.isArray(stack))
    return validateStack(stack);
  throw new SimConfigError(
    'not-an-object',
    'stack',
    stack,
    `Expected a Stack, but got ${formatValue(stack)}`,
    'Pass `new Stack("name")` with its parts, or the object `stack.toJSON()` returns.',
  );
}

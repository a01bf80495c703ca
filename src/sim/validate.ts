/** The one validator for stacks. Every problem becomes a `SimConfigError` a learner can act on. */
import { INSTANCE_TYPE_NAMES, isInstanceTypeName } from './catalog/instance-types.ts';
import { DB_INSTANCE_CLASS_NAMES, isDbInstanceClassName } from './catalog/db-instance-classes.ts';
import { CACHE_NODE_TYPE_NAMES, isCacheNodeTypeName } from './catalog/cache-node-types.ts';
import { REGION_CODES, isRegionCode } from './catalog/regions.ts';
import { SimConfigError, formatValue } from './errors.ts';
import type { RegionCode } from './catalog/regions.ts';
import { AWS_BEHAVIOUR } from './catalog/aws-behaviour.ts';
import type {
  AppWiring,
  DnsHealthCheckSpec,
  DnsRecordSpec,
  PartKind,
  PartSpec,
  StackSpec,
} from './stack-spec.ts';
import {
  DEFAULT_CACHE_ITEMS,
  DEFAULT_DNS_FAILURE_THRESHOLD,
  DEFAULT_DNS_HEALTH_CHECK_INTERVAL_SECONDS,
  DEFAULT_EDGE_ITEMS,
  DEFAULT_GLOBAL_TABLE_LAG_MS,
  DEFAULT_GROUP_WARMUP_SECONDS,
  DEFAULT_TARGET_CPU_PERCENT,
  MAX_GROUP_INSTANCES,
  DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS,
  DEFAULT_REPLICA_LAG_MS,
  DEFAULT_TABLE_PARTITIONS,
  DEFAULT_TTL_SECONDS,
  DEFAULT_UNHEALTHY_THRESHOLD,
} from './stack-spec.ts';

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PART_KINDS: readonly PartKind[] = [
  'ec2',
  'eip',
  'dns',
  'alb',
  'rds',
  'cache',
  'dynamodb',
  's3',
  'cloudfront',
  'asg',
];
/** Keys each part kind may have in a stack's JSON; the builder takes the same minus kind and id. */
export const PART_KEYS: Record<PartKind, readonly string[]> = {
  ec2: ['kind', 'id', 'instanceType', 'az', 'region', 'app'],
  eip: ['kind', 'id', 'instance'],
  dns: [
    'kind',
    'id',
    'name',
    'routing',
    'target',
    'primary',
    'secondary',
    'targets',
    'healthCheckIntervalSeconds',
    'failureThreshold',
    'healthCheck',
    'ttlSeconds',
  ],
  alb: [
    'kind',
    'id',
    'targets',
    'algorithm',
    'healthCheckIntervalSeconds',
    'unhealthyThreshold',
    'region',
  ],
  rds: ['kind', 'id', 'instanceClass', 'az', 'region', 'multiAz', 'readReplicas', 'replicaLagMs'],
  cache: ['kind', 'id', 'nodeType', 'az', 'region', 'maxItems', 'ttlSeconds'],
  dynamodb: ['kind', 'id', 'partitions', 'region', 'replicaRegions', 'globalTableLagMs'],
  s3: ['kind', 'id'],
  cloudfront: ['kind', 'id', 'origin', 'maxItems'],
  asg: [
    'kind',
    'id',
    'instanceType',
    'azs',
    'region',
    'min',
    'max',
    'desired',
    'targetCpuPercent',
    'warmupSeconds',
    'app',
  ],
};
const ALGORITHMS = ['round-robin', 'least-outstanding-requests'] as const;

/**
 * Checks a stack given as plain data and returns a normalised copy (defaults filled in,
 * DNS names lower-cased). Throws a `SimConfigError` on the first problem found.
 */
export function validateStack(spec: unknown): StackSpec {
  const root = requireObject(spec, 'stack', 'A stack');
  rejectUnknownKeys(root, ['format', 'name', 'region', 'parts'], 'stack');

  if (root.format !== 'course-stack/v1') {
    throw new SimConfigError(
      'unknown-format',
      'stack.format',
      root.format,
      `Unknown stack format ${formatValue(root.format)}`,
      'Use `course-stack/v1` (what `new Stack(...).toJSON()` produces).',
    );
  }
  if (typeof root.name !== 'string' || root.name.trim() === '') {
    throw new SimConfigError(
      'invalid-name',
      'stack.name',
      root.name,
      `The stack name ${formatValue(root.name)} is not a non-empty string`,
      'Give the stack a name, e.g. `new Stack("my-app")`.',
    );
  }
  if (!isRegionCode(root.region)) {
    throw new SimConfigError(
      'unknown-region',
      'stack.region',
      root.region,
      `Unknown region ${formatValue(root.region)}`,
      `Use one of: ${REGION_CODES.join(', ')}.`,
    );
  }
  if (!Array.isArray(root.parts)) {
    throw new SimConfigError(
      'invalid-parts',
      'stack.parts',
      root.parts,
      `The parts list ${formatValue(root.parts)} is not an array`,
      'Give `parts` as an array (it may be empty).',
    );
  }

  const region = root.region;
  const parts: PartSpec[] = [];
  const kinds = new Map<string, PartKind>();
  const regions = new Map<string, RegionCode>();
  root.parts.forEach((raw: unknown, index: number) => {
    const part = validatePart(raw, `parts[${index}]`, region, kinds, regions);
    kinds.set(part.id, part.kind);
    const own = (part as { region?: RegionCode }).region;
    regions.set(part.id, part.kind === 'eip' ? regions.get(part.instance)! : (own ?? region));
    parts.push(part);
  });
  return { format: 'course-stack/v1', name: root.name, region, parts };
}

function validatePart(
  raw: unknown,
  path: string,
  home: RegionCode,
  kinds: ReadonlyMap<string, PartKind>,
  regions: ReadonlyMap<string, RegionCode>,
): PartSpec {
  const part = requireObject(raw, path, 'A part');
  const kind = part.kind;
  if (typeof kind !== 'string' || !(PART_KINDS as readonly string[]).includes(kind)) {
    throw new SimConfigError(
      'unknown-part-kind',
      `${path}.kind`,
      kind,
      `Unknown part kind ${formatValue(kind)}`,
      `Use one of: ${PART_KINDS.join(', ')}.`,
    );
  }
  const partKind = kind as PartKind;
  rejectUnknownKeys(part, PART_KEYS[partKind], path);
  const id = validateId(part.id, `${path}.id`, kinds);
  const own = validatePartRegion(part.region, `${path}.region`);
  const region = own ?? home;
  // Kept only when given, so a stack in one Region reads exactly as before.
  const regionField = own === undefined ? {} : { region: own };

  if (partKind === 'ec2') {
    if (!isInstanceTypeName(part.instanceType)) {
      throw new SimConfigError(
        'unknown-instance-type',
        `${path}.instanceType`,
        part.instanceType,
        `Unknown instance type ${formatValue(part.instanceType)}`,
        `Use one of: ${INSTANCE_TYPE_NAMES.join(', ')}.`,
      );
    }
    const az = validateAz(part.az, `${path}.az`, region);
    const base = { kind: 'ec2' as const, id, instanceType: part.instanceType, az, ...regionField };
    if (part.app === undefined) return base;
    return { ...base, app: validateApp(part.app, `${path}.app`, kinds) };
  }

  if (partKind === 'alb') {
    if (!Array.isArray(part.targets) || part.targets.length === 0) {
      throw new SimConfigError(
        'invalid-targets',
        `${path}.targets`,
        part.targets,
        `A load balancer needs a non-empty list of targets, but got ${formatValue(part.targets)}`,
        'Pass the instances it spreads requests over, e.g. `targets: [webA, webB]`.',
      );
    }
    const targets = part.targets.map((target: unknown, index: number) =>
      validateReference(target, `${path}.targets[${index}]`, kinds, ['ec2', 'asg']),
    );
    targets.forEach((target, index) => {
      if (regions.get(target) === region) return;
      throw new SimConfigError(
        'invalid-targets',
        `${path}.targets[${index}]`,
        target,
        `\`${target}\` is in ${regions.get(target)}, but the load balancer is in ${region}`,
        `A load balancer sends requests only to instances in its own Region: give it \`region: '${regions.get(target)}'\`, or use a target in ${region}.`,
      );
    });
    const duplicate = targets.find((target, index) => targets.indexOf(target) !== index);
    if (duplicate !== undefined) {
      throw new SimConfigError(
        'duplicate-id',
        `${path}.targets`,
        part.targets,
        `Instance \`${duplicate}\` is listed twice as a target`,
        'List each instance once.',
      );
    }
    const algorithm = part.algorithm === undefined ? 'round-robin' : part.algorithm;
    if (!(ALGORITHMS as readonly unknown[]).includes(algorithm)) {
      throw new SimConfigError(
        'unknown-algorithm',
        `${path}.algorithm`,
        part.algorithm,
        `Unknown load-balancing algorithm ${formatValue(part.algorithm)}`,
        `Use one of: ${ALGORITHMS.join(', ')}.`,
      );
    }
    return {
      kind: 'alb',
      id,
      targets,
      algorithm: algorithm as (typeof ALGORITHMS)[number],
      healthCheckIntervalSeconds: validateCount(
        part.healthCheckIntervalSeconds,
        `${path}.healthCheckIntervalSeconds`,
        {
          min: 1,
          max: 300,
          fallback: DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS,
          unit: 'seconds',
        },
      ),
      unhealthyThreshold: validateCount(part.unhealthyThreshold, `${path}.unhealthyThreshold`, {
        min: 1,
        max: 10,
        fallback: DEFAULT_UNHEALTHY_THRESHOLD,
        unit: 'failed checks',
      }),
      ...regionField,
    };
  }

  if (partKind === 'rds') {
    if (!isDbInstanceClassName(part.instanceClass)) {
      throw new SimConfigError(
        'unknown-instance-class',
        `${path}.instanceClass`,
        part.instanceClass,
        `Unknown DB instance class ${formatValue(part.instanceClass)}`,
        `Use one of: ${DB_INSTANCE_CLASS_NAMES.join(', ')}.`,
      );
    }
    const multiAz = part.multiAz === undefined ? false : part.multiAz;
    if (typeof multiAz !== 'boolean') {
      throw new SimConfigError(
        'invalid-boolean',
        `${path}.multiAz`,
        part.multiAz,
        `multiAz ${formatValue(part.multiAz)} is not true or false`,
        'Use `true` for a standby in a second AZ, or `false`.',
      );
    }
    return {
      kind: 'rds',
      id,
      instanceClass: part.instanceClass,
      az: validateAz(part.az, `${path}.az`, region),
      ...regionField,
      multiAz,
      readReplicas: validateCount(part.readReplicas, `${path}.readReplicas`, {
        min: 0,
        max: 15,
        fallback: 0,
        unit: 'replicas',
      }),
      replicaLagMs: validateCount(part.replicaLagMs, `${path}.replicaLagMs`, {
        min: 0,
        max: 600_000,
        fallback: DEFAULT_REPLICA_LAG_MS,
        unit: 'milliseconds',
      }),
    };
  }

  if (partKind === 'cache') {
    if (!isCacheNodeTypeName(part.nodeType)) {
      throw new SimConfigError(
        'unknown-node-type',
        `${path}.nodeType`,
        part.nodeType,
        `Unknown cache node type ${formatValue(part.nodeType)}`,
        `Use one of: ${CACHE_NODE_TYPE_NAMES.join(', ')}.`,
      );
    }
    return {
      kind: 'cache',
      id,
      nodeType: part.nodeType,
      az: validateAz(part.az, `${path}.az`, region),
      ...regionField,
      maxItems: validateCount(part.maxItems, `${path}.maxItems`, {
        min: 1,
        max: 10_000_000,
        fallback: DEFAULT_CACHE_ITEMS,
        unit: 'items',
      }),
      ttlSeconds: validateCount(part.ttlSeconds, `${path}.ttlSeconds`, {
        min: 0,
        max: 604_800,
        fallback: 0,
        unit: 'seconds',
      }),
    };
  }

  if (partKind === 'dynamodb') {
    const table = {
      kind: 'dynamodb' as const,
      id,
      partitions: validateCount(part.partitions, `${path}.partitions`, {
        min: 1,
        max: 1000,
        fallback: DEFAULT_TABLE_PARTITIONS,
        unit: 'partitions',
      }),
      ...regionField,
    };
    if (part.replicaRegions === undefined) {
      if (part.globalTableLagMs !== undefined) {
        throw new SimConfigError(
          'invalid-option',
          `${path}.globalTableLagMs`,
          part.globalTableLagMs,
          'A replication lag was given for a table with no replicas',
          "Add `replicaRegions`, e.g. `['eu-west-1']`, to make it a global table, or leave the lag out.",
        );
      }
      return table;
    }
    return {
      ...table,
      replicaRegions: validateReplicaRegions(part.replicaRegions, `${path}.replicaRegions`, region),
      globalTableLagMs: validateCount(part.globalTableLagMs, `${path}.globalTableLagMs`, {
        min: 0,
        max: 600_000,
        fallback: DEFAULT_GLOBAL_TABLE_LAG_MS,
        unit: 'milliseconds',
      }),
    };
  }

  if (partKind === 's3') return { kind: 's3', id };

  if (partKind === 'asg') {
    return { ...validateGroup(part, path, id, region, kinds), ...regionField } as PartSpec;
  }

  if (partKind === 'cloudfront') {
    return {
      kind: 'cloudfront',
      id,
      origin: validateReference(part.origin, `${path}.origin`, kinds, ['s3']),
      maxItems: validateCount(part.maxItems, `${path}.maxItems`, {
        min: 1,
        max: 10_000_000,
        fallback: DEFAULT_EDGE_ITEMS,
        unit: 'objects',
      }),
    };
  }

  if (partKind === 'eip') {
    const instance = validateReference(part.instance, `${path}.instance`, kinds, ['ec2']);
    return { kind: 'eip', id, instance };
  }

  return validateDnsRecord(part, path, id, kinds, regions);
}

/** A part's own Region, or undefined when it names none (it is then in the stack's). */
function validatePartRegion(raw: unknown, path: string): RegionCode | undefined {
  if (raw === undefined) return undefined;
  if (isRegionCode(raw)) return raw;
  throw new SimConfigError(
    'unknown-region',
    path,
    raw,
    `Unknown region ${formatValue(raw)}`,
    `Use one of: ${REGION_CODES.join(', ')}, or leave \`region\` out for the stack's Region.`,
  );
}

/** The other Regions of a global table: known, each once, not the table's own. */
function validateReplicaRegions(raw: unknown, path: string, own: RegionCode): RegionCode[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new SimConfigError(
      'invalid-option',
      path,
      raw,
      `The replica Regions ${formatValue(raw)} are not a non-empty list`,
      `List the other Regions that hold a replica, e.g. \`['${REGION_CODES.find((r) => r !== own)}']\`.`,
    );
  }
  return raw.map((item: unknown, i: number) => {
    const at = `${path}[${i}]`;
    const region = validatePartRegion(item === undefined ? null : item, at)!;
    if (region === own || raw.indexOf(region) !== i) {
      throw new SimConfigError(
        'invalid-option',
        at,
        item,
        region === own
          ? `\`${region}\` is the table's own Region, which already holds a replica`
          : `\`${region}\` is listed twice`,
        'A global table has one replica per Region: list each other Region once.',
      );
    }
    return region;
  });
}

const DNS_ROUTING = ['simple', 'failover', 'weighted', 'latency'] as const;
const DNS_KEYS: Record<(typeof DNS_ROUTING)[number], readonly string[]> = {
  simple: ['kind', 'id', 'name', 'routing', 'target', 'ttlSeconds'],
  failover: [
    'kind',
    'id',
    'name',
    'routing',
    'primary',
    'secondary',
    'healthCheckIntervalSeconds',
    'failureThreshold',
    'ttlSeconds',
  ],
  weighted: ['kind', 'id', 'name', 'routing', 'targets', 'ttlSeconds'],
  latency: ['kind', 'id', 'name', 'routing', 'targets', 'healthCheck', 'ttlSeconds'],
};
const DNS_TARGET_KINDS: readonly PartKind[] = ['eip', 'alb', 'ec2'];
const [DNS_MIN_THRESHOLD, DNS_MAX_THRESHOLD] =
  AWS_BEHAVIOUR.route53HealthCheckFailureThresholdRange.value;
const DNS_INTERVALS = AWS_BEHAVIOUR.route53HealthCheckIntervalChoicesSeconds.value;
/** Largest weight of a weighted record (AWS's example pairs 1 with 255). */
const MAX_DNS_WEIGHT = 255;

/** A Route 53 record: simple (one target), failover, weighted or latency-based. */
function validateDnsRecord(
  part: Record<string, unknown>,
  path: string,
  id: string,
  kinds: ReadonlyMap<string, PartKind>,
  regions: ReadonlyMap<string, RegionCode>,
): DnsRecordSpec {
  const routing = part.routing === undefined ? 'simple' : part.routing;
  if (!(DNS_ROUTING as readonly unknown[]).includes(routing)) {
    throw new SimConfigError(
      'invalid-option',
      `${path}.routing`,
      part.routing,
      `Unknown routing policy ${formatValue(part.routing)}`,
      `Use one of: ${DNS_ROUTING.join(', ')}.`,
    );
  }
  const policy = routing as (typeof DNS_ROUTING)[number];
  rejectUnknownKeys(part, DNS_KEYS[policy], path);
  const name = validateDnsName(part.name, `${path}.name`);
  const ttlSeconds = part.ttlSeconds === undefined ? DEFAULT_TTL_SECONDS : part.ttlSeconds;
  if (typeof ttlSeconds !== 'number' || !Number.isInteger(ttlSeconds) || ttlSeconds < 0) {
    throw new SimConfigError(
      'invalid-number',
      `${path}.ttlSeconds`,
      part.ttlSeconds,
      `TTL ${formatValue(part.ttlSeconds)} is not a whole number of seconds`,
      'Use a whole number of seconds, 0 or more, e.g. 300.',
    );
  }
  const target = (raw: unknown, at: string) => validateReference(raw, at, kinds, DNS_TARGET_KINDS);

  if (policy === 'simple') {
    return { kind: 'dns', id, name, target: target(part.target, `${path}.target`), ttlSeconds };
  }

  if (policy === 'latency') {
    return validateLatencyRecord(part, path, { id, name, ttlSeconds }, target, regions);
  }

  if (policy === 'failover') {
    const primary = target(part.primary, `${path}.primary`);
    const secondary = target(part.secondary, `${path}.secondary`);
    if (secondary === primary) {
      throw new SimConfigError(
        'invalid-targets',
        `${path}.secondary`,
        part.secondary,
        `The secondary \`${secondary}\` is the primary too`,
        'Point the secondary at a copy of the site elsewhere, e.g. an instance in another zone.',
      );
    }
    return {
      kind: 'dns',
      id,
      name,
      routing: 'failover',
      primary,
      secondary,
      healthCheckIntervalSeconds: validateDnsInterval(
        part.healthCheckIntervalSeconds,
        `${path}.healthCheckIntervalSeconds`,
      ),
      failureThreshold: validateDnsThreshold(part.failureThreshold, `${path}.failureThreshold`),
      ttlSeconds,
    };
  }

  if (!Array.isArray(part.targets) || part.targets.length < 2) {
    throw new SimConfigError(
      'invalid-targets',
      `${path}.targets`,
      part.targets,
      `A weighted record needs at least two targets, but got ${formatValue(part.targets)}`,
      'Pass e.g. `targets: [{ target: blue, weight: 90 }, { target: green, weight: 10 }]`.',
    );
  }
  const targets = part.targets.map((raw: unknown, i: number) => {
    const at = `${path}.targets[${i}]`;
    const entry = requireObject(raw, at, 'A weighted target');
    rejectUnknownKeys(entry, ['target', 'weight'], at);
    return {
      target: target(entry.target, `${at}.target`),
      weight: validateCount(entry.weight, `${at}.weight`, {
        min: 0,
        max: MAX_DNS_WEIGHT,
        fallback: 1,
        unit: 'weight',
      }),
    };
  });
  if (targets.every((t) => t.weight === 0)) {
    throw new SimConfigError(
      'invalid-number',
      `${path}.targets`,
      part.targets,
      'Every weight is 0, so no target would get any traffic',
      'Give at least one target a weight from 1 to 255.',
    );
  }
  const twice = targets.find((t, i) => targets.findIndex((u) => u.target === t.target) !== i);
  if (twice !== undefined) {
    throw new SimConfigError(
      'duplicate-id',
      `${path}.targets`,
      part.targets,
      `\`${twice.target}\` is listed twice as a target`,
      'List each target once, with its whole weight.',
    );
  }
  return { kind: 'dns', id, name, routing: 'weighted', targets, ttlSeconds };
}

/** Seconds between Route 53 health checks: 10 or 30, as Route 53 offers. */
function validateDnsInterval(raw: unknown, path: string): number {
  const interval = raw === undefined ? DEFAULT_DNS_HEALTH_CHECK_INTERVAL_SECONDS : raw;
  if (!(DNS_INTERVALS as readonly unknown[]).includes(interval)) {
    throw new SimConfigError(
      'invalid-number',
      path,
      raw,
      `Route 53 cannot check every ${formatValue(raw)} seconds`,
      `Use ${DNS_INTERVALS.join(' or ')} (the intervals Route 53 offers); the default is ${DEFAULT_DNS_HEALTH_CHECK_INTERVAL_SECONDS}.`,
    );
  }
  return interval as number;
}

function validateDnsThreshold(raw: unknown, path: string): number {
  return validateCount(raw, path, {
    min: DNS_MIN_THRESHOLD!,
    max: DNS_MAX_THRESHOLD!,
    fallback: DEFAULT_DNS_FAILURE_THRESHOLD,
    unit: 'health checks',
  });
}

/** A latency record: two or more targets, each in the Region it names, each Region once. */
function validateLatencyRecord(
  part: Record<string, unknown>,
  path: string,
  base: { id: string; name: string; ttlSeconds: number },
  target: (raw: unknown, at: string) => string,
  regions: ReadonlyMap<string, RegionCode>,
): DnsRecordSpec {
  if (!Array.isArray(part.targets) || part.targets.length < 2) {
    throw new SimConfigError(
      'invalid-targets',
      `${path}.targets`,
      part.targets,
      `A latency record needs at least two targets, but got ${formatValue(part.targets)}`,
      "Pass one target per Region, e.g. `targets: [{ region: 'us-east-1', target: lbUs }, { region: 'eu-west-1', target: lbEu }]`.",
    );
  }
  const targets = part.targets.map((raw: unknown, i: number) => {
    const at = `${path}.targets[${i}]`;
    const entry = requireObject(raw, at, 'A latency target');
    rejectUnknownKeys(entry, ['region', 'target'], at);
    const id = target(entry.target, `${at}.target`);
    if (!isRegionCode(entry.region)) {
      throw new SimConfigError(
        'unknown-region',
        `${at}.region`,
        entry.region,
        `Unknown region ${formatValue(entry.region)}`,
        `Use one of: ${REGION_CODES.join(', ')}: the Region \`${id}\` is in.`,
      );
    }
    const actual = regions.get(id)!;
    if (entry.region !== actual) {
      throw new SimConfigError(
        'invalid-targets',
        `${at}.region`,
        entry.region,
        `\`${id}\` is in ${actual}, not ${entry.region}`,
        `Name the Region the target is in: \`region: '${actual}'\`.`,
      );
    }
    return { region: actual, target: id };
  });
  const twice = targets.find((t, i) => targets.findIndex((u) => u.region === t.region) !== i);
  if (twice !== undefined) {
    throw new SimConfigError(
      'invalid-targets',
      `${path}.targets`,
      part.targets,
      `Region \`${twice.region}\` is listed twice`,
      'Give one target per Region (put several instances of a Region behind a load balancer).',
    );
  }
  const record = { kind: 'dns' as const, ...base, routing: 'latency' as const, targets };
  if (part.healthCheck === undefined) return reorderLatency(record);
  const check = requireObject(part.healthCheck, `${path}.healthCheck`, 'The health check');
  rejectUnknownKeys(check, ['intervalSeconds', 'failureThreshold'], `${path}.healthCheck`);
  const healthCheck: DnsHealthCheckSpec = {
    intervalSeconds: validateDnsInterval(
      check.intervalSeconds,
      `${path}.healthCheck.intervalSeconds`,
    ),
    failureThreshold: validateDnsThreshold(
      check.failureThreshold,
      `${path}.healthCheck.failureThreshold`,
    ),
  };
  return reorderLatency({ ...record, healthCheck });
}

/** The normalised key order of a latency record: the TTL last, as in the other records. */
function reorderLatency(record: Record<string, unknown>): DnsRecordSpec {
  const { ttlSeconds, ...rest } = record;
  return { ...rest, ttlSeconds } as unknown as DnsRecordSpec;
}

function validateGroup(
  part: Record<string, unknown>,
  path: string,
  id: string,
  region: RegionCode,
  kinds: ReadonlyMap<string, PartKind>,
): PartSpec {
  if (!isInstanceTypeName(part.instanceType)) {
    throw new SimConfigError(
      'unknown-instance-type',
      `${path}.instanceType`,
      part.instanceType,
      `Unknown instance type ${formatValue(part.instanceType)}`,
      `Use one of: ${INSTANCE_TYPE_NAMES.join(', ')}.`,
    );
  }
  if (!Array.isArray(part.azs) || part.azs.length === 0) {
    throw new SimConfigError(
      'invalid-az',
      `${path}.azs`,
      part.azs,
      `An Auto Scaling group needs a non-empty list of zones, but got ${formatValue(part.azs)}`,
      `List the zones it launches into, e.g. \`['${region}a', '${region}b']\`.`,
    );
  }
  const azs = part.azs.map((az: unknown, i: number) => validateAz(az, `${path}.azs[${i}]`, region));
  const twice = azs.find((az, i) => azs.indexOf(az) !== i);
  if (twice !== undefined) {
    throw new SimConfigError(
      'invalid-az',
      `${path}.azs`,
      part.azs,
      `Zone \`${twice}\` is listed twice`,
      'List each zone once.',
    );
  }
  const size = (key: string, min: number, max: number, fallback: number) =>
    validateCount(part[key], `${path}.${key}`, { min, max, fallback, unit: 'instances' });
  const max = size('max', 1, MAX_GROUP_INSTANCES, 1);
  const min = size('min', 1, max, 1);
  const desired = size('desired', min, max, min);
  const targetCpuPercent = validateCount(part.targetCpuPercent, `${path}.targetCpuPercent`, {
    min: 1,
    max: 100,
    fallback: DEFAULT_TARGET_CPU_PERCENT,
    unit: 'percent',
  });
  const warmupSeconds = validateCount(part.warmupSeconds, `${path}.warmupSeconds`, {
    min: 0,
    max: 3600,
    fallback: DEFAULT_GROUP_WARMUP_SECONDS,
    unit: 'seconds',
  });
  const group = {
    kind: 'asg' as const,
    id,
    instanceType: part.instanceType,
    azs,
    min,
    max,
    desired,
    targetCpuPercent,
    warmupSeconds,
  };
  if (part.app === undefined) return group;
  return { ...group, app: validateApp(part.app, `${path}.app`, kinds) };
}

function validateAz(raw: unknown, path: string, region: RegionCode): string {
  const az = raw === undefined ? `${region}a` : raw;
  if (
    typeof az !== 'string' ||
    !az.startsWith(region) ||
    !/^[a-f]$/.test(az.slice(region.length))
  ) {
    const other =
      typeof az === 'string'
        ? REGION_CODES.find((r) => /^[a-f]$/.test(az.slice(r.length)) && az.startsWith(r))
        : undefined;
    throw new SimConfigError(
      'invalid-az',
      path,
      raw,
      `Availability Zone ${formatValue(raw)} is not in region \`${region}\`, the part's Region`,
      other === undefined
        ? `Use the region code plus one letter, e.g. \`${region}a\` or \`${region}b\`.`
        : `Use a zone of ${region}, e.g. \`${region}a\`, or put the part in \`${other}\` with \`region: '${other}'\`.`,
    );
  }
  return az;
}

function validateApp(raw: unknown, path: string, kinds: ReadonlyMap<string, PartKind>): AppWiring {
  const app = requireObject(raw, path, 'The app wiring');
  rejectUnknownKeys(app, ['database', 'cache', 'sessions', 'staticFiles'], path);
  const wiring: AppWiring = {};
  if (app.database !== undefined) {
    wiring.database = validateReference(app.database, `${path}.database`, kinds, [
      'rds',
      'ec2',
      'dynamodb',
    ]);
  }
  if (app.cache !== undefined) {
    wiring.cache = validateReference(app.cache, `${path}.cache`, kinds, ['cache']);
  }
  if (app.sessions === undefined || app.sessions === 'instance') {
    wiring.sessions = 'instance';
  } else {
    wiring.sessions = validateReference(app.sessions, `${path}.sessions`, kinds, [
      'cache',
      'dynamodb',
    ]);
  }
  if (app.staticFiles !== undefined) {
    wiring.staticFiles = validateReference(app.staticFiles, `${path}.staticFiles`, kinds, [
      'cloudfront',
    ]);
  }
  return wiring;
}

/** A whole number in [min, max], or `fallback` when absent. */
function validateCount(
  raw: unknown,
  path: string,
  rule: { min: number; max: number; fallback: number; unit: string },
): number {
  if (raw === undefined) return rule.fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < rule.min || raw > rule.max) {
    throw new SimConfigError(
      'invalid-number',
      path,
      raw,
      `${formatValue(raw)} is not a whole number of ${rule.unit} from ${rule.min} to ${rule.max}`,
      `Use a whole number from ${rule.min} to ${rule.max}; the default is ${rule.fallback}.`,
    );
  }
  return raw;
}

function validateId(id: unknown, path: string, kinds: ReadonlyMap<string, PartKind>): string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new SimConfigError(
      'invalid-id',
      path,
      id,
      `Part id ${formatValue(id)} is not valid`,
      'Start with a letter, then use letters, digits, `-` or `_`, at most 64 characters.',
    );
  }
  if (kinds.has(id)) {
    throw new SimConfigError(
      'duplicate-id',
      path,
      id,
      `Part id ${formatValue(id)} is used twice`,
      'Give every part its own id.',
    );
  }
  return id;
}

function validateReference(
  ref: unknown,
  path: string,
  kinds: ReadonlyMap<string, PartKind>,
  allowed: readonly PartKind[],
): string {
  const id =
    typeof ref === 'object' && ref !== null && 'id' in ref ? (ref as { id: unknown }).id : ref;
  const wanted = allowed.map((k) => `\`${k}\``).join(' or ');
  if (typeof id !== 'string' || !kinds.has(id)) {
    const known = [...kinds].filter(([, k]) => allowed.includes(k)).map(([i]) => i);
    throw new SimConfigError(
      'dangling-reference',
      path,
      ref,
      `No ${wanted} part with id ${formatValue(id)} was added before this one`,
      known.length > 0
        ? `Refer to one of: ${known.join(', ')} (add parts before you refer to them).`
        : `Add the ${wanted} part first, then pass the value it returns here.`,
    );
  }
  const kind = kinds.get(id)!;
  if (!allowed.includes(kind)) {
    throw new SimConfigError(
      'wrong-reference-kind',
      path,
      ref,
      `Part \`${id}\` is an \`${kind}\` part, which cannot be used here`,
      `Refer to ${wanted} part.`,
    );
  }
  return id;
}

function validateDnsName(raw: unknown, path: string): string {
  const name = typeof raw === 'string' ? raw.toLowerCase().replace(/\.$/, '') : '';
  const labels = name.split('.');
  if (
    typeof raw !== 'string' ||
    name.length > 253 ||
    labels.length < 2 ||
    !labels.every((label) => LABEL_PATTERN.test(label))
  ) {
    throw new SimConfigError(
      'invalid-dns-name',
      path,
      raw,
      `DNS name ${formatValue(raw)} is not a valid domain name`,
      'Use a name with at least two labels of letters, digits and inner hyphens, e.g. `www.example.com`.',
    );
  }
  return name;
}

/** Returns `value` as a record, or throws `not-an-object` naming `what`. */
export function requireObject(value: unknown, path: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimConfigError(
      'not-an-object',
      path,
      value,
      `${what} must be an object, but got ${formatValue(value)}`,
      'Pass an object literal, e.g. `{ ... }`.',
    );
  }
  return value as Record<string, unknown>;
}

/** Throws `unknown-property` for a key outside `allowed` (usually a typo). */
export function rejectUnknownKeys(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new SimConfigError(
        'unknown-property',
        `${path}.${key}`,
        obj[key],
        `Unknown property \`${key}\``,
        `Allowed here: ${allowed.join(', ')}.`,
      );
    }
  }
}

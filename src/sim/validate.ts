/** The one validator for stacks. Every problem becomes a `SimConfigError` a learner can act on. */
import { INSTANCE_TYPE_NAMES, isInstanceTypeName } from './catalog/instance-types.ts';
import { DB_INSTANCE_CLASS_NAMES, isDbInstanceClassName } from './catalog/db-instance-classes.ts';
import { CACHE_NODE_TYPE_NAMES, isCacheNodeTypeName } from './catalog/cache-node-types.ts';
import { REGION_CODES, isRegionCode } from './catalog/regions.ts';
import { SimConfigError, formatValue } from './errors.ts';
import type { RegionCode } from './catalog/regions.ts';
import { AWS_BEHAVIOUR } from './catalog/aws-behaviour.ts';
import type { AppWiring, DnsRecordSpec, PartKind, PartSpec, StackSpec } from './stack-spec.ts';
import {
  DEFAULT_CACHE_ITEMS,
  DEFAULT_DNS_FAILURE_THRESHOLD,
  DEFAULT_DNS_HEALTH_CHECK_INTERVAL_SECONDS,
  DEFAULT_EDGE_ITEMS,
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
const PART_KEYS: Record<PartKind, readonly string[]> = {
  ec2: ['kind', 'id', 'instanceType', 'az', 'app'],
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
    'ttlSeconds',
  ],
  alb: ['kind', 'id', 'targets', 'algorithm', 'healthCheckIntervalSeconds', 'unhealthyThreshold'],
  rds: ['kind', 'id', 'instanceClass', 'az', 'multiAz', 'readReplicas', 'replicaLagMs'],
  cache: ['kind', 'id', 'nodeType', 'az', 'maxItems', 'ttlSeconds'],
  dynamodb: ['kind', 'id', 'partitions'],
  s3: ['kind', 'id'],
  cloudfront: ['kind', 'id', 'origin', 'maxItems'],
  asg: [
    'kind',
    'id',
    'instanceType',
    'azs',
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
  root.parts.forEach((raw: unknown, index: number) => {
    const part = validatePart(raw, `parts[${index}]`, region, kinds);
    kinds.set(part.id, part.kind);
    parts.push(part);
  });
  return { format: 'course-stack/v1', name: root.name, region, parts };
}

function validatePart(
  raw: unknown,
  path: string,
  region: RegionCode,
  kinds: ReadonlyMap<string, PartKind>,
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
    if (part.app === undefined) return { kind: 'ec2', id, instanceType: part.instanceType, az };
    const app = validateApp(part.app, `${path}.app`, kinds);
    return { kind: 'ec2', id, instanceType: part.instanceType, az, app };
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
    return {
      kind: 'dynamodb',
      id,
      partitions: validateCount(part.partitions, `${path}.partitions`, {
        min: 1,
        max: 1000,
        fallback: DEFAULT_TABLE_PARTITIONS,
        unit: 'partitions',
      }),
    };
  }

  if (partKind === 's3') return { kind: 's3', id };

  if (partKind === 'asg') return validateGroup(part, path, id, region, kinds);

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

  return validateDnsRecord(part, path, id, kinds);
}

const DNS_ROUTING = ['simple', 'failover', 'weighted'] as const;
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
};
const DNS_TARGET_KINDS: readonly PartKind[] = ['eip', 'alb', 'ec2'];
const [DNS_MIN_THRESHOLD, DNS_MAX_THRESHOLD] =
  AWS_BEHAVIOUR.route53HealthCheckFailureThresholdRange.value;
const DNS_INTERVALS = AWS_BEHAVIOUR.route53HealthCheckIntervalChoicesSeconds.value;
/** Largest weight of a weighted record (AWS's example pairs 1 with 255). */
const MAX_DNS_WEIGHT = 255;

/** A Route 53 record: simple (one target), failover (primary and secondary) or weighted. */
function validateDnsRecord(
  part: Record<string, unknown>,
  path: string,
  id: string,
  kinds: ReadonlyMap<string, PartKind>,
): DnsRecordSpec {
  const routing = part.routing === undefined ? 'simple' : part.routing;
  if (!(DNS_ROUTING as readonly unknown[]).includes(routing)) {
    throw new SimConfigError(
      'invalid-option',
      `${path}.routing`,
      part.routing,
      `Unknown routing policy ${formatValue(part.routing)}`,
      `Use one of: ${DNS_ROUTING.join(', ')}. Latency-based routing needs several Regions, which this version does not model.`,
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
    const interval =
      part.healthCheckIntervalSeconds === undefined
        ? DEFAULT_DNS_HEALTH_CHECK_INTERVAL_SECONDS
        : part.healthCheckIntervalSeconds;
    if (!(DNS_INTERVALS as readonly unknown[]).includes(interval)) {
      throw new SimConfigError(
        'invalid-number',
        `${path}.healthCheckIntervalSeconds`,
        part.healthCheckIntervalSeconds,
        `Route 53 cannot check every ${formatValue(part.healthCheckIntervalSeconds)} seconds`,
        `Use ${DNS_INTERVALS.join(' or ')} (the intervals Route 53 offers); the default is ${DEFAULT_DNS_HEALTH_CHECK_INTERVAL_SECONDS}.`,
      );
    }
    return {
      kind: 'dns',
      id,
      name,
      routing: 'failover',
      primary,
      secondary,
      healthCheckIntervalSeconds: interval as number,
      failureThreshold: validateCount(part.failureThreshold, `${path}.failureThreshold`, {
        min: DNS_MIN_THRESHOLD!,
        max: DNS_MAX_THRESHOLD!,
        fallback: DEFAULT_DNS_FAILURE_THRESHOLD,
        unit: 'health checks',
      }),
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
    throw new SimConfigError(
      'invalid-az',
      path,
      raw,
      `Availability Zone ${formatValue(raw)} is not in region \`${region}\``,
      `Use the region code plus one letter, e.g. \`${region}a\` or \`${region}b\`.`,
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

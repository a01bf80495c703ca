/**
 * Availability algebra: how the availability of a whole stack follows from its parts.
 * Availabilities are fractions from 0 to 1 (0.9995, not 99.95).
 *
 * Two assumptions, stated because the course relies on them:
 * - Parts fail independently. Replicas in different Availability Zones are close to that;
 *   replicas sharing a zone, a deployment or a configuration are not, and do worse than
 *   `parallel` says.
 * - An AWS SLA is a service-credit commitment: AWS refunds part of the bill when it misses the
 *   number. It is not a measured availability, and a service usually does better than its SLA.
 */

/** How an SLA counts availability. */
export type SlaMeasure = 'time' | 'requests';

/** One AWS availability commitment, with where it comes from. */
export interface SlaEntry {
  /** Stable identifier, e.g. `rds-multi-az`. */
  id: string;
  /** AWS service name, e.g. `Amazon RDS`. */
  service: string;
  /** What the commitment covers, e.g. `multi-AZ` or `single instance`. */
  scope: string;
  /** Committed monthly availability in percent, e.g. 99.95. */
  percent: number;
  /** `time`: share of minutes available; `requests`: share of requests without server errors. */
  measure: SlaMeasure;
  /** Where the number comes from (the SLA page, or the copy we read). */
  source: string;
  /** The page's "last updated" date, or the date we read it when it shows none (YYYY-MM-DD). */
  asOf: string;
}

const READ_ON = '2026-12-03';
const EC2_SLA = 'https://aws.amazon.com/compute/sla/';
const RDS_SLA = 'https://aws.amazon.com/rds/sla/';
const DYNAMODB_SLA = 'https://aws.amazon.com/dynamodb/sla/';
const ELB_SLA = 'https://aws.amazon.com/elasticloadbalancing/sla/';
// The facts file cites the China (Ningxia) copy of this SLA, dated 2024-11-22.
const ELASTICACHE_SLA = 'https://amazonaws.cn/en/elasticache/sla/ningxia';

/** AWS SLA commitments the course uses (facts file §2.3). */
export const SLA_CATALOGUE: readonly SlaEntry[] = [
  {
    id: 'ec2-region',
    service: 'Amazon EC2',
    scope: 'region-level (instances across two or more AZs)',
    percent: 99.99,
    measure: 'time',
    source: EC2_SLA,
    asOf: READ_ON,
  },
  {
    id: 'ec2-instance',
    service: 'Amazon EC2',
    scope: 'single instance',
    percent: 99.5,
    measure: 'time',
    source: EC2_SLA,
    asOf: READ_ON,
  },
  {
    id: 'rds-multi-az',
    service: 'Amazon RDS',
    scope: 'multi-AZ',
    percent: 99.95,
    measure: 'time',
    source: RDS_SLA,
    asOf: '2024-01-22',
  },
  {
    id: 'rds-single',
    service: 'Amazon RDS',
    scope: 'single instance',
    percent: 99.5,
    measure: 'time',
    source: RDS_SLA,
    asOf: '2024-01-22',
  },
  {
    id: 'dynamodb',
    service: 'Amazon DynamoDB',
    scope: 'standard table',
    percent: 99.99,
    measure: 'requests',
    source: DYNAMODB_SLA,
    asOf: READ_ON,
  },
  {
    id: 'dynamodb-global',
    service: 'Amazon DynamoDB',
    scope: 'global table (multi-Region)',
    percent: 99.999,
    measure: 'requests',
    source: DYNAMODB_SLA,
    asOf: READ_ON,
  },
  {
    id: 'elb-multi-az',
    service: 'Elastic Load Balancing',
    scope: 'multi-AZ',
    percent: 99.99,
    measure: 'time',
    source: ELB_SLA,
    asOf: '2022-07-25',
  },
  {
    id: 'elb-single-az',
    service: 'Elastic Load Balancing',
    scope: 'single-AZ',
    percent: 99.9,
    measure: 'time',
    source: ELB_SLA,
    asOf: '2022-07-25',
  },
  {
    id: 'elasticache-multi-az',
    service: 'Amazon ElastiCache',
    scope: 'multi-AZ',
    percent: 99.99,
    measure: 'time',
    source: ELASTICACHE_SLA,
    asOf: '2024-11-22',
  },
  {
    id: 'elasticache-single-az',
    service: 'Amazon ElastiCache',
    scope: 'single-AZ',
    percent: 99.5,
    measure: 'time',
    source: ELASTICACHE_SLA,
    asOf: '2024-11-22',
  },
  {
    id: 's3-standard',
    service: 'Amazon S3',
    scope: 'S3 Standard',
    percent: 99.9,
    measure: 'requests',
    source: 'https://aws.amazon.com/s3/sla/',
    asOf: '2023-11-28',
  },
  {
    id: 'cloudfront',
    service: 'Amazon CloudFront',
    scope: 'distribution',
    percent: 99.9,
    measure: 'requests',
    source: 'https://aws.amazon.com/cloudfront/sla/',
    asOf: '2022-05-05',
  },
];

/** The SLA of catalogue entry `id` as a fraction (e.g. `rds-multi-az` → 0.9995). */
export function slaAvailability(id: string): number {
  const entry = SLA_CATALOGUE.find((e) => e.id === id);
  if (!entry) {
    const known = SLA_CATALOGUE.map((e) => e.id).join(', ');
    throw new RangeError(`Unknown SLA \`${id}\`: use one of ${known}.`);
  }
  return entry.percent / 100;
}

/** Availability when every part is needed: the product of the parts. */
export function series(...parts: number[]): number {
  checkParts(parts, 'series');
  let up = 1;
  for (const a of parts) up *= a;
  return up;
}

/**
 * Availability of independent replicas where any one suffices: 1 − Π(1 − a_i).
 * Two 99.5 % instances give 99.9975 %, but only if they do not fail together.
 */
export function parallel(...replicas: number[]): number {
  checkParts(replicas, 'parallel');
  let down = 1;
  for (const a of replicas) down *= 1 - a;
  return 1 - down;
}

/** A stack as a tree: an availability, or parts in series, or replicas in parallel. */
export type AvailabilityNode =
  number | { series: readonly AvailabilityNode[] } | { parallel: readonly AvailabilityNode[] };

/** Availability of a whole tree, e.g. `{ series: [0.9999, { parallel: [0.995, 0.995] }] }`. */
export function compose(node: AvailabilityNode): number {
  return composeAt(node, 'node');
}

function composeAt(node: AvailabilityNode, path: string): number {
  if (typeof node === 'number') {
    checkAvailability(node, path);
    return node;
  }
  const isSeries = typeof node === 'object' && node !== null && 'series' in node;
  const isParallel = typeof node === 'object' && node !== null && 'parallel' in node;
  if (isSeries === isParallel) {
    throw new RangeError(
      `Availability node at ${path} is not allowed: use a number from 0 to 1, { series: [...] } or { parallel: [...] }.`,
    );
  }
  const key = isSeries ? 'series' : 'parallel';
  const children = isSeries
    ? (node as { series: readonly AvailabilityNode[] }).series
    : (node as { parallel: readonly AvailabilityNode[] }).parallel;
  if (!Array.isArray(children) || children.length === 0) {
    throw new RangeError(
      `Availability node at ${path}.${key} is empty: list at least one part or replica.`,
    );
  }
  const values = children.map((child, i) => composeAt(child, `${path}.${key}[${i}]`));
  return isSeries ? series(...values) : parallel(...values);
}

/** Expected downtime in minutes over `periodDays` (default a 30-day month) at availability `a`. */
export function downtimeMinutes(a: number, periodDays = 30): number {
  checkAvailability(a, 'availability');
  if (!(periodDays >= 0 && periodDays < Infinity)) {
    throw new RangeError(
      `Period \`${periodDays}\` days is not allowed: use a finite number of days ≥ 0.`,
    );
  }
  return (1 - a) * periodDays * 24 * 60;
}

function checkParts(parts: readonly number[], kind: string): void {
  if (parts.length === 0) {
    throw new RangeError(`${kind}() needs at least one availability, got none.`);
  }
  parts.forEach((a, i) => checkAvailability(a, `${kind}[${i}]`));
}

function checkAvailability(a: unknown, path: string): void {
  if (typeof a !== 'number' || !(a >= 0 && a <= 1)) {
    throw new RangeError(
      `Availability \`${String(a)}\` at ${path} is not allowed: use a fraction from 0 to 1 (99.95 % is 0.9995).`,
    );
  }
}

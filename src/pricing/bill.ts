import { PricingError } from './errors.ts';
import { describeSource, findPrice } from './snapshot.ts';
import type { PriceQuery, PriceSnapshot, SourceRef } from './snapshot.ts';
import { toPriceUnits } from './units.ts';
import type { UsageUnit } from './units.ts';
import type { BillableInstanceHours, BillableRegion, BillableUsage } from './usage.ts';

/** One line of a monthly bill. Missing prices stay missing: `null`, never zero. */
export interface BillLine {
  /** Stable key, e.g. `ec2:web-1` or `route53-queries`. */
  id: string;
  /** What the learner reads, e.g. `EC2 t3.small (web-1), us-east-1`. */
  component: string;
  usageQuantity: number;
  usageUnit: UsageUnit;
  /** USD per `priceUnit`, straight from the snapshot row; null when the price is missing. */
  unitPriceUsd: number | null;
  /** The row's unit, e.g. 'hour' or '1M queries'. */
  priceUnit: string;
  /** usageQuantity converted to priceUnit × unitPriceUsd; null when the price is missing. */
  monthlyUsd: number | null;
  /** The date the source published the price; show it, the snapshot mixes ages. */
  asOf: string | null;
  source: SourceRef | null;
  /** Where in the source the value was read, when the snapshot says. */
  sourceLocation: string | null;
  derivation: 'direct' | 'derived' | 'display-rounded-3dp' | null;
  confidence: 'high' | 'medium' | 'low' | null;
  status: 'priced' | 'missing';
  missingReason?: string;
  /** Caveats a learner should see next to the number (tiers not applied, weak source, ...). */
  notes: string[];
}

/**
 * A monthly bill. `totalUsd` sums priced lines only; `complete` is false when any line is
 * missing its price or a charge is left off (`notIncluded`).
 */
export interface Bill {
  region: BillableRegion;
  currency: 'USD';
  lines: BillLine[];
  totalUsd: number;
  complete: boolean;
  missing: BillLine[];
  /** Charges the stack incurs that the bill cannot put a line to, each with the reason. */
  notIncluded: string[];
}

export interface BillOptions {
  /** Region of the region-priced lines that are not tied to a part (data transfer out). */
  region: BillableRegion;
}

/** What a line bills before it is priced. */
interface LineSpec {
  id: string;
  component: string;
  query: PriceQuery;
  usageQuantity: number;
  usageUnit: UsageUnit;
  /** The unit the row must be in; a row in another unit is a data error, not a silent rescale. */
  priceUnit: string;
  notes: string[];
}

/**
 * Prices a month of usage from the snapshot. Components with zero usage get no line. A component
 * whose price the snapshot lacks gets a `missing` line with the reason, and the bill is incomplete.
 */
export function billForUsage(
  usage: BillableUsage,
  snapshot: PriceSnapshot,
  options: BillOptions,
): Bill {
  const specs = [
    ...launchStageSpecs(usage, options.region),
    ...dataTierSpecs(usage),
    ...edgeSpecs(usage, options.region),
  ].filter((spec) => spec.usageQuantity > 0);
  const lines = specs.map((spec) => priceLine(spec, snapshot));

  const missing = lines.filter((line) => line.status === 'missing');
  const notIncluded = notIncludedCharges(usage);
  const totalUsd = lines.reduce((sum, line) => sum + (line.monthlyUsd ?? 0), 0);
  return {
    region: options.region,
    currency: 'USD',
    lines,
    totalUsd,
    complete: missing.length === 0 && notIncluded.length === 0,
    missing,
    notIncluded,
  };
}

/** The launch stage: instances, their public IPv4 addresses, DNS, and traffic out. */
function launchStageSpecs(usage: BillableUsage, region: BillableRegion): LineSpec[] {
  const instances = Object.entries(usage.instanceHours)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([partId, part]) => instanceSpecs(partId, part));

  return [
    ...instances,
    {
      id: 'public-ipv4',
      component: 'Public IPv4 addresses',
      // Since 2024-02-01 AWS charges every public IPv4 address, attached or idle, Elastic IPs
      // included ('public-ipv4-in-use', region 'all'). The older 'elastic-ip-idle' row (AmazonEC2,
      // infracost's "IP address (if unused)") covers only unattached addresses; the simulator counts
      // addresses on running parts, so billing both would charge one address twice.
      query: { service: 'AmazonVPC', item: 'public-ipv4-in-use', region },
      usageQuantity: checkQuantity(usage.publicIpv4Hours, 'usage.publicIpv4Hours'),
      usageUnit: 'address-hours',
      priceUnit: 'hour',
      notes: ['Charged for every public IPv4 address, in use or idle, since 2024-02-01.'],
    },
    {
      id: 'route53-hosted-zones',
      component: 'Route 53 hosted zones',
      query: { service: 'AmazonRoute53', item: 'hosted-zone', region },
      usageQuantity: checkQuantity(usage.hostedZones, 'usage.hostedZones'),
      usageUnit: 'hosted zones',
      priceUnit: 'hosted-zone-month',
      notes: ['Price of each of the first 25 hosted zones.'],
    },
    {
      id: 'route53-queries',
      component: 'Route 53 standard queries',
      query: { service: 'AmazonRoute53', item: 'standard-queries-first-1B', region },
      usageQuantity: checkQuantity(usage.dnsQueriesPerMonth, 'usage.dnsQueriesPerMonth'),
      usageUnit: 'queries',
      priceUnit: '1M queries',
      notes: ['All queries priced at the first-1B tier; the cheaper tier above 1B is not applied.'],
    },
    {
      id: 'data-transfer-out',
      component: `Data transfer out to the internet, ${region}`,
      query: { service: 'AWSDataTransfer', item: 'data-transfer-out-internet-first-10TB', region },
      usageQuantity: checkQuantity(usage.dataOutGbPerMonth, 'usage.dataOutGbPerMonth'),
      usageUnit: 'GB',
      priceUnit: 'GB',
      notes: [
        'All GB priced at the first-10 TB tier: the cheaper tiers above 10 TB and the 100 GB/month free allowance are not applied.',
      ],
    },
  ];
}

/** Charges the simulator's usage implies but cannot quantify or the snapshot cannot price. */
function notIncludedCharges(usage: BillableUsage): string[] {
  const charges: string[] = [];
  if (Object.keys(usage.loadBalancerHours ?? {}).length > 0) {
    charges.push(
      'Load balancer capacity units (LCU-hours): they depend on new and active connections, bytes processed and rule evaluations, which the simulator does not measure yet.',
    );
  }
  const regions = new Set(Object.values(usage.instanceHours).map((part) => part.region));
  if (regions.size > 1) {
    charges.push(
      'Data transfer between Regions and replicated writes of global tables: the price snapshot has no rows for them.',
    );
  }
  return charges;
}

const byId = <T>(record: Readonly<Record<string, T>> | undefined): [string, T][] =>
  Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Load balancers, databases, caches and tables: the parts stages 3 to 7 add. */
function dataTierSpecs(usage: BillableUsage): LineSpec[] {
  const specs: LineSpec[] = [];
  for (const [id, lb] of byId(usage.loadBalancerHours)) {
    const path = `usage.loadBalancerHours.${id}`;
    specs.push({
      id: `alb:${id}`,
      component: `Application Load Balancer (${id}), ${lb.region}`,
      query: { service: 'AWSELB', item: 'alb-hour', region: lb.region },
      usageQuantity: checkQuantity(lb.hours, `${path}.hours`),
      usageUnit: 'hours',
      priceUnit: 'hour',
      notes: [],
    });
  }
  for (const [id, db] of byId(usage.databaseHours)) {
    const path = `usage.databaseHours.${id}`;
    const deployment = db.multiAz ? 'Multi-AZ' : 'Single-AZ';
    specs.push({
      id: `rds:${id}`,
      component: `RDS for MySQL ${db.instanceClass} ${deployment} (${id}), ${db.region}`,
      query: {
        service: 'AmazonRDS',
        item: db.instanceClass,
        region: db.region,
        attributes: { databaseEngine: 'MySQL', deploymentOption: deployment },
      },
      usageQuantity: checkQuantity(db.hours, `${path}.hours`),
      usageUnit: 'hours',
      priceUnit: 'hour',
      notes: [
        db.multiAz
          ? 'Multi-AZ: the primary and its standby. Never priced by doubling the Single-AZ rate.'
          : 'Single-AZ, on-demand. Storage is not included.',
      ],
    });
    specs.push({
      id: `rds-replicas:${id}`,
      component: `RDS for MySQL ${db.instanceClass} read replicas (${id}), ${db.region}`,
      query: {
        service: 'AmazonRDS',
        item: db.instanceClass,
        region: db.region,
        attributes: { databaseEngine: 'MySQL', deploymentOption: 'Single-AZ' },
      },
      usageQuantity: checkQuantity(db.replicaHours, `${path}.replicaHours`),
      usageUnit: 'hours',
      priceUnit: 'hour',
      notes: ['Each read replica is a DB instance of its own, priced here at its Single-AZ rate.'],
    });
  }
  for (const [id, node] of byId(usage.cacheNodeHours)) {
    specs.push({
      id: `cache:${id}`,
      component: `ElastiCache ${node.nodeType} node (${id}), ${node.region}`,
      query: cacheQuery(node.nodeType, node.region),
      usageQuantity: checkQuantity(node.hours, `usage.cacheNodeHours.${id}.hours`),
      usageUnit: 'node-hours',
      priceUnit: 'node-hour',
      notes: [],
    });
  }
  for (const [id, table] of byId(usage.tableRequestUnits)) {
    const path = `usage.tableRequestUnits.${id}`;
    specs.push({
      id: `dynamodb-reads:${id}`,
      component: `DynamoDB on-demand reads (${id}), ${table.region}`,
      query: {
        service: 'AmazonDynamoDB',
        item: 'ddb-on-demand-read-request-units',
        region: table.region,
      },
      usageQuantity: checkQuantity(table.readUnitsPerMonth, `${path}.readUnitsPerMonth`),
      usageUnit: 'request units',
      priceUnit: '1M request units',
      notes: ['Storage is not included.'],
    });
    specs.push({
      id: `dynamodb-writes:${id}`,
      component: `DynamoDB on-demand writes (${id}), ${table.region}`,
      query: {
        service: 'AmazonDynamoDB',
        item: 'ddb-on-demand-write-request-units',
        region: table.region,
      },
      usageQuantity: checkQuantity(table.writeUnitsPerMonth, `${path}.writeUnitsPerMonth`),
      usageUnit: 'request units',
      priceUnit: '1M request units',
      notes: [],
    });
  }
  return specs;
}

/**
 * The engine the course prices a cache node with: Valkey where the snapshot has a Valkey row
 * for the node type (2026 prices), Redis OSS otherwise (2022 prices for older node types).
 */
function cacheQuery(nodeType: string, region: BillableRegion): LineSpec['query'] {
  const valkey = new Set(['cache.t4g.medium', 'cache.m7g.large', 'cache.r7g.large']);
  return {
    service: 'AmazonElastiCache',
    item: nodeType,
    region,
    attributes: { cacheEngine: valkey.has(nodeType) ? 'Valkey' : 'Redis' },
  };
}

/** CloudFront in front of S3 for static files. */
function edgeSpecs(usage: BillableUsage, region: BillableRegion): LineSpec[] {
  const edge = { edgeLocationGroup: 'United States, Mexico, Canada' };
  return [
    {
      id: 'cloudfront-data-out',
      component: 'CloudFront data transfer out (United States, Mexico, Canada)',
      query: {
        service: 'AmazonCloudFront',
        item: 'cloudfront-dto-first-10TB',
        region,
        attributes: edge,
      },
      usageQuantity: checkQuantity(usage.cloudFrontGbPerMonth ?? 0, 'usage.cloudFrontGbPerMonth'),
      usageUnit: 'GB',
      priceUnit: 'GB',
      notes: ['All GB priced at the first-10 TB tier; the always-free allowance is not applied.'],
    },
    {
      id: 'cloudfront-requests',
      component: 'CloudFront HTTPS requests (United States, Mexico, Canada)',
      query: {
        service: 'AmazonCloudFront',
        item: 'cloudfront-https-requests',
        region,
        attributes: edge,
      },
      usageQuantity: checkQuantity(
        usage.cloudFrontRequestsPerMonth ?? 0,
        'usage.cloudFrontRequestsPerMonth',
      ),
      usageUnit: 'requests',
      priceUnit: '10K requests',
      notes: [],
    },
    {
      id: 's3-get-requests',
      component: `S3 GET requests (origin fetches), ${region}`,
      query: { service: 'AmazonS3', item: 's3-standard-get-and-other', region },
      usageQuantity: checkQuantity(usage.s3GetRequestsPerMonth ?? 0, 'usage.s3GetRequestsPerMonth'),
      usageUnit: 'requests',
      priceUnit: '1K requests',
      notes: ['Storage is not included.'],
    },
  ];
}

/** An instance's on-demand hours, and its burst above baseline when it runs in unlimited mode. */
function instanceSpecs(partId: string, part: BillableInstanceHours): LineSpec[] {
  const path = `usage.instanceHours.${partId}`;
  const hours: LineSpec = {
    id: `ec2:${partId}`,
    component: `EC2 ${part.instanceType} (${partId}), ${part.region}`,
    query: {
      service: 'AmazonEC2',
      item: part.instanceType,
      region: part.region,
      attributes: { operatingSystem: 'Linux', tenancy: 'Shared' },
    },
    usageQuantity: checkQuantity(part.hours, `${path}.hours`),
    usageUnit: 'hours',
    priceUnit: 'hour',
    notes: ['Linux, shared tenancy, on-demand.'],
  };
  const surplus: LineSpec = {
    id: `ec2-surplus:${partId}`,
    component: `EC2 ${part.instanceType} (${partId}) vCPU-hours above baseline, ${part.region}`,
    // No row in the snapshot prices these yet, so the line shows as missing until one is added
    // under this item key; the charge is real and must not silently vanish from the bill.
    query: { service: 'AmazonEC2', item: 'cpu-credits-surplus', region: part.region },
    usageQuantity: checkQuantity(part.surplusVcpuHours ?? 0, `${path}.surplusVcpuHours`),
    usageUnit: 'vCPU-hours',
    priceUnit: 'vCPU-hour',
    notes: ['Burstable instances in unlimited mode pay for vCPU time above their baseline.'],
  };
  return [hours, surplus];
}

function checkQuantity(quantity: number, path: string): number {
  if (Number.isFinite(quantity) && quantity >= 0) return quantity;
  throw new PricingError('invalid-usage', `Usage \`${path}\` is \`${quantity}\`.`, {
    path,
    value: quantity,
    hint: 'Usage quantities must be finite numbers >= 0; check the simulator results.',
  });
}

function priceLine(spec: LineSpec, snapshot: PriceSnapshot): BillLine {
  const base = {
    id: spec.id,
    component: spec.component,
    usageQuantity: spec.usageQuantity,
    usageUnit: spec.usageUnit,
    priceUnit: spec.priceUnit,
  };
  const lookup = findPrice(snapshot, spec.query);

  if (lookup.status === 'missing') {
    return {
      ...base,
      unitPriceUsd: null,
      monthlyUsd: null,
      asOf: null,
      source: null,
      sourceLocation: null,
      derivation: null,
      confidence: null,
      status: 'missing',
      missingReason: lookup.reason,
      notes: spec.notes,
    };
  }

  const row = lookup.row;
  if (row.unit !== spec.priceUnit) {
    throw new PricingError(
      'unit-mismatch',
      `Snapshot row ${row.service} \`${row.item}\` is priced per \`${row.unit}\`; the ${spec.id} line bills per \`${spec.priceUnit}\`.`,
      {
        path: `prices[${snapshot.prices.indexOf(row)}].unit`,
        value: row.unit,
        hint: 'Fix the row, or change the line and its conversion in src/pricing/units.ts together.',
      },
    );
  }
  const priceUnits = toPriceUnits(spec.usageQuantity, spec.usageUnit, spec.priceUnit);
  const notes = [...spec.notes];
  if (row.derivation === 'display-rounded-3dp') {
    notes.push('The source printed this price rounded to 3 decimals.');
  }
  return {
    ...base,
    unitPriceUsd: row.usd,
    monthlyUsd: priceUnits * row.usd,
    asOf: row.as_of,
    source: describeSource(snapshot, row.source),
    sourceLocation: row.source_location ?? null,
    derivation: row.derivation,
    confidence: row.confidence,
    status: 'priced',
    notes,
  };
}

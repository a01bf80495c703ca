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

/** A monthly bill. `totalUsd` sums priced lines only; `complete` is false when any is missing. */
export interface Bill {
  region: BillableRegion;
  currency: 'USD';
  lines: BillLine[];
  totalUsd: number;
  complete: boolean;
  missing: BillLine[];
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
  const specs = launchStageSpecs(usage, options.region).filter((spec) => spec.usageQuantity > 0);
  const lines = specs.map((spec) => priceLine(spec, snapshot));

  const missing = lines.filter((line) => line.status === 'missing');
  const totalUsd = lines.reduce((sum, line) => sum + (line.monthlyUsd ?? 0), 0);
  return {
    region: options.region,
    currency: 'USD',
    lines,
    totalUsd,
    complete: missing.length === 0,
    missing,
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

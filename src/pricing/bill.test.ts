import { describe, expect, it } from 'vitest';

import { billForUsage } from './bill.ts';
import type { BillLine } from './bill.ts';
import { PricingError } from './errors.ts';
import { loadSnapshot, shippedSnapshot } from './snapshot.ts';
import { hoursPerMonth } from './usage.ts';
import type { BillableUsage } from './usage.ts';

const snapshot = shippedSnapshot();

/** The launch stage: one t3.small in us-east-1 all month, its address, a zone, DNS and traffic. */
const launchUsage: BillableUsage = {
  monthHours: 730,
  instanceHours: { web: { instanceType: 't3.small', region: 'us-east-1', hours: 730 } },
  publicIpv4Hours: 730,
  hostedZones: 1,
  dnsQueriesPerMonth: 2_500_000,
  dataOutGbPerMonth: 120,
  requestsPerMonth: 2_500_000,
};

function line(lines: readonly BillLine[], id: string): BillLine {
  const found = lines.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no bill line ${id}`);
  return found;
}

describe('billForUsage', () => {
  it('prices the launch stack line by line from the snapshot rows', () => {
    const bill = billForUsage(launchUsage, snapshot, { region: 'us-east-1' });

    // AmazonEC2 t3.small us-east-1 OnDemand: 0.0208 USD/hour. 0.0208 × 730 h = 15.184
    expect(line(bill.lines, 'ec2:web')).toMatchObject({ unitPriceUsd: 0.0208, priceUnit: 'hour' });
    expect(line(bill.lines, 'ec2:web').monthlyUsd).toBeCloseTo(15.184, 10);
    // AmazonVPC public-ipv4-in-use, region 'all': 0.005 USD/hour. 0.005 × 730 h = 3.65
    expect(line(bill.lines, 'public-ipv4').monthlyUsd).toBeCloseTo(3.65, 10);
    // AmazonRoute53 hosted-zone, global: 0.50 USD/hosted-zone-month. 0.50 × 1 = 0.50
    expect(line(bill.lines, 'route53-hosted-zones').monthlyUsd).toBeCloseTo(0.5, 10);
    // AmazonRoute53 standard-queries-first-1B: 0.40 USD per 1M. 2,500,000 / 1,000,000 × 0.40 = 1.00
    expect(line(bill.lines, 'route53-queries').monthlyUsd).toBeCloseTo(1.0, 10);
    // AWSDataTransfer data-transfer-out-internet-first-10TB us-east-1: 0.09 USD/GB. 120 × 0.09 = 10.80
    expect(line(bill.lines, 'data-transfer-out').monthlyUsd).toBeCloseTo(10.8, 10);

    // 15.184 + 3.65 + 0.50 + 1.00 + 10.80 = 31.134
    expect(bill.totalUsd).toBeCloseTo(31.134, 10);
    expect(bill).toMatchObject({
      region: 'us-east-1',
      currency: 'USD',
      complete: true,
      missing: [],
    });
    expect(bill.lines.map((priced) => priced.id)).toEqual([
      'ec2:web',
      'public-ipv4',
      'route53-hosted-zones',
      'route53-queries',
      'data-transfer-out',
    ]);
  });

  it('carries the date, source and confidence of each price', () => {
    const bill = billForUsage(launchUsage, snapshot, { region: 'us-east-1' });

    expect(line(bill.lines, 'ec2:web')).toMatchObject({
      status: 'priced',
      asOf: '2026-07-20',
      derivation: 'direct',
      confidence: 'high',
      source: {
        id: 'karpenter-zz-generated-2026-07-20',
        label: expect.stringContaining('karpenter'),
      },
    });
    expect(line(bill.lines, 'public-ipv4')).toMatchObject({
      asOf: '2024-02-01',
      confidence: 'medium',
      source: { id: 'web-public-ipv4-2024' },
    });
  });

  it('says that the data transfer tiers and free allowance are not applied', () => {
    const bill = billForUsage(launchUsage, snapshot, { region: 'us-east-1' });

    expect(line(bill.lines, 'data-transfer-out').notes.join(' ')).toMatch(
      /first-10 TB tier.*free allowance are not applied/,
    );
  });

  it('prices data transfer out in the bill region', () => {
    const bill = billForUsage({ ...launchUsage, instanceHours: {} }, snapshot, {
      region: 'ap-southeast-1',
    });

    // AWSDataTransfer first-10TB ap-southeast-1: 0.12 USD/GB. 120 × 0.12 = 14.40
    expect(line(bill.lines, 'data-transfer-out').monthlyUsd).toBeCloseTo(14.4, 10);
  });

  it('shows a price the snapshot lacks as missing and leaves it out of the total', () => {
    const usage: BillableUsage = {
      ...launchUsage,
      instanceHours: {
        ...launchUsage.instanceHours,
        'web-eu': { instanceType: 't3.micro', region: 'eu-west-1', hours: 730 },
      },
    };

    const bill = billForUsage(usage, snapshot, { region: 'us-east-1' });

    const missing = line(bill.lines, 'ec2:web-eu');
    expect(missing).toMatchObject({
      status: 'missing',
      unitPriceUsd: null,
      monthlyUsd: null,
      usageQuantity: 730,
      source: null,
    });
    expect(missing.missingReason).toContain('EC2 t3.micro/small/medium/large/xlarge on-demand');
    expect(bill.missing).toEqual([missing]);
    expect(bill.complete).toBe(false);
    // Same priced lines as the launch stack: 31.134, with nothing added for the missing one.
    expect(bill.totalUsd).toBeCloseTo(31.134, 10);
  });

  it('shows burst above baseline as missing: the snapshot has no price for it', () => {
    const usage: BillableUsage = {
      ...launchUsage,
      instanceHours: {
        web: { instanceType: 't3.small', region: 'us-east-1', hours: 730, surplusVcpuHours: 146 },
      },
    };

    const bill = billForUsage(usage, snapshot, { region: 'us-east-1' });

    expect(line(bill.lines, 'ec2-surplus:web')).toMatchObject({
      status: 'missing',
      usageQuantity: 146,
      usageUnit: 'vCPU-hours',
      monthlyUsd: null,
    });
    expect(bill.complete).toBe(false);
    expect(bill.totalUsd).toBeCloseTo(31.134, 10);
  });

  it('gives no line to a component the stack does not use', () => {
    const usage: BillableUsage = {
      ...launchUsage,
      publicIpv4Hours: 0,
      hostedZones: 0,
      dnsQueriesPerMonth: 0,
    };

    const bill = billForUsage(usage, snapshot, { region: 'us-east-1' });

    expect(bill.lines.map((priced) => priced.id)).toEqual(['ec2:web', 'data-transfer-out']);
  });

  it('rejects a negative or non-finite usage quantity', () => {
    const usage = { ...launchUsage, dataOutGbPerMonth: Number.NaN };

    expect(() => billForUsage(usage, snapshot, { region: 'us-east-1' })).toThrow(
      expect.objectContaining({ code: 'invalid-usage', path: 'usage.dataOutGbPerMonth' }),
    );
  });

  it('refuses a row whose unit differs from the unit the line converts to', () => {
    const json = structuredClone(snapshot);
    const index = json.prices.findIndex((row) => row.item === 'standard-queries-first-1B');
    const row = json.prices[index];
    if (row === undefined) throw new Error('row not found');
    json.prices[index] = { ...row, unit: '10K queries' };

    const call = () => billForUsage(launchUsage, loadSnapshot(json), { region: 'us-east-1' });

    expect(call).toThrow(PricingError);
    expect(call).toThrow(
      expect.objectContaining({ code: 'unit-mismatch', path: `prices[${index}].unit` }),
    );
  });
});

describe('hoursPerMonth', () => {
  it('is 365 days of 24 hours over 12 months, as AWS bills a month', () => {
    expect(hoursPerMonth).toBe((365 * 24) / 12);
  });
});

describe('billForUsage for the parts of stages 3 to 7', () => {
  // Hand computation from the snapshot rows (us-east-1, on-demand, 730 h):
  //   ALB                       0.0225 × 730                 = 16.425
  //   RDS MySQL db.t3.large Multi-AZ      0.272 × 730        = 198.56
  //   RDS MySQL db.t3.large replica (Single-AZ) 0.136 × 730  = 99.28
  //   ElastiCache cache.m5.large (Redis)  0.156 × 730        = 113.88
  //   ElastiCache cache.t4g.medium (Valkey) 0.052 × 730      = 37.96
  //   DynamoDB reads   10 M units × 0.125 per 1 M            = 1.25
  //   DynamoDB writes   2 M units × 0.625 per 1 M            = 1.25
  //   CloudFront out   100 GB × 0.085                        = 8.50
  //   CloudFront HTTPS 5 M requests × 0.01 per 10 K          = 5.00
  //   S3 GET           1 M requests × 0.0004 per 1 K         = 0.40
  const usage: BillableUsage = {
    monthHours: hoursPerMonth,
    instanceHours: {},
    publicIpv4Hours: 0,
    hostedZones: 0,
    dnsQueriesPerMonth: 0,
    dataOutGbPerMonth: 0,
    requestsPerMonth: 0,
    loadBalancerHours: { alb: { region: 'us-east-1', hours: 730 } },
    databaseHours: {
      db: {
        instanceClass: 'db.t3.large',
        region: 'us-east-1',
        multiAz: true,
        hours: 730,
        replicaHours: 730,
      },
    },
    cacheNodeHours: {
      cache: { nodeType: 'cache.m5.large', region: 'us-east-1', hours: 730 },
      sessions: { nodeType: 'cache.t4g.medium', region: 'us-east-1', hours: 730 },
    },
    tableRequestUnits: {
      table: { region: 'us-east-1', readUnitsPerMonth: 10_000_000, writeUnitsPerMonth: 2_000_000 },
    },
    cloudFrontGbPerMonth: 100,
    cloudFrontRequestsPerMonth: 5_000_000,
    s3GetRequestsPerMonth: 1_000_000,
  };
  const bill = billForUsage(usage, shippedSnapshot(), { region: 'us-east-1' });
  const line = (id: string) => {
    const found = bill.lines.find((l) => l.id === id);
    if (!found) throw new Error(`no line ${id}`);
    return found;
  };

  it.each([
    ['alb:alb', 16.425],
    ['rds:db', 198.56],
    ['rds-replicas:db', 99.28],
    ['cache:cache', 113.88],
    ['cache:sessions', 37.96],
    ['dynamodb-reads:table', 1.25],
    ['dynamodb-writes:table', 1.25],
    ['cloudfront-data-out', 8.5],
    ['cloudfront-requests', 5],
    ['s3-get-requests', 0.4],
  ])('prices %s as the snapshot row times the usage', (id, usd) => {
    expect(line(id).monthlyUsd).toBeCloseTo(usd, 6);
  });

  it('prices Multi-AZ only from a Multi-AZ row, and shows a missing one as missing', () => {
    const gap = billForUsage(
      {
        ...usage,
        databaseHours: {
          db: {
            instanceClass: 'db.m5.large',
            region: 'us-east-1',
            multiAz: true,
            hours: 730,
            replicaHours: 0,
          },
        },
      },
      shippedSnapshot(),
      { region: 'us-east-1' },
    );
    const rds = gap.lines.find((l) => l.id === 'rds:db')!;
    expect(rds.status).toBe('missing');
    expect(rds.monthlyUsd).toBeNull();
    expect(gap.complete).toBe(false);
  });

  it('names load balancer capacity units as not included, since the simulator cannot count them', () => {
    expect(bill.lines.some((l) => l.id.startsWith('alb-lcu'))).toBe(false);
    expect(bill.notIncluded.join(' ')).toMatch(/capacity units/);
    expect(bill.complete).toBe(false);
    const priced = bill.lines.filter((l) => l.status === 'priced');
    expect(bill.totalUsd).toBeCloseTo(
      priced.reduce((sum, l) => sum + (l.monthlyUsd ?? 0), 0),
      9,
    );
  });
});

import { describe, expect, it } from 'vitest';

import { PricingError } from './errors.ts';
import { describeSource, findPrice, shippedSnapshot } from './snapshot.ts';

const snapshot = shippedSnapshot();

describe('findPrice', () => {
  it('finds an EC2 on-demand row by instance type and region', () => {
    const lookup = findPrice(snapshot, {
      service: 'AmazonEC2',
      item: 't3.small',
      region: 'us-east-1',
      attributes: { operatingSystem: 'Linux', tenancy: 'Shared' },
    });

    expect(lookup).toMatchObject({ status: 'found', regionMatch: 'exact', row: { usd: 0.0208 } });
  });

  it('filters RDS rows on engine and deployment option', () => {
    const query = { service: 'AmazonRDS', item: 'db.t3.micro', region: 'us-east-1' };

    const mysql = findPrice(snapshot, {
      ...query,
      attributes: { databaseEngine: 'MySQL', deploymentOption: 'Single-AZ' },
    });
    const postgres = findPrice(snapshot, {
      ...query,
      attributes: { databaseEngine: 'PostgreSQL', deploymentOption: 'Single-AZ' },
    });

    expect(mysql).toMatchObject({ status: 'found', row: { usd: 0.017 } });
    expect(postgres).toMatchObject({ status: 'found', row: { usd: 0.018 } });
  });

  it('refuses to pick between several matching rows', () => {
    const query = { service: 'AmazonRDS', item: 'db.t3.micro', region: 'us-east-1' };

    expect(() => findPrice(snapshot, query)).toThrow(PricingError);
    expect(() => findPrice(snapshot, query)).toThrow(/differ in: databaseEngine/);
  });

  it('answers a regional query with a global Route 53 row', () => {
    const lookup = findPrice(snapshot, {
      service: 'AmazonRoute53',
      item: 'hosted-zone',
      region: 'ap-southeast-1',
    });

    expect(lookup).toMatchObject({ status: 'found', regionMatch: 'global', row: { usd: 0.5 } });
  });

  it("answers a regional query with a row the source gives for 'all' regions", () => {
    const lookup = findPrice(snapshot, {
      service: 'AmazonVPC',
      item: 'public-ipv4-in-use',
      region: 'eu-west-1',
    });

    expect(lookup).toMatchObject({ status: 'found', regionMatch: 'all', row: { usd: 0.005 } });
  });

  it("never answers for a real region with a row whose region is 'unstated'", () => {
    const lookup = findPrice(snapshot, {
      service: 'AWSAmplify',
      item: 'amplify-build-minute',
      region: 'us-east-1',
    });

    expect(lookup.status).toBe('missing');
    if (lookup.status === 'missing') expect(lookup.reason).toContain('only for: unstated');
  });

  it.each(['t3.micro', 't3.small', 't3.xlarge'])(
    'reports %s in eu-west-1 as missing with the documented gap',
    (item) => {
      const lookup = findPrice(snapshot, { service: 'AmazonEC2', item, region: 'eu-west-1' });

      expect(lookup.status).toBe('missing');
      if (lookup.status !== 'missing') return;
      expect(lookup.gap?.what).toBe(
        'EC2 t3.micro/small/medium/large/xlarge on-demand in eu-west-1 and ap-southeast-1',
      );
      expect(lookup.reason).toContain('documented gap');
      expect(lookup.reason).toContain('rounds to 3 decimals');
    },
  );

  it('prefers the reserved-price gap for a missing Reserved row', () => {
    const lookup = findPrice(snapshot, {
      service: 'AmazonEC2',
      item: 't3.small',
      region: 'us-east-1',
      priceModel: 'Reserved',
    });

    expect(lookup.status).toBe('missing');
    if (lookup.status === 'missing') expect(lookup.gap?.what).toMatch(/^EC2 1-year reserved/);
  });

  it('says so plainly when no gap mentions the item', () => {
    const lookup = findPrice(snapshot, {
      service: 'AmazonEC2',
      item: 'x9.huge',
      region: 'us-east-1',
    });

    expect(lookup).toEqual({
      status: 'missing',
      gap: null,
      reason:
        'No price for AmazonEC2 `x9.huge` (OnDemand) in us-east-1 in the snapshot compiled on 2026-12-03.',
    });
  });
});

describe('describeSource', () => {
  it('links a repository source to the file at the cited commit', () => {
    expect(describeSource(snapshot, 'karpenter-zz-generated-2026-07-20')).toEqual({
      id: 'karpenter-zz-generated-2026-07-20',
      label: 'aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go',
      url: 'https://github.com/aws/karpenter-provider-aws/blob/6fc13b5236fd04fd16ff3f9dc7490d0813994099/pkg/providers/pricing/zz_generated.pricing_aws.go',
    });
  });

  it('labels a web source by its sites and links its first address', () => {
    expect(describeSource(snapshot, 'web-public-ipv4-2024')).toEqual({
      id: 'web-public-ipv4-2024',
      label: 'blog.avangards.io, www.javierinthecloud.com',
      url: 'https://blog.avangards.io/psa-review-your-aws-public-ipv4-address-usage-to-avoid-new-charges',
    });
  });

  it('falls back to the kind of source when it has neither repository nor address', () => {
    expect(describeSource(snapshot, 'web-amplify-secondary')).toMatchObject({ url: null });
    expect(describeSource(snapshot, 'web-amplify-secondary').label).toMatch(
      /^secondary statements/,
    );
  });
});

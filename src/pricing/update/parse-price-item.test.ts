import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { PricingError } from '../errors.ts';
import { findPrice, shippedSnapshot } from '../snapshot.ts';
import { parseGetProductsResponse, parsePriceItem } from './parse-price-item.ts';
import type { ParsedPriceRow } from './parse-price-item.ts';

const fixtureFolder = new URL('../fixtures/', import.meta.url);

function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, fixtureFolder), 'utf8'));
}

/** Whole GetProducts responses hold items as JSON strings; the others are single items. */
function parseFixture(name: string): ParsedPriceRow[] {
  const json = readFixture(name);
  return name.includes('getproducts-response')
    ? parseGetProductsResponse(json)
    : parsePriceItem(json);
}

/** What each fixture must parse to; a fixture added without an entry here fails the test below. */
const expected: Record<string, { rows: number; first: Partial<ParsedPriceRow> }> = {
  'ec2-ebs-io1-ap-southeast-1-getproducts-response-2018-08-08.json': {
    rows: 1,
    first: {
      sku: '3MKHN58N7RDDVGKJ',
      unit: 'GB-Mo',
      usd: 0.138,
      range: { begin: 0, end: Infinity },
    },
  },
  'ec2-ebs-io1-ca-central-1-getproducts-response-2017-09-01.json': {
    rows: 1,
    first: { sku: 'WQGC34PB2AWS8R4U', unit: 'GB-Mo', usd: 0.138, priceModel: 'OnDemand' },
  },
  'ec2-m5.large-us-east-1-priceitem-2021-02-05.json': {
    // 1 on-demand dimension + 12 reserved terms with 20 dimensions (8 of them upfront fees).
    rows: 21,
    first: { sku: '6C86BEPQVG73ZGGR', unit: 'Hrs', usd: 0.096, priceModel: 'OnDemand' },
  },
  'rds-mysql-db.t3.micro-single-az-us-east-1-priceitem-2026-03-18.json': {
    rows: 1,
    first: { sku: 'AXC2TYPWXFK88MVY', unit: 'Hrs', usd: 0.017, serviceCode: 'AmazonRDS' },
  },
  's3-standard-storage-us-east-1-priceitem-2026-02-23.json': {
    rows: 3,
    first: { sku: 'WP9ANXZGBYYSGJEA', unit: 'GB-Mo', serviceCode: 'AmazonS3' },
  },
};

const fixtureNames = readdirSync(fixtureFolder).filter((name) => name.endsWith('.json'));

describe('parsePriceItem on the recorded fixtures', () => {
  it('has an expectation for every fixture in the folder', () => {
    expect(fixtureNames.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(fixtureNames)('parses %s', (name) => {
    const rows = parseFixture(name);
    const want = expected[name];

    expect(rows).toHaveLength(want?.rows ?? -1);
    expect(rows[0]).toMatchObject(want?.first ?? {});
    for (const row of rows) expect(Number.isFinite(row.usd) && row.usd >= 0).toBe(true);
  });

  it('reads product attributes, the term and the publication date of an EC2 item', () => {
    const [onDemand] = parseFixture('ec2-m5.large-us-east-1-priceitem-2021-02-05.json');

    expect(onDemand).toMatchObject({
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: { instanceType: 'm5.large', operatingSystem: 'Linux', tenancy: 'Shared' },
      offerTermCode: 'JRTCKXETXF',
      rateCode: '6C86BEPQVG73ZGGR.JRTCKXETXF.6YS6EN2CT7',
      term: {},
      effectiveDate: '2021-02-01T00:00:00Z',
      publicationDate: '2021-02-05T20:45:00Z',
      description: '$0.096 per On Demand Linux m5.large Instance Hour',
    });
  });

  it('keeps reserved upfront fees as dimensions without a range', () => {
    const rows = parseFixture('ec2-m5.large-us-east-1-priceitem-2021-02-05.json');
    const threeYearAllUpfront = rows.filter(
      (row) =>
        row.term['LeaseContractLength'] === '3yr' &&
        row.term['OfferingClass'] === 'standard' &&
        row.term['PurchaseOption'] === 'All Upfront',
    );

    expect(threeYearAllUpfront).toEqual([
      expect.objectContaining({ unit: 'Quantity', usd: 949, range: null }),
      expect.objectContaining({ unit: 'Hrs', usd: 0, range: { begin: 0, end: Infinity } }),
    ]);
    expect(rows.filter((row) => row.unit === 'Quantity')).toHaveLength(8);
  });

  it('agrees with the snapshot row taken from the same m5.large item', () => {
    const rows = parseFixture('ec2-m5.large-us-east-1-priceitem-2021-02-05.json');
    const noUpfront = rows.find(
      (row) =>
        row.priceModel === 'Reserved' &&
        row.unit === 'Hrs' &&
        row.term['LeaseContractLength'] === '1yr' &&
        row.term['OfferingClass'] === 'standard' &&
        row.term['PurchaseOption'] === 'No Upfront',
    );
    const lookup = findPrice(shippedSnapshot(), {
      service: 'AmazonEC2',
      item: 'm5.large',
      region: 'us-east-1',
      priceModel: 'Reserved',
      term: { LeaseContractLength: '1yr', OfferingClass: 'standard', PurchaseOption: 'No Upfront' },
    });

    expect(noUpfront?.usd).toBe(0.06);
    expect(lookup).toMatchObject({ status: 'found', row: { usd: 0.06 } });
  });

  it('skips the placeholder string that replaced the Reserved terms of the RDS capture', () => {
    const item = readFixture('rds-mysql-db.t3.micro-single-az-us-east-1-priceitem-2026-03-18.json');
    expect(item).toMatchObject({
      terms: { Reserved: '<filtered by output_options.pricing_terms>' },
    });

    const rows = parsePriceItem(item);

    expect(rows.map((row) => row.priceModel)).toEqual(['OnDemand']);
    expect(rows[0]?.attributes).toMatchObject({
      databaseEngine: 'MySQL',
      deploymentOption: 'Single-AZ',
    });
  });

  it('reads the three S3 storage tiers with their GB ranges', () => {
    const rows = parseFixture('s3-standard-storage-us-east-1-priceitem-2026-02-23.json');
    const tiers = rows
      .map((row) => ({ ...row.range, usd: row.usd }))
      .sort((a, b) => (a.begin ?? 0) - (b.begin ?? 0));

    expect(tiers).toEqual([
      { begin: 0, end: 51_200, usd: 0.023 },
      { begin: 51_200, end: 512_000, usd: 0.022 },
      { begin: 512_000, end: Infinity, usd: 0.021 },
    ]);
  });

  it('takes an item as the JSON string GetProducts returns', () => {
    const response = readFixture(
      'ec2-ebs-io1-ca-central-1-getproducts-response-2017-09-01.json',
    ) as { PriceList: string[] };
    const [item] = response.PriceList;

    expect(parsePriceItem(item)).toEqual(parseGetProductsResponse(response));
    expect(parsePriceItem(item)[0]?.attributes['location']).toBe('Canada (Central)');
  });
});

describe('parsePriceItem on malformed input', () => {
  it('names the path of a price that is not a decimal', () => {
    const item = readFixture('rds-mysql-db.t3.micro-single-az-us-east-1-priceitem-2026-03-18.json');
    const json = JSON.stringify(item).replace('"0.0170000000"', '"-0.017"');

    expect(() => parsePriceItem(json)).toThrow(
      expect.objectContaining({
        code: 'invalid-price-item',
        path: 'terms.OnDemand["AXC2TYPWXFK88MVY.JRTCKXETXF"].priceDimensions["AXC2TYPWXFK88MVY.JRTCKXETXF.6YS6EN2CT7"].pricePerUnit.USD',
        value: '-0.017',
      }),
    );
  });

  it('rejects text that is not JSON', () => {
    expect(() => parsePriceItem('{"product":')).toThrow(PricingError);
  });

  it('rejects an item without a product', () => {
    expect(() => parsePriceItem({ terms: {} })).toThrow(
      expect.objectContaining({ code: 'invalid-price-item', path: 'product' }),
    );
  });
});

import { describe, expect, it } from 'vitest';

import shippedJson from './data/aws-prices-snapshot.json' with { type: 'json' };
import { PricingError } from './errors.ts';
import { loadSnapshot, shippedSnapshot } from './snapshot.ts';

/** A deep copy of the shipped JSON that a test may corrupt. */
function copyOfShipped(): {
  prices: Record<string, unknown>[];
  sources: Record<string, unknown>;
  [key: string]: unknown;
} {
  return structuredClone(shippedJson) as never;
}

/** Index of the row for one item, so that tests do not depend on row order. */
function indexOf(json: ReturnType<typeof copyOfShipped>, item: string, region: string): number {
  const index = json.prices.findIndex((row) => row['item'] === item && row['region'] === region);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

function loadError(json: unknown): PricingError {
  try {
    loadSnapshot(json);
  } catch (error) {
    if (error instanceof PricingError) return error;
    throw error;
  }
  throw new Error('loadSnapshot accepted an invalid snapshot');
}

describe('the snapshot schema', () => {
  it('accepts the shipped snapshot with every row and its sources block', () => {
    const snapshot = loadSnapshot(shippedJson);

    expect(snapshot.schema_version).toBe(1);
    expect(snapshot.currency).toBe('USD');
    expect(snapshot.prices).toHaveLength(shippedJson.prices.length);
    expect(Object.keys(snapshot.sources)).toContain('karpenter-zz-generated-2026-07-20');
    expect(snapshot.gaps.length).toBeGreaterThan(0);
  });

  it('validates the shipped snapshot once and returns the same object after', () => {
    expect(shippedSnapshot()).toBe(shippedSnapshot());
  });

  it('keeps fields it does not know instead of dropping them', () => {
    const json = copyOfShipped();
    const index = indexOf(json, 't3.small', 'us-east-1');
    json.prices[index] = { ...json.prices[index], sku: 'QA3NBPZEQKZ2K9AR' };

    expect(loadSnapshot(json).prices[index]).toMatchObject({ sku: 'QA3NBPZEQKZ2K9AR' });
  });

  it('rejects a negative price, naming the path, the row and the value', () => {
    const json = copyOfShipped();
    const index = indexOf(json, 't3.small', 'us-east-1');
    json.prices[index] = { ...json.prices[index], usd: -0.0208 };

    const error = loadError(json);
    expect(error.code).toBe('invalid-snapshot');
    expect(error.path).toBe(`prices[${index}].usd`);
    expect(error.value).toBe(-0.0208);
    expect(error.message).toContain(`\`prices[${index}].usd\` (AmazonEC2 t3.small us-east-1)`);
    expect(error.message).toContain('`-0.0208`');
    expect(error.hint).toMatch(/aws-prices-snapshot\.json/);
  });

  it('rejects a price that is not finite', () => {
    const json = copyOfShipped();
    const index = indexOf(json, 't3.small', 'us-east-1');
    json.prices[index] = { ...json.prices[index], usd: Infinity };

    expect(loadError(json).path).toBe(`prices[${index}].usd`);
  });

  it('rejects a row whose source is not in the sources block', () => {
    const json = copyOfShipped();
    const index = indexOf(json, 'hosted-zone', 'global');
    json.prices[index] = { ...json.prices[index], source: 'a-blog-somewhere' };

    const error = loadError(json);
    expect(error.path).toBe(`prices[${index}].source`);
    expect(error.value).toBe('a-blog-somewhere');
    expect(error.message).toContain('unknown source id');
  });

  it('rejects a corroboration whose source is not in the sources block', () => {
    const json = copyOfShipped();
    const index = indexOf(json, 't3.small', 'us-east-1');
    const row = json.prices[index] as { corroborated_by: { source: string }[] };
    row.corroborated_by = [{ source: 'nowhere' }];

    expect(loadError(json).path).toBe(`prices[${index}].corroborated_by[0].source`);
  });

  it('rejects a row with a missing field', () => {
    const json = copyOfShipped();
    const index = indexOf(json, 'standard-queries-first-1B', 'global');
    delete json.prices[index]?.['unit'];

    const error = loadError(json);
    expect(error.path).toBe(`prices[${index}].unit`);
    expect(error.message).toContain('AmazonRoute53 standard-queries-first-1B global');
  });

  it('rejects a Reserved row without its term', () => {
    const json = copyOfShipped();
    const index = json.prices.findIndex((row) => row['price_model'] === 'Reserved');
    delete json.prices[index]?.['term'];

    expect(loadError(json).path).toBe(`prices[${index}].term`);
  });

  it('rejects a document that is not a snapshot at all', () => {
    const error = loadError({ prices: 'none' });

    expect(error.code).toBe('invalid-snapshot');
    expect(error.message).toMatch(/`schema_version`/);
  });
});

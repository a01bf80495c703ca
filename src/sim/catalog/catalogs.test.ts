import { describe, expect, it } from 'vitest';
import snapshot from '../../pricing/data/aws-prices-snapshot.json' with { type: 'json' };
import {
  AWS_BEHAVIOUR,
  AWS_BEHAVIOUR_FACT_NAMES,
  isAwsBehaviourFactName,
} from './aws-behaviour.ts';
import {
  CACHE_NODE_TYPES,
  CACHE_NODE_TYPE_NAMES,
  isCacheNodeTypeName,
} from './cache-node-types.ts';
import {
  DB_INSTANCE_CLASSES,
  DB_INSTANCE_CLASS_NAMES,
  isDbInstanceClassName,
} from './db-instance-classes.ts';

/** Official AWS documentation hosts a catalogue row may cite. */
const OFFICIAL_SOURCE =
  /^https:\/\/(docs\.aws\.amazon\.com\/|github\.com\/awsdocs\/|docs\.amazonaws\.cn\/|aws\.amazon\.com\/)/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function snapshotItems(service: string): Set<string> {
  const prices = (snapshot as { prices: { service: string; item: string }[] }).prices;
  return new Set(prices.filter((p) => p.service === service).map((p) => p.item));
}

function expectOfficialSources(source: string): void {
  const urls = source.split(' ');
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) expect(url).toMatch(OFFICIAL_SOURCE);
}

describe('the RDS DB instance class catalogue', () => {
  const priced = snapshotItems('AmazonRDS');

  it.each(DB_INSTANCE_CLASS_NAMES)('cites AWS documentation and a date for %s', (name) => {
    const c = DB_INSTANCE_CLASSES[name];
    expect(c.name).toBe(name);
    expectOfficialSources(c.source);
    expect(c.asOf).toMatch(ISO_DATE);
    expect(c.vcpus).toBeGreaterThan(0);
    expect(c.memoryGiB).toBeGreaterThan(0);
    expect(c.burstable).toBe(/^db\.t(3|4g)\./.test(name));
  });

  it('names only classes the price snapshot prices under AmazonRDS', () => {
    for (const name of DB_INSTANCE_CLASS_NAMES) expect(priced.has(name)).toBe(true);
  });

  it('leaves out exactly the priced classes no AWS page read so far describes', () => {
    const classes = [...priced].filter((item) => item.startsWith('db.'));
    const missing = classes.filter((item) => !isDbInstanceClassName(item));
    expect(missing.sort()).toEqual(['db.m7g.large', 'db.m7g.xlarge']);
  });

  it('has a name guard that agrees with the data', () => {
    for (const name of DB_INSTANCE_CLASS_NAMES) expect(isDbInstanceClassName(name)).toBe(true);
    expect(isDbInstanceClassName('db.t3.nano')).toBe(false);
    expect(isDbInstanceClassName('toString')).toBe(false);
    expect(isDbInstanceClassName(42)).toBe(false);
  });

  it('is frozen, so a learner cannot change AWS facts at run time', () => {
    expect(Object.isFrozen(DB_INSTANCE_CLASSES)).toBe(true);
    expect(Object.isFrozen(DB_INSTANCE_CLASSES['db.t3.micro'])).toBe(true);
  });
});

describe('the ElastiCache node type catalogue', () => {
  const priced = snapshotItems('AmazonElastiCache');

  it.each(CACHE_NODE_TYPE_NAMES)('cites AWS documentation and a date for %s', (name) => {
    const t = CACHE_NODE_TYPES[name];
    expect(t.name).toBe(name);
    expectOfficialSources(t.source);
    expect(t.asOf).toMatch(ISO_DATE);
    expect(Number.isInteger(t.maxmemoryBytes)).toBe(true);
    expect(t.memoryGiB).toBeGreaterThan(0);
    expect(t.memoryGiB).toBeCloseTo(t.maxmemoryBytes / 2 ** 30, 12);
    expect(t.memcachedMaxCacheMemoryMB).toBeGreaterThan(0);
    expect(t.memcachedThreads).toBeGreaterThan(0);
  });

  it('covers exactly the node types the price snapshot prices under AmazonElastiCache', () => {
    expect([...CACHE_NODE_TYPE_NAMES].sort()).toEqual([...priced].sort());
  });

  it('has a name guard that agrees with the data', () => {
    for (const name of CACHE_NODE_TYPE_NAMES) expect(isCacheNodeTypeName(name)).toBe(true);
    expect(isCacheNodeTypeName('cache.t2.micro')).toBe(false);
    expect(isCacheNodeTypeName('hasOwnProperty')).toBe(false);
    expect(isCacheNodeTypeName(undefined)).toBe(false);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(CACHE_NODE_TYPES)).toBe(true);
    expect(Object.isFrozen(CACHE_NODE_TYPES['cache.t3.micro'])).toBe(true);
  });
});

describe('the AWS behaviour catalogue', () => {
  it.each(AWS_BEHAVIOUR_FACT_NAMES)(
    'cites AWS documentation, a date and a short quote for %s',
    (name) => {
      const f = AWS_BEHAVIOUR[name];
      expectOfficialSources(f.source);
      expect(f.asOf).toMatch(ISO_DATE);
      expect(f.unit.length).toBeGreaterThan(0);
      expect(f.value).toBeDefined();
      if (f.quote !== undefined) {
        expect(f.quote.split(/\s+/).length).toBeLessThanOrEqual(25);
      }
    },
  );

  it('gives failover ranges that are ordered and positive', () => {
    const range = AWS_BEHAVIOUR.rdsMultiAzInstanceFailoverSeconds.value;
    expect(range.minSeconds).toBeGreaterThan(0);
    expect(range.maxSeconds).toBeGreaterThan(range.minSeconds);
    expect(AWS_BEHAVIOUR.rdsMultiAzClusterFailoverTypicalMaxSeconds.value).toBeLessThan(
      range.minSeconds,
    );
  });

  it('keeps each number in the quote it claims as evidence', () => {
    const numeric = AWS_BEHAVIOUR_FACT_NAMES.filter(
      (name) => typeof AWS_BEHAVIOUR[name].value === 'number',
    );
    for (const name of numeric) {
      const f = AWS_BEHAVIOUR[name];
      const written = (f.value as number).toLocaleString('en-US');
      expect(f.quote).toContain(written);
    }
  });

  it('has a name guard that agrees with the data', () => {
    for (const name of AWS_BEHAVIOUR_FACT_NAMES) expect(isAwsBehaviourFactName(name)).toBe(true);
    expect(isAwsBehaviourFactName('rdsFailoverSeconds')).toBe(false);
    expect(isAwsBehaviourFactName(null)).toBe(false);
  });

  it('is frozen, lists included', () => {
    expect(Object.isFrozen(AWS_BEHAVIOUR)).toBe(true);
    expect(Object.isFrozen(AWS_BEHAVIOUR.albRoutingAlgorithms)).toBe(true);
    expect(Object.isFrozen(AWS_BEHAVIOUR.albRoutingAlgorithms.value)).toBe(true);
  });
});

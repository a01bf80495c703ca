import { describe, expect, it } from 'vitest';
import { SLA_CATALOGUE } from './availability.ts';
import { composeAvailability } from './compose-availability.ts';
import { Stack } from './stack.ts';
import type { PartSpec, StackSpec } from './stack-spec.ts';

/** Availability as a percentage rounded to `decimals` places, the way the facts file quotes it. */
const percent = (a: number, decimals: number) => (a * 100).toFixed(decimals);

function splitStack(): Stack {
  const stack = new Stack('split');
  const db = stack.database('db', { instanceClass: 'db.t3.medium' });
  const web = stack.instance('web', { instanceType: 't3.medium', app: { database: db } });
  const ip = stack.elasticIp('web-ip', { instance: web });
  stack.dnsRecord('www', { name: 'www.example.com', target: ip });
  return stack;
}

/** Stage 5: two zones behind a load balancer, a Multi-AZ database, optionally a cache or a table. */
function stage5Stack(data: 'rds' | 'rds+cache' | 'dynamodb' = 'rds'): Stack {
  const stack = new Stack('stateless');
  const database =
    data === 'dynamodb'
      ? stack.table('items')
      : stack.database('db', { instanceClass: 'db.m5.large', multiAz: true });
  const cache =
    data === 'rds+cache'
      ? stack.cache('cache', { nodeType: 'cache.m5.large', az: 'us-east-1b' })
      : undefined;
  const app = cache === undefined ? { database } : { database, cache, sessions: cache };
  const webA = stack.instance('web-a', { instanceType: 'c5.large', az: 'us-east-1a', app });
  const webB = stack.instance('web-b', { instanceType: 'c5.large', az: 'us-east-1b', app });
  const lb = stack.loadBalancer('alb', { targets: [webA, webB] });
  stack.dnsRecord('www', { name: 'www.example.com', target: lb });
  return stack;
}

/** The same stack with every cache part made Multi-AZ (as the plain data a future spec may hold). */
function withMultiAzCache(spec: StackSpec): StackSpec {
  const parts = spec.parts.map((p) =>
    p.kind === 'cache' ? ({ ...p, multiAz: true } as unknown as PartSpec) : p,
  );
  return { ...spec, parts };
}

describe('composeAvailability: the facts file worked checks, from real stacks', () => {
  it('gives 99.0025 % for one EC2 instance in series with a single-instance RDS database', () => {
    const result = composeAvailability(splitStack());

    expect(result.endToEnd).toBeCloseTo(0.990025, 12);
    expect(result.path.map((s) => [s.partId, s.slaId])).toEqual([
      ['web', 'ec2-instance'],
      ['db', 'rds-single'],
    ]);
    expect(result.staticPath).toBeUndefined();
  });

  it('gives 99.93 % for ELB × EC2 Region-level × RDS Multi-AZ', () => {
    const result = composeAvailability(stage5Stack());

    expect(percent(result.endToEnd, 2)).toBe('99.93');
    expect(result.path.map((s) => [s.partId, s.slaId])).toEqual([
      ['alb', 'elb-multi-az'],
      ['web-a, web-b', 'ec2-region'],
      ['db', 'rds-multi-az'],
    ]);
    expect(result.path[1]?.partIds).toEqual(['web-a', 'web-b']);
  });

  it('gives 99.92 % once a Multi-AZ ElastiCache is added in series', () => {
    const result = composeAvailability(withMultiAzCache(stage5Stack('rds+cache').toJSON()));

    expect(percent(result.endToEnd, 2)).toBe('99.92');
    expect(result.path.at(-1)?.slaId).toBe('elasticache-multi-az');
  });

  it('counts a single-AZ ElastiCache node at 99.5 %', () => {
    const result = composeAvailability(stage5Stack('rds+cache'));

    expect(result.path.at(-1)).toMatchObject({ partId: 'cache', slaId: 'elasticache-single-az' });
    expect(result.endToEnd).toBeCloseTo(0.9999 * 0.9999 * 0.9995 * 0.995, 12);
  });

  it('gives 99.97 % for ELB × EC2 Region-level × DynamoDB', () => {
    expect(percent(composeAvailability(stage5Stack('dynamodb')).endToEnd, 2)).toBe('99.97');
  });

  it('reports the static path CloudFront × S3 at 99.80 %, apart from the dynamic path', () => {
    const stack = new Stack('static');
    const bucket = stack.bucket('assets');
    const cdn = stack.distribution('cdn', { origin: bucket });
    const web = stack.instance('web', { instanceType: 't3.micro', app: { staticFiles: cdn } });
    const ip = stack.elasticIp('ip', { instance: web });
    stack.dnsRecord('www', { name: 'www.example.com', target: ip });
    const result = composeAvailability(stack);

    expect(percent(result.staticPath?.availability ?? 0, 2)).toBe('99.80');
    expect(result.staticPath?.path.map((s) => s.partId)).toEqual(['cdn', 'assets']);
    expect(result.endToEnd).toBeCloseTo(0.995, 12);
  });
});

/** Two instances in two zones, each with an Elastic IP, sharing one single-AZ database. */
function twoAddressSpec(): StackSpec {
  const stack = new Stack('two-addresses');
  const db = stack.database('db', { instanceClass: 'db.t3.medium' });
  const a = stack.instance('web-a', {
    instanceType: 't3.micro',
    az: 'us-east-1a',
    app: { database: db },
  });
  const b = stack.instance('web-b', {
    instanceType: 't3.micro',
    az: 'us-east-1b',
    app: { database: db },
  });
  stack.elasticIp('ip-a', { instance: a });
  stack.elasticIp('ip-b', { instance: b });
  return stack.toJSON();
}

/** `spec` plus a DNS record given as plain data (routing policies the builder may not offer yet). */
function withRecord(spec: StackSpec, record: Record<string, unknown>): StackSpec {
  const dns = { kind: 'dns', id: 'www', name: 'www.example.com', ttlSeconds: 60, ...record };
  return { ...spec, parts: [...spec.parts, dns as unknown as PartSpec] };
}

describe('composeAvailability: DNS routing policies', () => {
  it('counts a failover record’s answers as parallel replicas, then the shared database', () => {
    const spec = withRecord(twoAddressSpec(), {
      routing: 'failover',
      primary: 'ip-a',
      secondary: 'ip-b',
      healthCheckIntervalSeconds: 30,
      failureThreshold: 3,
    });
    const result = composeAvailability(spec);

    expect(result.answers?.map((a) => [a.target, a.role, a.availability])).toEqual([
      ['ip-a', 'primary', 0.995],
      ['ip-b', 'secondary', 0.995],
    ]);
    expect(result.path.map((s) => s.slaId)).toEqual(['rds-single']);
    expect(result.endToEnd).toBeCloseTo(0.999975 * 0.995, 12);
    expect(result.notes.join('\n')).toMatch(/Failover record `www`.*assumption/);
  });

  it('averages a weighted record’s answers by weight, since a dead answer keeps its share', () => {
    const spec = twoAddressSpec();
    const lb = {
      kind: 'alb',
      id: 'alb',
      targets: ['web-a', 'web-b'],
      algorithm: 'round-robin',
      healthCheckIntervalSeconds: 30,
      unhealthyThreshold: 2,
    };
    const withLb = { ...spec, parts: [...spec.parts, lb as unknown as PartSpec] };
    const result = composeAvailability(
      withRecord(withLb, {
        routing: 'weighted',
        targets: [
          { target: 'alb', weight: 3 },
          { target: 'ip-a', weight: 1 },
        ],
      }),
    );

    const viaLb = 0.9999 * 0.9999;
    expect(result.answers?.map((a) => a.availability)).toEqual([
      expect.closeTo(viaLb, 12),
      expect.closeTo(0.995, 12),
    ]);
    expect(result.endToEnd).toBeCloseTo((0.75 * viaLb + 0.25 * 0.995) * 0.995, 12);
    expect(result.notes.join('\n')).toMatch(/averaged by weight/);
  });
});

describe('composeAvailability: what the SLAs cover', () => {
  it('counts several instances in one zone as one 99.5 % instance, saying why', () => {
    const stack = new Stack('one-zone');
    const a = stack.instance('web-a', { instanceType: 't3.micro', az: 'us-east-1a' });
    const b = stack.instance('web-b', { instanceType: 't3.micro', az: 'us-east-1a' });
    const lb = stack.loadBalancer('alb', { targets: [a, b] });
    stack.dnsRecord('www', { name: 'www.example.com', target: lb });
    const result = composeAvailability(stack);

    expect(result.path.map((s) => s.slaId)).toEqual(['elb-single-az', 'ec2-instance']);
    expect(result.endToEnd).toBeCloseTo(0.999 * 0.995, 12);
    expect(result.notes.join('\n')).toMatch(/share one Availability Zone/);
  });

  it('uses the Region-level SLA for an Auto Scaling group of two or more across zones', () => {
    const stack = new Stack('group');
    const group = stack.autoScalingGroup('web', {
      instanceType: 'c5.large',
      azs: ['us-east-1a', 'us-east-1b'],
      min: 2,
      max: 6,
    });
    const lb = stack.loadBalancer('alb', { targets: [group] });
    stack.dnsRecord('www', { name: 'www.example.com', target: lb });

    expect(composeAvailability(stack).path.map((s) => s.slaId)).toEqual([
      'elb-multi-az',
      'ec2-region',
    ]);
  });

  it('reports the independent-replica figure only as a note, calling it an assumption', () => {
    const notes = composeAvailability(stage5Stack()).notes.join('\n');

    expect(notes).toMatch(/Region-level SLA/);
    expect(notes).toMatch(/99\.9975 %.*assumption/);
  });

  it('names parts without an SLA in the notes instead of counting them as 100 %', () => {
    const hasRoute53 = SLA_CATALOGUE.some((e) => e.id === 'route53');
    const result = composeAvailability(splitStack());
    const notes = result.notes.join('\n');

    expect(notes).toMatch(/Elastic IP `web-ip`/);
    if (!hasRoute53) expect(notes).toMatch(/Route 53 record `www`.*not counted as 100 %/);
    expect(result.path.map((s) => s.partId)).not.toContain('web-ip');
  });

  it('carries each SLA’s source and date on every step', () => {
    for (const step of composeAvailability(stage5Stack('rds+cache')).path) {
      const entry = SLA_CATALOGUE.find((e) => e.id === step.slaId);
      expect(step).toMatchObject({
        service: entry?.service,
        percent: entry?.percent,
        source: entry?.source,
        asOf: entry?.asOf,
      });
      expect(step.source).toMatch(/^https:\/\//);
      expect(step.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('says a stack without a DNS record is never reached', () => {
    const stack = new Stack('bare');
    stack.instance('web', { instanceType: 't3.micro' });
    const result = composeAvailability(stack);

    expect(result.endToEnd).toBe(0);
    expect(result.notes).toEqual([expect.stringMatching(/No DNS record/)]);
  });

  it('notes that a database on the web instance shares its availability', () => {
    const stack = new Stack('launch');
    const web = stack.instance('web', { instanceType: 't3.micro' });
    stack.dnsRecord('www', { name: 'www.example.com', target: web });
    const result = composeAvailability(stack);

    expect(result.path.map((s) => s.slaId)).toEqual(['ec2-instance']);
    expect(result.notes.join('\n')).toMatch(/runs its own database/);
  });

  it('notes a dependency of an unknown future kind rather than throwing', () => {
    const spec = splitStack().toJSON();
    const parts = spec.parts.map((p) =>
      p.kind === 'rds' ? ({ kind: 'aurora', id: 'db' } as unknown as PartSpec) : p,
    );
    const result = composeAvailability({ ...spec, parts });

    expect(result.path.map((s) => s.slaId)).toEqual(['ec2-instance']);
    expect(result.notes.join('\n')).toMatch(/`db` \(aurora\) has no SLA/);
  });
});

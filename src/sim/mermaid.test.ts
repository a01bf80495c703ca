import { describe, expect, it } from 'vitest';
import { FAILED_MARKER, escapeLabel, toMermaid } from './mermaid.ts';
import type { SimResults } from './results.ts';
import { Stack } from './stack.ts';
import type { PartSpec, StackSpec } from './stack-spec.ts';

/** The structure of a generated chart, read back line by line. */
interface Chart {
  header: string;
  /** Label (lines joined by `\n`) of each node id. */
  labels: Map<string, string>;
  /** Innermost subgraph of each node id, or `''` at the top level. */
  parentOf: Map<string, string>;
  /** Title of each subgraph id, and the subgraph it is nested in. */
  subgraphs: Map<string, { title: string; parent: string }>;
  edges: { from: string; to: string; label: string; dotted: boolean }[];
  failedClass: string[];
  classDefs: string[];
}

const NODE = /^(\w+)(?:\(\[|\[\(|\(|\[)"(.*)"(?:\]\)|\)\]|\)|\])$/;
const EDGE = /^(\w+) (-->|-\.->)\|"(.*)"\| (\w+)$/;
const SUBGRAPH = /^subgraph (\w+)\["(.*)"\]$/;

function parseChart(source: string): Chart {
  const [header = '', ...rest] = source.trimEnd().split('\n');
  const chart: Chart = {
    header,
    labels: new Map(),
    parentOf: new Map(),
    subgraphs: new Map(),
    edges: [],
    failedClass: [],
    classDefs: [],
  };
  const stack: string[] = [];
  for (const raw of rest) {
    const line = raw.trim();
    const top = stack[stack.length - 1] ?? '';
    let m: RegExpMatchArray | null;
    if ((m = line.match(SUBGRAPH))) {
      chart.subgraphs.set(m[1]!, { title: m[2]!, parent: top });
      stack.push(m[1]!);
    } else if (line === 'end') {
      stack.pop();
    } else if ((m = line.match(EDGE))) {
      chart.edges.push({ from: m[1]!, to: m[4]!, label: m[3]!, dotted: m[2] === '-.->' });
    } else if ((m = line.match(NODE))) {
      expect(chart.labels.has(m[1]!), `node ${m[1]} defined twice`).toBe(false);
      chart.labels.set(m[1]!, m[2]!.split('<br/>').join('\n'));
      chart.parentOf.set(m[1]!, top);
    } else if (line.startsWith('classDef ')) {
      chart.classDefs.push(line);
    } else if ((m = line.match(/^class (\S+) failed$/))) {
      chart.failedClass.push(...m[1]!.split(','));
    } else {
      throw new Error(`Unexpected line in the chart: ${raw}`);
    }
  }
  expect(stack, 'every subgraph is closed').toEqual([]);
  return chart;
}

/** The id of the one node whose label's first line is `first`. */
function nodeId(chart: Chart, first: string): string {
  const ids = [...chart.labels].filter(([, l]) => l.split('\n')[0] === first).map(([id]) => id);
  expect(ids, `one node labelled "${first}"`).toHaveLength(1);
  return ids[0]!;
}

function edgeLabel(chart: Chart, from: string, to: string): string | undefined {
  const a = nodeId(chart, from);
  const b = nodeId(chart, to);
  return chart.edges.find((e) => e.from === a && e.to === b)?.label;
}

/** Title of the subgraph a node (by first label line) sits in, or `''`. */
function zoneOf(chart: Chart, first: string): string {
  const parent = chart.parentOf.get(nodeId(chart, first)) ?? '';
  return parent === '' ? '' : (chart.subgraphs.get(parent)?.title ?? '');
}

function launchStack(): Stack {
  const stack = new Stack('launch');
  const web = stack.instance('web', { instanceType: 't3.micro' });
  const ip = stack.elasticIp('web-ip', { instance: web });
  stack.dnsRecord('www', { name: 'www.example.com', target: ip });
  return stack;
}

function splitStack(): Stack {
  const stack = new Stack('split');
  const db = stack.database('db', { instanceClass: 'db.t3.medium' });
  const web = stack.instance('web', { instanceType: 't3.medium', app: { database: db } });
  const ip = stack.elasticIp('web-ip', { instance: web });
  stack.dnsRecord('www', { name: 'www.example.com', target: ip });
  return stack;
}

function stage5Stack(): Stack {
  const stack = new Stack('stateless');
  const db = stack.database('db', { instanceClass: 'db.m5.large', multiAz: true, readReplicas: 2 });
  const cache = stack.cache('cache', { nodeType: 'cache.m5.large', az: 'us-east-1b' });
  const sessions = stack.table('sessions_table');
  const bucket = stack.bucket('assets');
  const cdn = stack.distribution('cdn', { origin: bucket });
  const app = { database: db, cache, sessions, staticFiles: cdn };
  const webA = stack.instance('web-a', { instanceType: 'c5.large', az: 'us-east-1a', app });
  const webB = stack.instance('web-b', { instanceType: 'c5.large', az: 'us-east-1b', app });
  const lb = stack.loadBalancer('alb', { targets: [webA, webB] });
  stack.dnsRecord('www', { name: 'www.example.com', target: lb, ttlSeconds: 60 });
  return stack;
}

describe('toMermaid: structure', () => {
  it('draws the launch stack as users → DNS → Elastic IP → one instance in its zone', () => {
    const chart = parseChart(toMermaid(launchStack()));

    expect(chart.header).toBe('flowchart TB');
    expect(chart.labels.get(nodeId(chart, 'EC2 web'))).toBe('EC2 web\nt3.micro\napp and database');
    expect(edgeLabel(chart, 'Users', 'Route 53 record')).toBe('requests');
    expect(edgeLabel(chart, 'Route 53 record', 'Elastic IP')).toBe('resolves to');
    expect(edgeLabel(chart, 'Elastic IP', 'EC2 web')).toBe('requests');
    expect(zoneOf(chart, 'EC2 web')).toBe('Availability Zone us-east-1a');
    expect(zoneOf(chart, 'Elastic IP')).toBe('Region us-east-1');
    expect(zoneOf(chart, 'Route 53 record')).toBe('');
    expect(chart.failedClass).toEqual([]);
  });

  it('draws the split stack with the database reached by reads and writes', () => {
    const chart = parseChart(toMermaid(splitStack()));

    expect(edgeLabel(chart, 'EC2 web', 'RDS db')).toBe('reads, writes');
    expect(chart.labels.get(nodeId(chart, 'EC2 web'))).not.toContain('app and database');
    expect(zoneOf(chart, 'RDS db')).toBe('Availability Zone us-east-1a');
    expect(chart.subgraphs.size).toBe(2);
  });

  it('nests zones in the Region and keeps regional and global services outside the zones', () => {
    const chart = parseChart(toMermaid(stage5Stack()));
    const region = [...chart.subgraphs].find(([, s]) => s.title === 'Region us-east-1');
    expect(region?.[1].parent).toBe('');
    const zones = [...chart.subgraphs.values()].filter((s) => s.title.startsWith('Availability'));
    expect(zones.map((z) => z.title)).toEqual([
      'Availability Zone us-east-1a',
      'Availability Zone us-east-1b',
      'Availability Zone us-east-1c',
    ]);
    expect(zones.every((z) => z.parent === region?.[0])).toBe(true);

    expect(zoneOf(chart, 'Load balancer')).toBe('Region us-east-1');
    expect(zoneOf(chart, 'DynamoDB table sessions_table')).toBe('Region us-east-1');
    expect(zoneOf(chart, 'S3 bucket assets')).toBe('Region us-east-1');
    expect(zoneOf(chart, 'CloudFront cdn')).toBe('');
    expect(zoneOf(chart, 'Route 53 record')).toBe('');
    expect(zoneOf(chart, 'EC2 web-a')).toBe('Availability Zone us-east-1a');
    expect(zoneOf(chart, 'EC2 web-b')).toBe('Availability Zone us-east-1b');
  });

  it('places the standby in the next zone and labels every data edge by its role', () => {
    const chart = parseChart(toMermaid(stage5Stack()));

    expect(zoneOf(chart, 'RDS db primary')).toBe('Availability Zone us-east-1a');
    expect(zoneOf(chart, 'RDS db standby')).toBe('Availability Zone us-east-1b');
    expect(zoneOf(chart, 'RDS db read replica 1')).toBe('Availability Zone us-east-1b');
    expect(zoneOf(chart, 'RDS db read replica 2')).toBe('Availability Zone us-east-1c');
    expect(edgeLabel(chart, 'Load balancer', 'EC2 web-a')).toBe('requests');
    expect(edgeLabel(chart, 'Load balancer', 'EC2 web-b')).toBe('requests');
    for (const web of ['EC2 web-a', 'EC2 web-b']) {
      expect(edgeLabel(chart, web, 'ElastiCache cache')).toBe('reads');
      expect(edgeLabel(chart, web, 'RDS db primary')).toBe('writes');
      expect(edgeLabel(chart, web, 'RDS db read replica 1')).toBe('reads');
      expect(edgeLabel(chart, web, 'RDS db read replica 2')).toBe('reads');
      expect(edgeLabel(chart, web, 'DynamoDB table sessions_table')).toBe('sessions');
    }
    expect(edgeLabel(chart, 'Users', 'CloudFront cdn')).toBe('static files');
    expect(edgeLabel(chart, 'CloudFront cdn', 'S3 bucket assets')).toBe('cache misses');

    const replication = chart.edges.filter((e) => e.dotted).map((e) => e.label);
    expect(replication).toEqual(['sync replication', 'async replication', 'async replication']);
  });

  it('draws an Auto Scaling group as one node in each of its zones', () => {
    const stack = new Stack('group');
    const db = stack.database('db', { instanceClass: 'db.t3.micro' });
    const group = stack.autoScalingGroup('web_group', {
      instanceType: 'c5.large',
      azs: ['us-east-1a', 'us-east-1b'],
      min: 2,
      max: 6,
      app: { database: db },
    });
    const lb = stack.loadBalancer('alb', { targets: [group] });
    stack.dnsRecord('www', { name: 'www.example.com', target: lb });
    const chart = parseChart(toMermaid(stack));

    const groupNodes = [...chart.labels].filter(([, l]) => l.startsWith('Auto Scaling group'));
    expect(groupNodes).toHaveLength(2);
    const alb = nodeId(chart, 'Load balancer');
    const dbNode = nodeId(chart, 'RDS db');
    for (const [id] of groupNodes) {
      expect(chart.edges).toContainEqual({ from: alb, to: id, label: 'requests', dotted: false });
      expect(chart.edges).toContainEqual({
        from: id,
        to: dbNode,
        label: 'reads, writes',
        dotted: false,
      });
    }
  });

  it('gives the same string for the same stack, from a Stack or its JSON', () => {
    const a = toMermaid(stage5Stack());
    expect(toMermaid(stage5Stack())).toBe(a);
    expect(toMermaid(stage5Stack().toJSON())).toBe(a);
  });
});

describe('toMermaid: DNS routing policies', () => {
  function twoAddresses(record: Record<string, unknown>): StackSpec {
    const stack = new Stack('two-addresses');
    const a = stack.instance('web-a', { instanceType: 't3.micro', az: 'us-east-1a' });
    const b = stack.instance('web-b', { instanceType: 't3.micro', az: 'us-east-1b' });
    stack.elasticIp('ip-a', { instance: a });
    stack.elasticIp('ip-b', { instance: b });
    const spec = stack.toJSON();
    const dns = { kind: 'dns', id: 'www', name: 'www.example.com', ttlSeconds: 60, ...record };
    return { ...spec, parts: [...spec.parts, dns as unknown as PartSpec] };
  }

  it('draws both answers of a failover record, saying which is the primary', () => {
    const spec = twoAddresses({ routing: 'failover', primary: 'ip-a', secondary: 'ip-b' });
    const chart = parseChart(toMermaid(spec));
    const [ipA, ipB] = [...chart.labels].filter(([, l]) => l.startsWith('Elastic IP'));
    const dns = nodeId(chart, 'Route 53 record');

    expect(chart.edges).toContainEqual({
      from: dns,
      to: ipA?.[0],
      label: 'resolves to (primary)',
      dotted: false,
    });
    expect(chart.edges).toContainEqual({
      from: dns,
      to: ipB?.[0],
      label: 'if primary unhealthy',
      dotted: false,
    });
  });

  it('marks a failover primary that Route 53 found unhealthy in the run', () => {
    const spec = twoAddresses({ routing: 'failover', primary: 'ip-a', secondary: 'ip-b' });
    const results = {
      parts: { www: { kind: 'dns', healthChanges: [{ atSeconds: 40, healthy: false }] } },
    } as unknown as SimResults;
    const chart = parseChart(toMermaid(spec, results));
    const [ipA, ipB] = [...chart.labels].filter(([, l]) => l.startsWith('Elastic IP'));

    expect(ipA?.[1]).toContain(`${FAILED_MARKER} (health check)`);
    expect(chart.failedClass).toEqual([ipA?.[0]]);
    expect(ipB?.[1]).not.toContain('✗');
  });

  it('labels each answer of a weighted record with its weight', () => {
    const targets = [
      { target: 'ip-a', weight: 3 },
      { target: 'ip-b', weight: 1 },
    ];
    const chart = parseChart(toMermaid(twoAddresses({ routing: 'weighted', targets })));
    const dns = nodeId(chart, 'Route 53 record');

    expect(chart.edges.filter((e) => e.from === dns).map((e) => e.label)).toEqual([
      'weight 3',
      'weight 1',
    ]);
  });
});

describe('toMermaid: safety', () => {
  it('maps ids with `-` and `_` to plain word node ids, all distinct', () => {
    const stack = new Stack('ids');
    const a = stack.instance('web-1', { instanceType: 't3.micro' });
    stack.instance('web_1', { instanceType: 't3.micro' });
    stack.instance('end', { instanceType: 't3.micro' });
    const ip = stack.elasticIp('ip-web-1', { instance: a });
    stack.dnsRecord('www', { name: 'www.example.com', target: ip });
    const chart = parseChart(toMermaid(stack));

    const ids = [...chart.labels.keys()];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(users|n\d+_\w*)$/);
    expect(ids).not.toContain('end');
    expect(chart.labels.get(nodeId(chart, 'EC2 web-1'))).toContain('t3.micro');
    expect(chart.labels.get(nodeId(chart, 'EC2 web_1'))).toContain('t3.micro');
  });

  it('escapes quotes, hashes and angle brackets in labels', () => {
    expect(escapeLabel('a "b" #1 <c>')).toBe('a #quot;b#quot; #35;1 #lt;c#gt;');
  });

  it('draws a part of an unknown future kind as a plain node instead of throwing', () => {
    const spec = launchStack().toJSON();
    const future = { kind: 'sqs', id: 'jobs-queue', visibilityTimeoutSeconds: 30 };
    const zoned = { kind: 'efs-mount', id: 'files', az: 'us-east-1b' };
    const withFuture: StackSpec = {
      ...spec,
      parts: [...spec.parts, future as unknown as PartSpec, zoned as unknown as PartSpec],
    };
    const chart = parseChart(toMermaid(withFuture));

    expect(zoneOf(chart, 'sqs jobs-queue')).toBe('Region us-east-1');
    expect(zoneOf(chart, 'efs-mount files')).toBe('Availability Zone us-east-1b');
  });
});

describe('toMermaid: failures', () => {
  it('marks named parts with the failed class and a text marker', () => {
    const chart = parseChart(toMermaid(splitStack(), undefined, { failed: ['db', 'nothing'] }));
    const db = nodeId(chart, 'RDS db');

    expect(chart.failedClass).toEqual([db]);
    expect(chart.labels.get(db)).toContain(FAILED_MARKER);
    expect(chart.labels.get(nodeId(chart, 'EC2 web'))).not.toContain('✗');
    expect(chart.classDefs.join('\n')).toMatch(/classDef failed .*stroke-dasharray/);
  });

  it('marks every part in a failed zone, and the zone itself', () => {
    const chart = parseChart(toMermaid(stage5Stack(), undefined, { failed: ['us-east-1a'] }));
    const zone = [...chart.subgraphs].find(([, s]) => s.title.includes('us-east-1a'));

    expect(zone?.[1].title).toBe('Availability Zone us-east-1a ✗ outage');
    expect(chart.failedClass).toContain(zone?.[0]);
    expect(chart.failedClass).toContain(nodeId(chart, 'EC2 web-a'));
    expect(chart.failedClass).toContain(nodeId(chart, 'RDS db primary'));
    expect(chart.failedClass).not.toContain(nodeId(chart, 'EC2 web-b'));
    expect(chart.failedClass).not.toContain(nodeId(chart, 'Load balancer'));
  });

  it('marks a database that failed over and a cache that lost its items, from the results', () => {
    const results = {
      parts: {
        db: { kind: 'rds', failovers: [{ atSeconds: 30, durationSeconds: 90 }] },
        cache: { kind: 'cache', itemsLost: 120 },
      },
    } as unknown as SimResults;
    const chart = parseChart(toMermaid(stage5Stack(), results));

    expect(chart.labels.get(nodeId(chart, 'RDS db primary'))).toContain(
      `${FAILED_MARKER} (failover)`,
    );
    expect(chart.labels.get(nodeId(chart, 'ElastiCache cache'))).toContain(
      `${FAILED_MARKER} (items lost)`,
    );
    expect(chart.failedClass).toHaveLength(2);
    expect(chart.labels.get(nodeId(chart, 'RDS db standby'))).not.toContain('✗');
  });
});

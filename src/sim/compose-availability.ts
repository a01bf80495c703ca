/**
 * The availability a stack's AWS SLAs imply, end to end: the SLA of every part a dynamic
 * request needs, multiplied in series. The static path (CloudFront in front of S3) is composed
 * apart, because a page whose images fail still loads.
 *
 * Two readings are built in, both stated where they are used:
 * - Web instances in two or more Availability Zones behind a load balancer take EC2's
 *   Region-level SLA (99.99 %). That is the SLA's own definition of what it covers, not a
 *   calculation of ours.
 * - Parts in series fail independently. So do replicas, if you choose `parallel` instead of the
 *   Region-level SLA; that is an assumption (see `availability.ts`), never an AWS commitment.
 */
import { SLA_CATALOGUE, compose, downtimeMinutes, parallel } from './availability.ts';
import type { SlaMeasure } from './availability.ts';
import { Stack } from './stack.ts';
import type { PartSpec, StackSpec } from './stack-spec.ts';

/** One SLA on a path: which parts it covers and the commitment, with its source. */
export interface AvailabilityStep {
  /** The part this step stands for; for a tier of several instances, their ids joined by `, `. */
  partId: string;
  /** Every part the step covers, in stack order. */
  partIds: string[];
  /** Id of the catalogue entry used, e.g. `rds-multi-az`. */
  slaId: string;
  /** AWS service name, e.g. `Amazon RDS`. */
  service: string;
  /** What the commitment covers, e.g. `multi-AZ`. */
  scope: string;
  /** Committed monthly availability in percent, e.g. 99.95. */
  percent: number;
  /** Whether the SLA counts minutes (`time`) or requests (`requests`). */
  measure: SlaMeasure;
  /** Where the number comes from. */
  source: string;
  /** Date of the SLA page (YYYY-MM-DD). */
  asOf: string;
}

/** A path's composed availability and the SLAs it multiplies. */
export interface PathAvailability {
  /** Product of the steps' SLAs, a fraction from 0 to 1 (0.998, not 99.8). */
  availability: number;
  /** Expected downtime in minutes in a 30-day month at that availability. */
  downtimeMinutesPerMonth: number;
  /** SLAs in request order. */
  path: AvailabilityStep[];
}

/** What `composeAvailability` returns. */
export interface ComposedAvailability {
  /**
   * Availability of a dynamic request, a fraction from 0 to 1: the product of `path` (times the
   * combined `answers` for a failover or weighted record). Parts
   * listed in `notes` as having no SLA are left out of the product, so this is an upper bound
   * for them. 0 when no DNS record routes users to the stack.
   */
  endToEnd: number;
  /** Expected downtime of the dynamic path in minutes in a 30-day month. */
  downtimeMinutesPerMonth: number;
  /** SLAs a dynamic request depends on, from the entry point to the data. */
  path: AvailabilityStep[];
  /** The static files' path (CloudFront, then S3), when the app serves them from a distribution. */
  staticPath?: PathAvailability;
  /**
   * A failover or weighted DNS record: each answer's entry point and web tier, which
   * `endToEnd` combines (see `notes`) before the shared data tier in `path`.
   */
  answers?: AnswerAvailability[];
  /** What was left out or assumed, one sentence each, for the learner. */
  notes: string[];
}

/** One answer of a failover or weighted record, with the SLAs of its entry point and web tier. */
export interface AnswerAvailability extends DnsAnswer {
  /** Product of `path`, a fraction from 0 to 1. */
  availability: number;
  /** SLAs from the answer's entry point through its web tier. */
  path: AvailabilityStep[];
}

type Part<K extends PartSpec['kind']> = Extract<PartSpec, { kind: K }>;
type WebPart = Part<'ec2'> | Part<'asg'>;

/** Catalogue id of a Route 53 SLA, used when the catalogue gains one. */
const ROUTE53_SLA_ID = 'route53';

/**
 * Composes the SLAs on a stack's request path: Route 53, then the Elastic IP or load balancer
 * its first DNS record points at, the web tier, then every database, cache and table the web
 * tier's apps use (all in series).
 *
 * - Web tier: instances all in one AZ take the single-instance EC2 SLA (99.5 %), however many
 *   there are, since one zone's outage takes them all. Two or more instances across two or more
 *   zones behind a load balancer take the Region-level EC2 SLA (99.99 %): AWS defines that SLA
 *   for instances "deployed concurrently across two or more AZs in the same region". Treating
 *   them instead as independent 99.5 % replicas (`parallel`) is an assumption, reported in the
 *   notes for comparison only.
 * - Load balancer: Multi-AZ (99.99 %) when its targets span two or more zones, else single-AZ
 *   (99.9 %). The model does not place the load balancer itself, so its zones are its targets'.
 * - RDS: Multi-AZ (99.95 %) or single instance (99.5 %); read replicas do not change the SLA.
 *   A database on an EC2 instance takes the single-instance EC2 SLA.
 * - ElastiCache: Multi-AZ (99.99 %) when the part says `multiAz: true`, else single-AZ (99.5 %).
 *   It is counted in series, as the facts file does; an app that falls back to the database
 *   when the cache is down would not need it.
 * - DynamoDB: standard table (99.99 %); a global table (`replicaRegions`) takes the multi-Region
 *   SLA (99.999 %).
 * - A latency record with health checks counts its Regions as replicas (`parallel`, like a
 *   failover record); without them, a dead Region keeps its users, so the answers are averaged.
 *
 * A part with no SLA in the catalogue (an Elastic IP, Route 53 while the catalogue has none, a
 * kind this version does not know) is named in `notes`, not silently counted as 100 %.
 */
export function composeAvailability(stack: Stack | StackSpec): ComposedAvailability {
  const spec = stack instanceof Stack ? stack.toJSON() : stack;
  const parts: readonly PartSpec[] = Array.isArray(spec.parts) ? spec.parts : [];
  const byId = new Map(parts.map((p) => [p.id, p]));
  const notes: string[] = [];
  const path: AvailabilityStep[] = [];

  const records = parts.filter((p): p is Part<'dns'> => p.kind === 'dns');
  const record = records[0];
  if (record === undefined) {
    notes.push('No DNS record points users at the stack, so no request reaches it.');
    return { endToEnd: 0, downtimeMinutesPerMonth: downtimeMinutes(0), path, notes };
  }
  if (records.length > 1) {
    notes.push(`Several DNS records: the path starts at the first, \`${record.id}\`.`);
  }
  if (!pushSla(path, [record.id], ROUTE53_SLA_ID)) {
    notes.push(
      `Route 53 record \`${record.id}\`: the SLA catalogue has no Route 53 entry, so it is left out of the product (not counted as 100 %).`,
    );
  }

  const answers = dnsAnswersOf(record);
  if (answers.length === 0) {
    notes.push(`DNS record \`${record.id}\` gives no answer this version can follow.`);
    return { endToEnd: 0, downtimeMinutesPerMonth: downtimeMinutes(0), path, notes };
  }
  if (answers.length === 1) {
    const web = webTierOf(byId, answers[0]!.target, path, notes);
    for (const id of dependenciesOf(web, notes)) addDependency(byId.get(id), id, path, notes);
    return {
      endToEnd: productOf(path),
      downtimeMinutesPerMonth: downtimeMinutes(productOf(path)),
      path,
      ...staticPathOf(byId, web, notes),
      notes,
    };
  }

  // Several answers: each has its own entry point and web tier; the data tier stays in series.
  const routed = answers.map((answer) => {
    const steps: AvailabilityStep[] = [];
    const web = webTierOf(byId, answer.target, steps, notes);
    const availability = productOf(steps);
    const branch: AnswerAvailability = { ...answer, availability, path: steps };
    return { branch, web };
  });
  const web = routed.flatMap((r) => r.web);
  for (const id of dependenciesOf(web, notes)) addDependency(byId.get(id), id, path, notes);
  const branches = routed.map((r) => r.branch);
  const checked = (record as { healthCheck?: unknown }).healthCheck !== undefined;
  const front = combineAnswers(record.id, branches, checked, notes);
  const endToEnd = front * productOf(path);
  return {
    endToEnd,
    downtimeMinutesPerMonth: downtimeMinutes(endToEnd),
    path,
    answers: branches,
    ...staticPathOf(byId, web, notes),
    notes,
  };
}

/**
 * One answer of a failover record: the record treats the answers as replicas (`parallel`),
 * which assumes they fail independently and that the switch is instant; the health check's
 * probes and the resolvers' TTL delay it in reality, which SLAs do not see but the simulator
 * does. A weighted record without health checks keeps sending each answer its share, so the
 * answers' availabilities are averaged by weight (a share of requests, not of time).
 */
function combineAnswers(
  recordId: string,
  branches: readonly AnswerAvailability[],
  healthChecked: boolean,
  notes: string[],
): number {
  if (branches.every((b) => b.role === 'latency')) {
    if (!healthChecked) {
      notes.push(
        `Latency record \`${recordId}\` has no health check, so a Region that is down keeps its users: the answers' availabilities are averaged with equal shares (the stack does not say where users are).`,
      );
      return branches.reduce((sum, b) => sum + b.availability, 0) / branches.length;
    }
    notes.push(
      `Latency record \`${recordId}\`: with health checks, users move to the next-nearest healthy Region, so its Regions count as independent replicas (\`parallel\`), an assumption. The move also waits for the health check and the TTL.`,
    );
    return parallel(...branches.map((b) => b.availability));
  }
  if (branches.every((b) => b.role === 'weighted')) {
    const total = branches.reduce((sum, b) => sum + (b.weight ?? 0), 0);
    const shareOf = (b: AnswerAvailability): number =>
      total === 0 ? 1 / branches.length : (b.weight ?? 0) / total;
    notes.push(
      `Weighted record \`${recordId}\` has no health check, so each answer keeps its share of requests when it is down: the answers' availabilities are averaged by weight.`,
    );
    return branches.reduce((sum, b) => sum + shareOf(b) * b.availability, 0);
  }
  notes.push(
    `Failover record \`${recordId}\`: its answers count as independent replicas (\`parallel\`), an assumption. The switch also waits for the health check and the TTL, which an SLA figure does not show.`,
  );
  return parallel(...branches.map((b) => b.availability));
}

/** One answer a DNS record gives, with its role under the record's routing policy. */
export interface DnsAnswer {
  /** Id of the part answered with. */
  target: string;
  /**
   * `simple`: the only answer; `primary` / `secondary`: failover routing; `weighted`: a share;
   * `latency`: the answer for users nearest its Region.
   */
  role: 'simple' | 'primary' | 'secondary' | 'weighted' | 'latency';
  /** Weighted routing: the answer's weight, 0 to 255. */
  weight?: number;
  /** Latency routing: the answer's Region. */
  region?: string;
}

/**
 * The answers of a Route 53 record under its routing policy (simple, failover or weighted).
 * Reads the record loosely, so a record of a routing this version does not know gives none.
 */
export function dnsAnswersOf(record: PartSpec): DnsAnswer[] {
  const r = record as {
    routing?: unknown;
    target?: unknown;
    primary?: unknown;
    secondary?: unknown;
    targets?: unknown;
  };
  if (r.routing === 'failover') {
    return [
      ...(typeof r.primary === 'string' ? [{ target: r.primary, role: 'primary' as const }] : []),
      ...(typeof r.secondary === 'string'
        ? [{ target: r.secondary, role: 'secondary' as const }]
        : []),
    ];
  }
  if (r.routing === 'latency') {
    const targets: unknown[] = Array.isArray(r.targets) ? r.targets : [];
    return targets.flatMap((t) => {
      const answer = t as { target?: unknown; region?: unknown };
      if (typeof answer.target !== 'string') return [];
      const region = typeof answer.region === 'string' ? answer.region : '';
      return [{ target: answer.target, role: 'latency' as const, region }];
    });
  }
  if (r.routing === 'weighted') {
    const targets: unknown[] = Array.isArray(r.targets) ? r.targets : [];
    return targets.flatMap((t) => {
      const answer = t as { target?: unknown; weight?: unknown };
      if (typeof answer.target !== 'string') return [];
      const weight = typeof answer.weight === 'number' ? answer.weight : 0;
      return [{ target: answer.target, role: 'weighted' as const, weight }];
    });
  }
  return typeof r.target === 'string' ? [{ target: r.target, role: 'simple' }] : [];
}

/** Walks from the DNS target to the web instances, adding the entry point's and the tier's SLA. */
function webTierOf(
  byId: ReadonlyMap<string, PartSpec>,
  targetId: string,
  path: AvailabilityStep[],
  notes: string[],
): WebPart[] {
  const target = byId.get(targetId);
  if (target?.kind === 'eip') {
    notes.push(
      `Elastic IP \`${target.id}\`: an address has no SLA of its own; it is up when its instance is.`,
    );
    const instance = byId.get(target.instance);
    if (instance?.kind === 'ec2') pushWebTier(path, [instance], false, notes);
    return instance?.kind === 'ec2' ? [instance] : [];
  }
  if (target?.kind === 'ec2') {
    pushWebTier(path, [target], false, notes);
    return [target];
  }
  if (target?.kind === 'alb') {
    const web = target.targets
      .map((id) => byId.get(id))
      .filter((p): p is WebPart => p?.kind === 'ec2' || p?.kind === 'asg');
    const multiAz = zonesOf(web).length >= 2;
    pushSla(path, [target.id], multiAz ? 'elb-multi-az' : 'elb-single-az');
    if (web.length > 0) pushWebTier(path, web, true, notes);
    return web;
  }
  notes.push(
    `\`${targetId}\`, the DNS record's target, has no SLA in the catalogue; the path stops there.`,
  );
  return [];
}

/** The web tier's step: Region-level EC2 SLA across zones behind a load balancer, else one instance's. */
function pushWebTier(
  path: AvailabilityStep[],
  web: readonly WebPart[],
  balanced: boolean,
  notes: string[],
): void {
  const ids = web.map((p) => p.id);
  const zones = zonesOf(web);
  const instances = web.reduce((n, p) => n + (p.kind === 'asg' ? p.min : 1), 0);
  if (balanced && zones.length >= 2 && instances >= 2) {
    pushSla(path, ids, 'ec2-region');
    const single = SLA_CATALOGUE.find((e) => e.id === 'ec2-instance')!.percent / 100;
    const independent = parallel(...zones.map(() => single));
    notes.push(
      `${list(ids)} run in ${zones.length} Availability Zones, so EC2's Region-level SLA covers the tier: that is how AWS defines it. Counting one instance per zone as an independent 99.5 % replica would give ${formatPercent(independent)}, but independence is an assumption, not a commitment.`,
    );
    return;
  }
  pushSla(path, ids, 'ec2-instance');
  if (instances >= 2) {
    notes.push(
      `${list(ids)} share one Availability Zone, so they count as one 99.5 % instance: an outage of ${zones[0] ?? 'the zone'} takes them all.`,
    );
  }
}

/** Ids of the databases, caches and tables the web tier's apps use, in first-use order. */
function dependenciesOf(web: readonly WebPart[], notes: string[]): string[] {
  const ids: string[] = [];
  const add = (id: string | undefined): void => {
    if (id !== undefined && id !== 'instance' && !ids.includes(id)) ids.push(id);
  };
  for (const part of web) {
    if (part.app === undefined) {
      notes.push(
        `\`${part.id}\` runs its own database, so the data is as available as the instance.`,
      );
      continue;
    }
    add(part.app.database);
    add(part.app.cache);
    add(part.app.sessions);
  }
  return ids;
}

function addDependency(
  part: PartSpec | undefined,
  id: string,
  path: AvailabilityStep[],
  notes: string[],
): void {
  if (part?.kind === 'rds') {
    pushSla(path, [id], part.multiAz ? 'rds-multi-az' : 'rds-single');
    if (part.readReplicas > 0) {
      notes.push(`\`${id}\`'s read replicas do not change its SLA: writes still need the primary.`);
    }
  } else if (part?.kind === 'ec2') {
    pushSla(path, [id], 'ec2-instance');
  } else if (part?.kind === 'cache') {
    const multiAz = (part as { multiAz?: unknown }).multiAz === true;
    pushSla(path, [id], multiAz ? 'elasticache-multi-az' : 'elasticache-single-az');
  } else if (part?.kind === 'dynamodb') {
    const global = part.replicaRegions !== undefined && part.replicaRegions.length > 0;
    pushSla(path, [id], global ? 'dynamodb-global' : 'dynamodb');
  } else {
    const kind = part === undefined ? 'missing part' : String((part as { kind: unknown }).kind);
    notes.push(
      `\`${id}\` (${kind}) has no SLA in the catalogue, so it is left out of the product (not counted as 100 %).`,
    );
  }
}

/** CloudFront then S3, for the distribution the web tier's apps link their static files to. */
function staticPathOf(
  byId: ReadonlyMap<string, PartSpec>,
  web: readonly WebPart[],
  notes: string[],
): { staticPath?: PathAvailability } {
  const named = [...new Set(web.flatMap((p) => (p.app?.staticFiles ? [p.app.staticFiles] : [])))];
  const distribution = byId.get(named[0] ?? '');
  if (distribution?.kind !== 'cloudfront') return {};

  const path: AvailabilityStep[] = [];
  pushSla(path, [distribution.id], 'cloudfront');
  if (byId.get(distribution.origin)?.kind === 's3') {
    pushSla(path, [distribution.origin], 's3-standard');
  } else {
    notes.push(
      `\`${distribution.origin}\`, the origin of \`${distribution.id}\`, has no SLA in the catalogue.`,
    );
  }
  const availability = productOf(path);
  return {
    staticPath: { availability, downtimeMinutesPerMonth: downtimeMinutes(availability), path },
  };
}

/** Appends the catalogue entry `slaId` for `partIds`; false when the catalogue has no such entry. */
function pushSla(path: AvailabilityStep[], partIds: string[], slaId: string): boolean {
  const entry = SLA_CATALOGUE.find((e) => e.id === slaId);
  if (entry === undefined) return false;
  path.push({
    partId: partIds.join(', '),
    partIds,
    slaId,
    service: entry.service,
    scope: entry.scope,
    percent: entry.percent,
    measure: entry.measure,
    source: entry.source,
    asOf: entry.asOf,
  });
  return true;
}

/** Product of the steps' SLAs; an empty path multiplies nothing, and the notes say why. */
function productOf(path: readonly AvailabilityStep[]): number {
  return path.length === 0 ? 1 : compose({ series: path.map((s) => s.percent / 100) });
}

/**
 * Zones the web tier has instances in, sorted. A group fills `min(min, azs)` of its zones, since
 * it spreads its instances evenly.
 */
function zonesOf(web: readonly WebPart[]): string[] {
  const zones = new Set<string>();
  for (const part of web) {
    if (part.kind === 'ec2') zones.add(part.az);
    else for (const az of part.azs.slice(0, Math.max(0, part.min))) zones.add(az);
  }
  return [...zones].sort();
}

function list(ids: readonly string[]): string {
  return ids.map((id) => `\`${id}\``).join(', ');
}

function formatPercent(a: number): string {
  return `${Number((a * 100).toFixed(6))} %`;
}

/**
 * A stack drawn as Mermaid `flowchart` source: users at the top, then DNS, the entry point, the
 * web tier and the data tier, with each Region and its Availability Zones as nested subgraphs.
 * Pure string building, so the same stack (and results) always give the same text.
 */
import { REGION_CODES } from './catalog/regions.ts';
import type { SimResults } from './results.ts';
import { dnsAnswersOf } from './compose-availability.ts';
import type { DnsAnswer } from './compose-availability.ts';
import { Stack } from './stack.ts';
import { regionOfPart } from './stack-spec.ts';
import type { AppWiring, PartSpec, StackSpec } from './stack-spec.ts';

/** Options of `toMermaid`. */
export interface MermaidOptions {
  /**
   * Part ids, Availability Zone names (e.g. `us-east-1a`) or Region codes (e.g. `eu-west-1`) to
   * draw as failed: pass the `target` of each of the scenario's failures. A zone or a Region
   * marks every part drawn inside it. Ids that match nothing are ignored. Default none.
   */
  failed?: readonly string[];
}

/** Text every failed part carries in its label, so the mark does not rely on colour alone. */
export const FAILED_MARKER = '✗ failed';

/** Mermaid style of failed parts: a dashed red outline (the label also says `✗ failed`). */
const FAILED_CLASS_DEF = 'classDef failed stroke:#c62828,stroke-width:3px,stroke-dasharray:6 4';

/** Where a node is drawn: outside the Regions, in a Region outside any zone, or in a zone. */
type Place =
  | { level: 'global' }
  | { level: 'region'; region: string }
  | { level: 'az'; az: string; region: string };

type Shape = 'box' | 'round' | 'stadium' | 'cylinder';

interface DiagramNode {
  id: string;
  lines: string[];
  shape: Shape;
  place: Place;
  failed: boolean;
}

interface DiagramEdge {
  from: string;
  to: string;
  labels: string[];
  /** Replication is drawn dotted: data flows, requests do not. */
  dotted: boolean;
}

/** A part of a kind this version does not know: only what every part has is relied on. */
interface AnyPart {
  kind: string;
  id: string;
  az?: unknown;
}

const USERS = 'users';

/** Kinds whose edges are added together, tier by tier from the users down. */
const EDGE_ORDER: readonly (readonly string[])[] = [
  ['dns'],
  ['eip', 'alb'],
  ['ec2', 'asg'],
  ['cloudfront'],
  ['rds'],
];
const KNOWN_KINDS: readonly string[] = EDGE_ORDER.flat();

/** Label of the edge from a DNS record to each of its answers, by routing role. */
const DNS_ANSWER_LABELS: Record<DnsAnswer['role'], (weight?: number) => string> = {
  simple: () => 'resolves to',
  primary: () => 'resolves to (primary)',
  secondary: () => 'if primary unhealthy',
  weighted: (weight) => `weight ${weight ?? 0}`,
  latency: () => 'nearest users',
};

/**
 * Mermaid `flowchart TB` source for a stack. Regional services (the load balancer, DynamoDB,
 * S3, Elastic IPs) sit in the Region outside the zones; Route 53 and CloudFront are global and
 * sit outside the Region. Parts are marked failed when `options.failed` names them or their
 * zone, and, given `results`, when a database failed over, a cache node lost its items, an
 * Auto Scaling group replaced an unhealthy instance, or a failover record's health check found
 * its primary unhealthy. Results carry no per-instance downtime, so a crashed EC2 instance
 * shows only through `options.failed`. Parts of kinds this version does not know are drawn as
 * plain nodes.
 */
export function toMermaid(
  stack: Stack | StackSpec,
  results?: SimResults,
  options?: MermaidOptions,
): string {
  const spec = stack instanceof Stack ? stack.toJSON() : stack;
  const diagram = new Diagram(spec, results, new Set(options?.failed ?? []));
  return diagram.render();
}

/** Nodes and edges of one stack, collected part by part, then printed in a fixed order. */
class Diagram {
  readonly #spec: StackSpec;
  readonly #parts: readonly PartSpec[];
  readonly #results: SimResults | undefined;
  readonly #failed: ReadonlySet<string>;
  readonly #nodes: DiagramNode[] = [];
  readonly #edges = new Map<string, DiagramEdge>();
  /** Node ids of each part: the node requests reach first (primary, or each zone of a group). */
  readonly #entryNodes = new Map<string, string[]>();
  readonly #baseIds = new Map<string, string>();
  /** Primaries of failover records that Route 53's health check marked unhealthy in the run. */
  readonly #unhealthyPrimaries: ReadonlySet<string>;

  constructor(spec: StackSpec, results: SimResults | undefined, failed: ReadonlySet<string>) {
    this.#spec = spec;
    this.#results = results;
    this.#failed = failed;
    const parts: readonly PartSpec[] = Array.isArray(spec.parts) ? spec.parts : [];
    this.#parts = parts;
    parts.forEach((part, index) => this.#baseIds.set(part.id, nodeIdOf(part.id, index)));
    this.#unhealthyPrimaries = unhealthyPrimariesOf(parts, results);
    this.#nodes.push({
      id: USERS,
      lines: ['Users'],
      shape: 'stadium',
      place: { level: 'global' },
      failed: false,
    });
    for (const part of parts) this.#addPartNodes(part);
    // Edges follow a request down the page, so dagre ranks the tiers in that order.
    for (const kinds of EDGE_ORDER) {
      for (const part of parts) if (kinds.includes(part.kind)) this.#addPartEdges(part);
    }
    for (const part of parts) if (!KNOWN_KINDS.includes(part.kind)) this.#addPartEdges(part);
  }

  render(): string {
    const out = ['flowchart TB'];
    for (const node of this.#nodesAt('global')) out.push(`  ${nodeSource(node)}`);

    // The home Region first (drawn even when empty), then each other Region that holds a part.
    const home = String(this.#spec.region);
    const others = REGION_CODES.filter(
      (r) =>
        r !== home && this.#nodes.some((n) => n.place.level !== 'global' && n.place.region === r),
    );
    const zoneIds: string[] = [];
    let zoneCount = 0;
    [home, ...others].forEach((region, r) => {
      const regionId = r === 0 ? 'region' : `region_${region.replace(/-/g, '_')}`;
      const regionOutage = this.#failed.has(region);
      if (regionOutage) zoneIds.push(regionId);
      const regionTitle = `Region ${region}${regionOutage ? ' ✗ outage' : ''}`;
      out.push(`  subgraph ${regionId}["${escapeLabel(regionTitle)}"]`);
      for (const node of this.#nodes) {
        if (node.place.level === 'region' && node.place.region === region)
          out.push(`    ${nodeSource(node)}`);
      }
      const zones = [
        ...new Set(
          this.#nodes.flatMap((n) =>
            n.place.level === 'az' && n.place.region === region ? [n.place.az] : [],
          ),
        ),
      ];
      zones.sort();
      for (const az of zones) {
        const id = `az${++zoneCount}`;
        const outage = this.#failed.has(az);
        if (outage) zoneIds.push(id);
        const title = `Availability Zone ${az}${outage ? ' ✗ outage' : ''}`;
        out.push(`    subgraph ${id}["${escapeLabel(title)}"]`);
        for (const node of this.#nodes) {
          if (node.place.level === 'az' && node.place.az === az)
            out.push(`      ${nodeSource(node)}`);
        }
        out.push('    end');
      }
      out.push('  end');
    });

    for (const edge of this.#edges.values()) {
      const arrow = edge.dotted ? '-.->' : '-->';
      const label = escapeLabel(edge.labels.join(', '));
      out.push(`  ${edge.from} ${arrow}|"${label}"| ${edge.to}`);
    }

    out.push(`  ${FAILED_CLASS_DEF}`);
    const failedIds = [...this.#nodes.filter((n) => n.failed).map((n) => n.id), ...zoneIds];
    if (failedIds.length > 0) out.push(`  class ${failedIds.join(',')} failed`);
    return `${out.join('\n')}\n`;
  }

  #nodesAt(level: 'global' | 'region'): DiagramNode[] {
    return this.#nodes.filter((n) => n.place.level === level);
  }

  #addPartNodes(part: PartSpec): void {
    const base = this.#baseIds.get(part.id)!;
    const home = this.#regionOf(part);
    const region: Place = { level: 'region', region: home };
    const zone = (az: string): Place => ({ level: 'az', az, region: home });
    switch (part.kind) {
      case 'dns':
        this.#addNode(part.id, base, ['Route 53 record', part.name], 'round', { level: 'global' });
        break;
      case 'eip':
        this.#addNode(part.id, base, ['Elastic IP', part.id], 'round', region);
        break;
      case 'alb':
        this.#addNode(part.id, base, ['Load balancer', part.id], 'round', region);
        break;
      case 'ec2': {
        const lines = [`EC2 ${part.id}`, part.instanceType];
        if (part.app === undefined) lines.push('app and database');
        this.#addNode(part.id, base, lines, 'box', zone(part.az));
        break;
      }
      case 'asg':
        this.#addGroupNodes(part, base);
        break;
      case 'rds':
        this.#addDatabaseNodes(part, base);
        break;
      case 'cache': {
        const lost = this.#cacheLostItems(part.id);
        const lines = [`ElastiCache ${part.id}`, part.nodeType];
        this.#addNode(part.id, base, lines, 'cylinder', zone(part.az), lost ? 'items lost' : '');
        break;
      }
      case 'dynamodb': {
        const partitions = `${part.partitions} partition${part.partitions === 1 ? '' : 's'}`;
        const global = part.replicaRegions !== undefined && part.replicaRegions.length > 0;
        const title = `DynamoDB ${global ? 'global table' : 'table'} ${part.id}`;
        this.#addNode(part.id, base, [title, partitions], 'cylinder', region);
        for (const other of part.replicaRegions ?? []) {
          const lines = [`DynamoDB replica ${part.id}`, other];
          const id = `${base}_${other.replace(/-/g, '_')}`;
          this.#pushNode(id, part.id, lines, 'cylinder', { level: 'region', region: other });
        }
        break;
      }
      case 's3':
        this.#addNode(part.id, base, [`S3 bucket ${part.id}`], 'cylinder', region);
        break;
      case 'cloudfront':
        this.#addNode(part.id, base, [`CloudFront ${part.id}`], 'round', { level: 'global' });
        break;
      default: {
        // A kind added after this file: draw it plainly rather than refuse the whole diagram.
        const unknown = part as AnyPart;
        const place = typeof unknown.az === 'string' ? zone(unknown.az) : region;
        this.#addNode(unknown.id, base, [`${String(unknown.kind)} ${unknown.id}`], 'box', place);
      }
    }
  }

  /** A part's Region; parts of kinds this version does not know are placed by their `region`. */
  #regionOf(part: PartSpec): string {
    const own = (part as { region?: unknown }).region;
    if (part.kind === 'eip') return regionOfPart(this.#spec, part);
    return typeof own === 'string' ? own : String(this.#spec.region);
  }

  #addGroupNodes(part: Extract<PartSpec, { kind: 'asg' }>, base: string): void {
    const replaced =
      this.#statsOf(part.id, 'asg')?.activities.some((a) => a.reason === 'replace-unhealthy') ??
      false;
    const zones = [...new Set(part.azs)];
    const ids = zones.map((az, i) => {
      const id = zones.length === 1 ? base : `${base}_az${i + 1}`;
      const lines = [
        `Auto Scaling group ${part.id}`,
        `${part.instanceType}, ${part.min} to ${part.max} instances`,
      ];
      this.#pushNode(
        id,
        part.id,
        lines,
        'box',
        { level: 'az', az, region: this.#regionOf(part) },
        replaced ? 'instance replaced' : '',
      );
      return id;
    });
    this.#entryNodes.set(part.id, ids);
  }

  #addDatabaseNodes(part: Extract<PartSpec, { kind: 'rds' }>, base: string): void {
    const region = this.#regionOf(part);
    const zones = zonesOf(region);
    const at = (offset: number): string => zones[(zones.indexOf(part.az) + offset) % zones.length]!;
    const failedOver = (this.#statsOf(part.id, 'rds')?.failovers.length ?? 0) > 0;
    const plain = !part.multiAz && part.readReplicas === 0;

    const primaryLines = [`RDS ${part.id}${plain ? '' : ' primary'}`, part.instanceClass];
    this.#addNode(
      part.id,
      base,
      primaryLines,
      'cylinder',
      { level: 'az', az: part.az, region },
      failedOver ? 'failover' : '',
    );
    if (part.multiAz) {
      const lines = [`RDS ${part.id} standby`, part.instanceClass];
      // The standby sits in the next zone, as the simulator places it (net/topology.ts).
      this.#pushNode(`${base}_standby`, undefined, lines, 'cylinder', {
        level: 'az',
        az: at(1),
        region,
      });
    }
    for (let r = 1; r <= part.readReplicas; r++) {
      const lines = [`RDS ${part.id} read replica ${r}`, part.instanceClass];
      this.#pushNode(`${base}_replica${r}`, undefined, lines, 'cylinder', {
        level: 'az',
        az: at(r),
        region,
      });
    }
  }

  #addPartEdges(part: PartSpec): void {
    const base = this.#baseIds.get(part.id)!;
    switch (part.kind) {
      case 'dns':
        this.#addEdge(USERS, base, 'requests');
        for (const answer of dnsAnswersOf(part)) {
          this.#addEdgesTo(base, answer.target, DNS_ANSWER_LABELS[answer.role](answer.weight));
        }
        break;
      case 'eip':
        this.#addEdgesTo(base, part.instance, 'requests');
        break;
      case 'alb':
        for (const target of part.targets) this.#addEdgesTo(base, target, 'requests');
        break;
      case 'ec2':
      case 'asg':
        if (part.app !== undefined) this.#addAppEdges(part.id, part.app);
        break;
      case 'cloudfront':
        this.#addEdgesTo(base, part.origin, 'cache misses');
        break;
      case 'dynamodb':
        for (const other of part.replicaRegions ?? []) {
          this.#addEdge(base, `${base}_${other.replace(/-/g, '_')}`, 'global replication', true);
        }
        break;
      case 'rds':
        if (part.multiAz) this.#addEdge(base, `${base}_standby`, 'sync replication', true);
        for (let r = 1; r <= part.readReplicas; r++) {
          this.#addEdge(base, `${base}_replica${r}`, 'async replication', true);
        }
        break;
      default:
        break;
    }
  }

  /** Edges from every node of a web part to what its app reads, writes and keeps sessions in. */
  #addAppEdges(partId: string, app: AppWiring): void {
    const web = this.#parts.find((p) => p.id === partId);
    const region = web === undefined ? String(this.#spec.region) : this.#regionOf(web);
    for (const from of this.#entryNodes.get(partId) ?? []) {
      if (app.cache !== undefined) this.#addEdgesTo(from, app.cache, 'reads');
      if (app.database !== undefined) this.#addDatabaseEdges(from, app.database, region);
      if (app.sessions !== undefined && app.sessions !== 'instance') {
        const replica = this.#localReplica(app.sessions, region);
        if (replica !== undefined) this.#addEdge(from, replica, 'sessions');
        else this.#addEdgesTo(from, app.sessions, 'sessions');
      }
    }
    if (app.staticFiles !== undefined) this.#addEdgesTo(USERS, app.staticFiles, 'static files');
  }

  /** The node of a global table's replica in `region`, if the table has one there. */
  #localReplica(tableId: string, region: string): string | undefined {
    const table = this.#parts.find((p) => p.id === tableId);
    const base = this.#baseIds.get(tableId);
    if (table?.kind !== 'dynamodb' || base === undefined) return undefined;
    if (!(table.replicaRegions ?? []).some((r) => r === region)) return undefined;
    return `${base}_${region.replace(/-/g, '_')}`;
  }

  #addDatabaseEdges(from: string, databaseId: string, region: string): void {
    const replica = this.#localReplica(databaseId, region);
    if (replica !== undefined) {
      // A global table: the app reads and writes the replica in its own Region.
      this.#addEdge(from, replica, 'reads');
      this.#addEdge(from, replica, 'writes');
      return;
    }
    const db = this.#parts.find((p) => p.id === databaseId);
    const base = this.#baseIds.get(databaseId);
    if (db?.kind === 'rds' && db.readReplicas > 0 && base !== undefined) {
      this.#addEdge(from, base, 'writes');
      for (let r = 1; r <= db.readReplicas; r++)
        this.#addEdge(from, `${base}_replica${r}`, 'reads');
      return;
    }
    this.#addEdgesTo(from, databaseId, 'reads');
    this.#addEdgesTo(from, databaseId, 'writes');
  }

  #addEdgesTo(from: string, partId: string, label: string): void {
    for (const to of this.#entryNodes.get(partId) ?? []) this.#addEdge(from, to, label);
  }

  #addEdge(from: string, to: string, label: string, dotted = false): void {
    const key = `${from} ${to}`;
    const edge = this.#edges.get(key);
    if (edge === undefined) this.#edges.set(key, { from, to, labels: [label], dotted });
    else if (!edge.labels.includes(label)) edge.labels.push(label);
  }

  /** Adds the main node of a part, the one edges to the part arrive at. */
  #addNode(
    partId: string,
    id: string,
    lines: string[],
    shape: Shape,
    place: Place,
    why = '',
  ): void {
    const unhealthy = why === '' && this.#unhealthyPrimaries.has(partId);
    this.#pushNode(id, partId, lines, shape, place, unhealthy ? 'health check' : why);
    this.#entryNodes.set(partId, [id]);
  }

  /** `why` is a failure the results show; a named part or zone fails without one. */
  #pushNode(
    id: string,
    partId: string | undefined,
    lines: string[],
    shape: Shape,
    place: Place,
    why = '',
  ): void {
    const named =
      (partId !== undefined && this.#failed.has(partId)) ||
      (place.level === 'az' && this.#failed.has(place.az)) ||
      (place.level !== 'global' && this.#failed.has(place.region));
    const failed = named || why !== '';
    const marked = failed
      ? [...lines, why === '' ? FAILED_MARKER : `${FAILED_MARKER} (${why})`]
      : lines;
    this.#nodes.push({ id, lines: marked, shape, place, failed });
  }

  #statsOf<K extends 'rds' | 'asg' | 'cache'>(
    partId: string,
    kind: K,
  ): Extract<NonNullable<SimResults['parts'][string]>, { kind: K }> | undefined {
    const stats = this.#results?.parts[partId];
    return stats?.kind === kind
      ? (stats as Extract<NonNullable<SimResults['parts'][string]>, { kind: K }>)
      : undefined;
  }

  #cacheLostItems(partId: string): boolean {
    return (this.#statsOf(partId, 'cache')?.itemsLost ?? 0) > 0;
  }
}

/**
 * Targets of failover records whose health check went unhealthy during the run (read loosely
 * from the record's statistics, which only failover records carry).
 */
function unhealthyPrimariesOf(
  parts: readonly PartSpec[],
  results: SimResults | undefined,
): Set<string> {
  const unhealthy = new Set<string>();
  for (const part of parts) {
    if (part.kind !== 'dns') continue;
    const stats = results?.parts[part.id] as { healthChanges?: unknown } | undefined;
    const changes: unknown[] = Array.isArray(stats?.healthChanges) ? stats.healthChanges : [];
    const primary = dnsAnswersOf(part).find((a) => a.role === 'primary');
    const wentDown = changes.some((c) => (c as { healthy?: unknown }).healthy === false);
    if (primary !== undefined && wentDown) unhealthy.add(primary.target);
    // Latency records name the target each change is about.
    for (const change of changes) {
      const c = change as { healthy?: unknown; target?: unknown };
      if (c.healthy === false && typeof c.target === 'string') unhealthy.add(c.target);
    }
  }
  return unhealthy;
}

/**
 * A Mermaid-safe node id for the part at `index`: the index keeps ids unique, the part id
 * (letters and digits only) keeps the source readable. `web-a` at index 3 becomes `n3_web_a`.
 */
function nodeIdOf(partId: string, index: number): string {
  const readable = String(partId)
    .replace(/[^A-Za-z0-9]+/g, '_')
    .slice(0, 40);
  return `n${index}_${readable}`;
}

/**
 * The zones the simulator uses for a Region (`a`, `b`, `c`), to place standbys and replicas
 * where the engine does. Mirrors `azsOf` in `net/topology.ts`.
 */
function zonesOf(region: string): string[] {
  return [`${region}a`, `${region}b`, `${region}c`];
}

function nodeSource(node: DiagramNode): string {
  const label = `"${node.lines.map(escapeLabel).join('<br/>')}"`;
  switch (node.shape) {
    case 'stadium':
      return `${node.id}([${label}])`;
    case 'round':
      return `${node.id}(${label})`;
    case 'cylinder':
      return `${node.id}[(${label})]`;
    case 'box':
      return `${node.id}[${label}]`;
  }
}

/**
 * Text safe inside a quoted Mermaid label: quotes, `#`, angle brackets and backticks become
 * Mermaid entity codes, and line breaks become spaces.
 */
export function escapeLabel(text: string): string {
  return String(text)
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/[\r\n]+/g, ' ');
}

import type { z } from 'zod';

import shippedJson from './data/aws-prices-snapshot.json' with { type: 'json' };
import { PricingError, formatPath, showValue } from './errors.ts';
import { snapshotSchema } from './schema.ts';
import type { PriceRow, PriceSnapshot, SnapshotGap } from './schema.ts';

export type { PriceRow, PriceSnapshot, SnapshotGap } from './schema.ts';

const snapshotFile = 'src/pricing/data/aws-prices-snapshot.json';

/**
 * Validates a parsed snapshot document and returns it typed. Throws a `PricingError` with code
 * `invalid-snapshot` that names the first faulty path (`prices[12].usd`), its value and the row.
 */
export function loadSnapshot(json: unknown): PriceSnapshot {
  const parsed = snapshotSchema.safeParse(json);
  if (parsed.success) return parsed.data;

  const issues = parsed.error.issues;
  const lines = issues.slice(0, 5).map((issue) => describeIssue(json, issue));
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  const first = issues[0];
  const path = first ? formatPath(first.path) : '';
  return throwInvalid(path, valueAt(json, first?.path ?? []), `${lines.join('; ')}${more}.`);
}

function throwInvalid(path: string, value: unknown, detail: string): never {
  throw new PricingError('invalid-snapshot', `The price snapshot is invalid: ${detail}`, {
    path,
    value,
    hint: `Fix the entry in ${snapshotFile} (every price needs a finite usd >= 0 and a \`source\` listed in \`sources\`; the snapshot's \`field_guide\` describes each field).`,
  });
}

function describeIssue(json: unknown, issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  const row = rowLabel(json, issue.path);
  const value = valueAt(json, issue.path);
  return `\`${path || '(root)'}\`${row} is ${showValue(value)}: ${issue.message}`;
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let here: unknown = json;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

/** For an issue inside `prices[n]`, names that row so a reader can find it without counting. */
function rowLabel(json: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== 'prices' || typeof path[1] !== 'number') return '';
  const row = valueAt(json, path.slice(0, 2));
  if (row === null || typeof row !== 'object') return '';
  const { service, item, region } = row as Record<string, unknown>;
  return ` (${[service, item, region].map(String).join(' ')})`;
}

let shipped: PriceSnapshot | undefined;

/** The snapshot shipped with the course, validated once on first use. */
export function shippedSnapshot(): PriceSnapshot {
  shipped ??= loadSnapshot(shippedJson);
  return shipped;
}

/** What the calculator asks the snapshot for. */
export interface PriceQuery {
  /** Price List service code, e.g. `AmazonEC2`. */
  service: string;
  /** The snapshot's stable item key, e.g. `t3.small` or `standard-queries-first-1B`. */
  item: string;
  /** AWS region code. Rows marked 'global' or 'all' answer for any region; 'unstated' never does. */
  region: string;
  /** @default 'OnDemand' */
  priceModel?: 'OnDemand' | 'Reserved';
  /** Every listed attribute must be equal on the row, e.g. `{ databaseEngine: 'MySQL' }`. */
  attributes?: Readonly<Record<string, string>>;
  /** Reserved rows only: every listed term field must be equal, e.g. `{ PurchaseOption: 'No Upfront' }`. */
  term?: Readonly<Record<string, string>>;
}

export type PriceLookup =
  | { status: 'found'; row: PriceRow; regionMatch: 'exact' | 'global' | 'all' }
  | { status: 'missing'; reason: string; gap: SnapshotGap | null };

/**
 * Finds the one row answering a query. A row of the exact region wins; otherwise a row whose region
 * is 'global' (Route 53, CloudFront) or 'all' (the source says the price is the same everywhere).
 * Rows with region 'unstated' are never used for a real region: the source gave none.
 * Throws `ambiguous-price-query` when several rows match, which means the query needs more filters.
 */
export function findPrice(snapshot: PriceSnapshot, query: PriceQuery): PriceLookup {
  const priceModel = query.priceModel ?? 'OnDemand';
  const candidates = snapshot.prices.filter(
    (row) =>
      row.service === query.service &&
      row.item === query.item &&
      row.price_model === priceModel &&
      includesAll(row.attributes, query.attributes) &&
      includesAll(row.term ?? {}, query.term),
  );

  const exact = candidates.filter((row) => row.region === query.region);
  const wide = candidates.filter((row) => row.region === 'global' || row.region === 'all');
  const matches = exact.length > 0 ? exact : wide;
  if (matches.length > 1) throwAmbiguous(query, matches);

  const row = matches[0];
  if (row === undefined) return missingPrice(snapshot, query, priceModel, candidates);
  const regionMatch = exact.length > 0 ? 'exact' : row.region === 'global' ? 'global' : 'all';
  return { status: 'found', row, regionMatch };
}

function includesAll(
  actual: Readonly<Record<string, string>>,
  wanted: Readonly<Record<string, string>> | undefined,
): boolean {
  return Object.entries(wanted ?? {}).every(([key, value]) => actual[key] === value);
}

function throwAmbiguous(query: PriceQuery, matches: readonly PriceRow[]): never {
  const differing = new Set<string>();
  for (const row of matches) {
    for (const [key, value] of Object.entries(row.attributes)) {
      if (matches.some((other) => other.attributes[key] !== value)) differing.add(key);
    }
  }
  throw new PricingError(
    'ambiguous-price-query',
    `${matches.length} snapshot rows match ${query.service} \`${query.item}\` in ${query.region}.`,
    {
      path: 'query.attributes',
      value: query.attributes ?? {},
      hint: `Add attribute filters to pick one (they differ in: ${[...differing].join(', ') || 'term'}).`,
    },
  );
}

function missingPrice(
  snapshot: PriceSnapshot,
  query: PriceQuery,
  priceModel: string,
  sameItemElsewhere: readonly PriceRow[],
): PriceLookup {
  const gap = findGap(snapshot.gaps, query.item, query.region, priceModel);
  const what = `${query.service} \`${query.item}\` (${priceModel}) in ${query.region}`;
  const regions = [...new Set(sameItemElsewhere.map((row) => row.region))];
  const elsewhere =
    regions.length > 0 ? ` The snapshot has this item only for: ${regions.join(', ')}.` : '';
  const reason = gap
    ? `No price for ${what}: a documented gap in the snapshot (${gap.what}: ${gap.why}).`
    : `No price for ${what} in the snapshot compiled on ${snapshot.compiled_on}.${elsewhere}`;
  return { status: 'missing', reason, gap: gap ?? null };
}

/**
 * The `gaps` entry that best explains a missing item: it must name the item (directly, through a
 * family wildcard such as `t3.*`, or in a slash list such as `t3.micro/small`); naming the region
 * and the price model ('on-demand' / 'reserved') makes it a better match.
 */
export function findGap(
  gaps: readonly SnapshotGap[],
  item: string,
  region: string,
  priceModel: string,
): SnapshotGap | undefined {
  let best: SnapshotGap | undefined;
  let bestScore = 0;
  for (const gap of gaps) {
    const text = `${gap.what} ${gap.why}`;
    if (!mentionsItem(gap.what, item)) continue;
    const modelWord = priceModel === 'Reserved' ? 'reserved' : 'on-demand';
    const score =
      1 + (text.includes(region) ? 2 : 0) + (text.toLowerCase().includes(modelWord) ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [gap, score];
  }
  return best;
}

function mentionsItem(text: string, item: string): boolean {
  const tokens = new Set(text.split(/[\s,;:()'"]+/).filter(Boolean));
  // "t3.micro/small/medium" means t3.micro, t3.small and t3.medium.
  for (const match of text.matchAll(/((?:[a-z][a-z0-9-]*\.)+)([a-z0-9]+(?:\/[a-z0-9]+)+)/gi)) {
    const prefix = match[1] ?? '';
    for (const size of (match[2] ?? '').split('/')) tokens.add(`${prefix}${size}`);
  }
  for (const token of tokens) {
    if (token === item) return true;
    if (token.endsWith('.*') && item.startsWith(token.slice(0, -1))) return true;
  }
  return false;
}

/** A source as a bill line shows it: the id, a short human label and a link when there is one. */
export interface SourceRef {
  id: string;
  label: string;
  url: string | null;
}

/** Resolves a row's `source` id against the snapshot's `sources` block. */
export function describeSource(snapshot: PriceSnapshot, id: string): SourceRef {
  const source = snapshot.sources[id];
  if (source === undefined) return { id, label: id, url: null };

  const repo = source.repo;
  const cleanPath = source.path !== undefined && /^[\w./-]+$/.test(source.path);
  let url = source.url ?? source.urls?.[0] ?? null;
  if (url === null && repo !== undefined) {
    url =
      source.commit !== undefined && cleanPath
        ? `https://github.com/${repo}/blob/${source.commit}/${source.path}`
        : `https://github.com/${repo}`;
  }

  const hosts = [source.url, ...(source.urls ?? [])].flatMap((address) => hostOf(address));
  const label =
    repo !== undefined
      ? `${repo}${cleanPath ? ` ${source.path}` : ''}`
      : hosts.length > 0
        ? [...new Set(hosts)].join(', ')
        : source.kind;
  return { id, label, url };
}

function hostOf(address: string | undefined): string[] {
  if (address === undefined) return [];
  try {
    return [new URL(address).host];
  } catch {
    return [];
  }
}

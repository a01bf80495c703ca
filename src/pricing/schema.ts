import { z } from 'zod';

/**
 * Schema of `data/aws-prices-snapshot.json`, the offline price snapshot. Objects are loose: the
 * research notes add fields over time (`aws_unit`, `valid`, ...) and those must not break loading.
 * What is checked strictly is what the bill relies on: a finite, non-negative `usd`, a known
 * `price_model`, and a `source` that exists in the `sources` block.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD');

/** One entry of the `sources` block: where prices were read, with commit and data date. */
export const sourceSchema = z.looseObject({
  kind: z.string().min(1),
  repo: z.string().optional(),
  path: z.string().optional(),
  commit: z.string().optional(),
  commit_date: z.string().optional(),
  data_date: z.string().optional(),
  url: z.string().optional(),
  urls: z.array(z.string()).optional(),
  caveats: z.string().optional(),
});

/** A second source that printed the same (or an older) value for a row. */
export const corroborationSchema = z.looseObject({
  source: z.string().min(1),
  usd: z.number().nonnegative().optional(),
  as_of: z.string().optional(),
});

/** One price row: a unit price of one item in one region, with its provenance. */
export const priceRowSchema = z.looseObject({
  service: z.string().min(1),
  /** AWS region code, or 'global', 'all' (same everywhere) or 'unstated' (source gives none). */
  region: z.string().min(1),
  item: z.string().min(1),
  price_model: z.enum(['OnDemand', 'Reserved']),
  /** Reserved terms only: LeaseContractLength, OfferingClass, PurchaseOption. */
  term: z.record(z.string(), z.string()).optional(),
  attributes: z.record(z.string(), z.string()),
  /** Normalised unit, e.g. 'hour', 'GB', '1M queries', 'hosted-zone-month'. */
  unit: z.string().min(1),
  aws_unit: z.string().optional(),
  /** USD per `unit`. zod 4 numbers already reject NaN and ±Infinity. */
  usd: z.number().nonnegative(),
  /** A date, or a phrase such as 'undated' when the source carries none. */
  as_of: z.string().min(1),
  source: z.string().min(1),
  derivation: z.enum(['direct', 'derived', 'display-rounded-3dp']),
  confidence: z.enum(['high', 'medium', 'low']),
  notes: z.string().optional(),
  formula: z.string().optional(),
  source_location: z.string().optional(),
  corroborated_by: z.array(corroborationSchema).optional(),
});

/** A documented hole: something looked for and not found. Never to be filled by a guess. */
export const gapSchema = z.looseObject({ what: z.string().min(1), why: z.string().min(1) });

export const freeTierEntrySchema = z.looseObject({
  topic: z.string().min(1),
  statement: z.string().min(1),
});

/** A documented rule quoted from AWS; informative only, never used to compute a price. */
export const statementSchema = z.looseObject({ topic: z.string().min(1) });

export const snapshotSchema = z
  .looseObject({
    schema_version: z.literal(1),
    compiled_on: isoDate,
    currency: z.literal('USD'),
    sources: z.record(z.string(), sourceSchema),
    prices: z.array(priceRowSchema),
    history: z.array(z.looseObject({ item: z.string(), source: z.string() })).optional(),
    gaps: z.array(gapSchema),
    free_tier: z.array(freeTierEntrySchema),
    statements: z.array(statementSchema),
  })
  .superRefine((snapshot, ctx) => {
    const known = (id: string) => Object.hasOwn(snapshot.sources, id);

    snapshot.prices.forEach((row, index) => {
      if (!known(row.source)) {
        ctx.addIssue({
          code: 'custom',
          path: ['prices', index, 'source'],
          input: row.source,
          message: 'unknown source id: add it to `sources` or fix the row',
        });
      }
      row.corroborated_by?.forEach((other, otherIndex) => {
        if (!known(other.source)) {
          ctx.addIssue({
            code: 'custom',
            path: ['prices', index, 'corroborated_by', otherIndex, 'source'],
            input: other.source,
            message: 'unknown source id: add it to `sources` or fix the row',
          });
        }
      });
      if (row.price_model === 'Reserved' && row.term === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['prices', index, 'term'],
          input: row.term,
          message: 'a Reserved row needs its `term` (LeaseContractLength, PurchaseOption, ...)',
        });
      }
    });
  });

export type PriceSnapshot = z.infer<typeof snapshotSchema>;
export type PriceRow = z.infer<typeof priceRowSchema>;
export type SnapshotSource = z.infer<typeof sourceSchema>;
export type SnapshotGap = z.infer<typeof gapSchema>;

/**
 * Parses AWS Price List items (the JSON documents GetProducts returns, one per product) into flat
 * rows: one row per price dimension of each OnDemand or Reserved term. Pure: runs anywhere.
 */
import { z } from 'zod';

import { PricingError, formatPath, showValue } from '../errors.ts';

/** One price dimension of one term of one product, with the product's attributes. */
export interface ParsedPriceRow {
  sku: string;
  serviceCode: string | null;
  productFamily: string | null;
  /** product.attributes as AWS wrote them (instanceType, usagetype, regionCode, ...). */
  attributes: Record<string, string>;
  priceModel: 'OnDemand' | 'Reserved';
  offerTermCode: string;
  rateCode: string;
  /** termAttributes: empty for OnDemand; LeaseContractLength, OfferingClass, PurchaseOption for Reserved. */
  term: Record<string, string>;
  effectiveDate: string | null;
  publicationDate: string | null;
  /** The Price List unit as written: 'Hrs', 'GB-Mo', 'Quantity' (an upfront fee), ... */
  unit: string;
  usd: number;
  description: string;
  /**
   * The usage tier this price applies to, in `unit`s per month: `[begin, end)`, end = Infinity for
   * 'Inf'. Null when the dimension has no range (Reserved upfront fees).
   */
  range: { begin: number; end: number } | null;
}

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal number written as a string');
const rangeBound = z.union([decimal, z.literal('Inf')]);

const dimensionSchema = z.looseObject({
  unit: z.string().min(1),
  pricePerUnit: z.looseObject({ USD: decimal }),
  description: z.string().default(''),
  rateCode: z.string().min(1),
  beginRange: rangeBound.optional(),
  endRange: rangeBound.optional(),
});

const termSchema = z.looseObject({
  offerTermCode: z.string().min(1),
  effectiveDate: z.string().optional(),
  termAttributes: z.record(z.string(), z.string()).default({}),
  priceDimensions: z.record(z.string(), dimensionSchema),
});

const itemSchema = z.looseObject({
  product: z.looseObject({
    sku: z.string().min(1),
    productFamily: z.string().optional(),
    attributes: z.record(z.string(), z.string()),
  }),
  serviceCode: z.string().optional(),
  publicationDate: z.string().optional(),
  terms: z.record(z.string(), z.unknown()),
});

const termTypes = ['OnDemand', 'Reserved'] as const;

/**
 * Parses one Price List item, given as the JSON string GetProducts returns or as a parsed object.
 * A term type whose value is not an object is skipped: captured fixtures replace filtered terms
 * with a placeholder string, which AWS itself never sends.
 */
export function parsePriceItem(item: unknown): ParsedPriceRow[] {
  const document = typeof item === 'string' ? parseJson(item) : item;
  const parsed = itemSchema.safeParse(document);
  if (!parsed.success) return invalid(document, parsed.error.issues, []);
  const { product, terms } = parsed.data;

  const rows: ParsedPriceRow[] = [];
  for (const priceModel of termTypes) {
    const offers = terms[priceModel];
    if (!isPlainObject(offers)) continue;

    for (const [offerKey, offer] of Object.entries(offers)) {
      const term = termSchema.safeParse(offer);
      if (!term.success) return invalid(offer, term.error.issues, ['terms', priceModel, offerKey]);

      for (const dimension of Object.values(term.data.priceDimensions)) {
        rows.push({
          sku: product.sku,
          serviceCode: parsed.data.serviceCode ?? product.attributes['servicecode'] ?? null,
          productFamily: product.productFamily ?? null,
          attributes: product.attributes,
          priceModel,
          offerTermCode: term.data.offerTermCode,
          rateCode: dimension.rateCode,
          term: term.data.termAttributes,
          effectiveDate: term.data.effectiveDate ?? null,
          publicationDate: parsed.data.publicationDate ?? null,
          unit: dimension.unit,
          usd: Number(dimension.pricePerUnit.USD),
          description: dimension.description,
          range: toRange(dimension.beginRange, dimension.endRange),
        });
      }
    }
  }
  return rows;
}

/** Parses a whole GetProducts response (`{ FormatVersion, NextToken, PriceList: string[] }`). */
export function parseGetProductsResponse(response: unknown): ParsedPriceRow[] {
  const parsed = z.looseObject({ PriceList: z.array(z.unknown()) }).safeParse(response);
  if (!parsed.success) return invalid(response, parsed.error.issues, []);
  return parsed.data.PriceList.flatMap((item) => parsePriceItem(item));
}

function toRange(begin: string | undefined, end: string | undefined): ParsedPriceRow['range'] {
  if (begin === undefined && end === undefined) return null;
  const bound = (text: string | undefined) => (text === 'Inf' ? Infinity : Number(text ?? 0));
  return { begin: bound(begin), end: end === undefined ? Infinity : bound(end) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PricingError('invalid-price-item', 'A Price List item is not valid JSON.', {
      path: '(item)',
      value: text.slice(0, 80),
      hint: `Pass the PriceList entry exactly as GetProducts returned it (${String(error)}).`,
    });
  }
}

function invalid(
  value: unknown,
  issues: readonly z.core.$ZodIssue[],
  prefix: PropertyKey[],
): never {
  const first = issues[0];
  const path = formatPath([...prefix, ...(first?.path ?? [])]);
  const at = (first?.path ?? []).reduce<unknown>(
    (here, key) => (isPlainObject(here) ? here[key as string] : undefined),
    value,
  );
  throw new PricingError(
    'invalid-price-item',
    `A Price List item is malformed at \`${path || '(root)'}\` (${showValue(at)}): ${first?.message ?? 'unknown issue'}.`,
    {
      path,
      value: at,
      hint: 'Check that the item is a GetProducts PriceList entry with FormatVersion aws_v1.',
    },
  );
}

/**
 * Node side only: the AWS Price List Query API behind a small interface. Browser code must never
 * import this file (it pulls in the AWS SDK); the site reads the shipped snapshot instead.
 */
import { paginateGetProducts } from '@aws-sdk/client-pricing';
import type { Filter, PricingClient } from '@aws-sdk/client-pricing';

import { PricingError } from '../errors.ts';

/** One GetProducts filter, e.g. `{ field: 'regionCode', value: 'us-east-1' }`. */
export interface PriceListFilter {
  field: string;
  value: string;
  /** @default 'TERM_MATCH' */
  type?: Filter['Type'];
}

/** Where fresh prices come from: the real API, or a recorded fake in tests. */
export interface PriceSource {
  /** Every matching Price List item, one JSON document (a string) per item, across all pages. */
  getProducts(serviceCode: string, filters: readonly PriceListFilter[]): AsyncIterable<string>;
}

/**
 * A `PriceSource` over the AWS SDK. The Price List API answers only in a few regions
 * (us-east-1, eu-central-1, ap-south-1): create the client there, whatever region is priced.
 */
export function sdkPriceSource(client: PricingClient): PriceSource {
  return {
    async *getProducts(serviceCode, filters) {
      const pages = paginateGetProducts(
        { client },
        {
          ServiceCode: serviceCode,
          FormatVersion: 'aws_v1',
          Filters: filters.map((filter) => ({
            Type: filter.type ?? 'TERM_MATCH',
            Field: filter.field,
            Value: filter.value,
          })),
        },
      );

      for await (const page of pages) {
        const items: unknown = page.PriceList ?? [];
        if (!Array.isArray(items)) {
          throw new PricingError(
            'invalid-price-item',
            'GetProducts returned a PriceList that is not an array.',
            {
              path: 'GetProducts.PriceList',
              value: typeof items,
              hint: 'Check the @aws-sdk/client-pricing version; PriceList should be an array of JSON strings.',
            },
          );
        }
        for (const item of items) yield typeof item === 'string' ? item : JSON.stringify(item);
      }
    },
  };
}

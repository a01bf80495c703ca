import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';

import { sdkPriceSource } from './price-list-client.ts';

const pricing = mockClient(PricingClient);

afterEach(() => {
  pricing.reset();
});

async function collect(items: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('sdkPriceSource', () => {
  it('yields the items of every page and sends the filters as TERM_MATCH', async () => {
    pricing
      .on(GetProductsCommand)
      .resolvesOnce({ PriceList: ['{"page":1}'], NextToken: 'next' })
      .resolvesOnce({ PriceList: ['{"page":2,"a":1}', '{"page":2,"b":2}'] });
    const source = sdkPriceSource(new PricingClient({ region: 'us-east-1' }));

    const items = await collect(
      source.getProducts('AmazonEC2', [
        { field: 'instanceType', value: 't3.small' },
        { field: 'regionCode', value: 'us-east-1' },
      ]),
    );

    expect(items).toEqual(['{"page":1}', '{"page":2,"a":1}', '{"page":2,"b":2}']);
    const calls = pricing.commandCalls(GetProductsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input).toMatchObject({
      ServiceCode: 'AmazonEC2',
      FormatVersion: 'aws_v1',
      Filters: [
        { Type: 'TERM_MATCH', Field: 'instanceType', Value: 't3.small' },
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
      ],
    });
    expect(calls[1]?.args[0].input).toMatchObject({ NextToken: 'next' });
  });

  it('yields nothing when no product matches', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [] });
    const source = sdkPriceSource(new PricingClient({ region: 'us-east-1' }));

    expect(await collect(source.getProducts('AmazonRoute53', []))).toEqual([]);
  });
});

import { PricingError } from './errors.ts';

/** Units the simulator measures usage in. Every quantity covers one month. */
export type UsageUnit =
  | 'hours'
  | 'address-hours'
  | 'vCPU-hours'
  | 'hosted zones'
  | 'queries'
  | 'GB'
  | 'node-hours'
  | 'LCU-hours'
  | 'requests'
  | 'request units';

/**
 * How many usage units make one price unit, for each pair the bill uses. Written out so that a
 * per-1M price is never applied per query by accident. Hosted zones: usage counts zones kept for
 * the whole month, so one zone is one hosted-zone-month.
 */
const usagePerPriceUnit: Readonly<Record<UsageUnit, Readonly<Record<string, number>>>> = {
  hours: { hour: 1 },
  'address-hours': { hour: 1 },
  'vCPU-hours': { 'vCPU-hour': 1 },
  'hosted zones': { 'hosted-zone-month': 1 },
  queries: { '1M queries': 1_000_000 },
  GB: { GB: 1 },
  'node-hours': { 'node-hour': 1 },
  'LCU-hours': { 'LCU-hour': 1 },
  requests: { '1K requests': 1_000, '10K requests': 10_000 },
  'request units': { '1M request units': 1_000_000 },
};

/** Converts a usage quantity into the price row's unit; throws `unit-mismatch` on an unknown pair. */
export function toPriceUnits(quantity: number, usageUnit: UsageUnit, priceUnit: string): number {
  const factor = usagePerPriceUnit[usageUnit][priceUnit];
  if (factor === undefined) {
    throw new PricingError(
      'unit-mismatch',
      `Cannot bill usage in \`${usageUnit}\` against a price per \`${priceUnit}\`.`,
      {
        path: 'prices[].unit',
        value: priceUnit,
        hint: 'The snapshot row changed unit: add the conversion in src/pricing/units.ts or fix the row.',
      },
    );
  }
  return quantity / factor;
}

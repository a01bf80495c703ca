/**
 * The cost model's public API: safe for the browser and the worker. The Price List client in
 * `update/` is Node-only and deliberately not re-exported here.
 */
export { billForUsage } from './bill.ts';
export type { Bill, BillLine, BillOptions } from './bill.ts';
export { PricingError } from './errors.ts';
export type { PricingErrorCode } from './errors.ts';
export { describeSource, findGap, findPrice, loadSnapshot, shippedSnapshot } from './snapshot.ts';
export type {
  PriceLookup,
  PriceQuery,
  PriceRow,
  PriceSnapshot,
  SnapshotGap,
  SourceRef,
} from './snapshot.ts';
export type { UsageUnit } from './units.ts';
export { hoursPerMonth } from './usage.ts';
export type { BillableInstanceHours, BillableRegion, BillableUsage } from './usage.ts';

/** AWS Regions the course offers. Codes are AWS's own. */
export const REGION_CODES = Object.freeze(['us-east-1', 'eu-west-1', 'ap-southeast-1'] as const);

/** An AWS Region code: `'us-east-1'` (N. Virginia), `'eu-west-1'` (Ireland) or `'ap-southeast-1'` (Singapore). */
export type RegionCode = (typeof REGION_CODES)[number];

/** True when `code` is a Region the course offers. */
export function isRegionCode(code: unknown): code is RegionCode {
  return typeof code === 'string' && (REGION_CODES as readonly string[]).includes(code);
}

/** Position of `code` in `REGION_CODES`, the index the engine keys its per-Region arrays by. */
export function regionIndex(code: RegionCode): number {
  return REGION_CODES.indexOf(code);
}

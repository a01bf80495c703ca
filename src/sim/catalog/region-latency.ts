/**
 * Default round trips between the course's Regions, and the user areas that sit near each. These
 * are model parameters, not AWS figures: AWS publishes no latency between its Regions. They are
 * IBM Cloud's published monthly averages between comparable metros (a different network in the
 * same physical regime), so read them as "about this far", never as what AWS measures.
 *
 * The metros stand in for the Regions: Washington DC for us-east-1 (N. Virginia), London for
 * eu-west-1 (Ireland) and Tokyo for ap-southeast-1 (Singapore), the nearest metro the table
 * lists. Singapore's real paths differ from Tokyo's.
 *
 * TODO(an AWS-specific inter-Region latency table is read and cited): replace these with it.
 */
import type { RegionCode } from './regions.ts';

/** Where the figures come from, for the learner and for the facts file. */
export const REGION_LATENCY_SOURCE = Object.freeze({
  source:
    'https://github.com/ibm-cloud-docs/vpc/blob/009bede4f2be2a4cdcbd27359cab8ecb76870fad/_include-segments/network-latency.md',
  /** The table's own period (Table 1, "3 Feb 2024–3 Mar 2024", inter-region average latency). */
  period: '2024-02-03/2024-03-03',
  asOf: '2026-12-03',
  caveat:
    'IBM Cloud inter-region averages between comparable metros (Washington DC, London, Tokyo), not AWS figures.',
});

/**
 * Round trip between two Regions, in milliseconds (symmetric; 0 on the diagonal). Washington
 * DC-London 75, Washington DC-Tokyo 167, London-Tokyo 247 (IBM Cloud, Table 1 of the source).
 */
export const INTER_REGION_RTT_MS: Readonly<
  Record<RegionCode, Readonly<Record<RegionCode, number>>>
> = Object.freeze({
  'us-east-1': Object.freeze({ 'us-east-1': 0, 'eu-west-1': 75, 'ap-southeast-1': 167 }),
  'eu-west-1': Object.freeze({ 'us-east-1': 75, 'eu-west-1': 0, 'ap-southeast-1': 247 }),
  'ap-southeast-1': Object.freeze({ 'us-east-1': 167, 'eu-west-1': 247, 'ap-southeast-1': 0 }),
});

/**
 * Named user areas whose round trips the simulator can fill in, each with the Region it sits
 * near. A user in such an area is `scenario.networkRttMs` from that Region (their own access
 * round trip) and that plus `INTER_REGION_RTT_MS` from any other.
 */
export const USER_AREA_NEAR_REGION: Readonly<Record<string, RegionCode>> = Object.freeze({
  'north-america': 'us-east-1',
  europe: 'eu-west-1',
  'asia-pacific': 'ap-southeast-1',
});

/** Names of the areas in `USER_AREA_NEAR_REGION`. */
export const USER_AREA_NAMES: readonly string[] = Object.freeze(Object.keys(USER_AREA_NEAR_REGION));

/**
 * Default round trip from users near `near` to `region`, in milliseconds: their access round trip
 * plus the long-haul one between the two Regions.
 */
export function defaultAreaRttMs(
  near: RegionCode,
  region: RegionCode,
  accessRttMs: number,
): number {
  return accessRttMs + INTER_REGION_RTT_MS[near][region];
}

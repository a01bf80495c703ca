/**
 * Where users are: the scenario's areas compiled into per-area round trips to each Region, the
 * order in which a latency record prefers its answers for each area, and each user's area.
 */
import { INTER_REGION_RTT_MS } from '../catalog/region-latency.ts';
import { REGION_CODES } from '../catalog/regions.ts';
import { mix32 } from '../engine/rng.ts';
import { SimConfigError } from '../errors.ts';
import type { ResolvedScenario } from '../scenario.ts';
import type { Topology } from './topology.ts';

/** The compiled areas. Arrays are flattened row by row: `[area * width + column]`. */
export interface AreaModel {
  /** Area names, in the scenario's order (one unnamed area, `users`, by default). */
  names: string[];
  /** Share of users in each area. */
  shares: number[];
  /** Half the round trip from an area to a Region, in seconds: `[area * regions + region]`. */
  halfRtt: Float64Array;
  /**
   * Half the round trip of a DNS query from each area, in seconds: to the nearest Region the
   * stack uses (Route 53's name servers answer from near the user).
   */
  dnsHalfRtt: Float64Array;
  /** For each area, entry indexes from lowest to highest round trip: `[area * entries + k]`. */
  preference: Int32Array;
}

/**
 * Compiles the scenario's areas for a stack. Without areas, one area sits near the home Region:
 * `networkRttMs` from it, plus the default round trip between Regions from the others. Throws
 * `SimConfigError` when an area gives no round trip to a Region the stack uses.
 */
export function compileAreas(topo: Topology, sc: ResolvedScenario): AreaModel {
  const regions = REGION_CODES.length;
  const home = REGION_CODES[topo.homeRegion]!;
  const areas =
    sc.areas.length > 0
      ? sc.areas
      : [
          {
            name: 'users',
            share: 1,
            rttMsByRegion: Object.fromEntries(
              REGION_CODES.map((r) => [r, sc.networkRttMs + INTER_REGION_RTT_MS[home][r]]),
            ),
          },
        ];
  const halfRtt = new Float64Array(areas.length * regions);
  const dnsHalfRtt = new Float64Array(areas.length).fill(Infinity);
  areas.forEach((area, a) => {
    REGION_CODES.forEach((region, r) => {
      const rtt = area.rttMsByRegion[region];
      if (rtt === undefined) {
        if (!topo.regionsUsed[r]) return;
        throw new SimConfigError(
          'invalid-option',
          `scenario.areas[${a}].rttMsByRegion.${region}`,
          undefined,
          `Area \`${area.name}\` gives no round trip to ${region}, where the stack has parts`,
          `Add \`'${region}': <milliseconds>\` to its rttMsByRegion, or name the area north-america, europe or asia-pacific to use the defaults.`,
        );
      }
      halfRtt[a * regions + r] = rtt / 2000;
      if (topo.regionsUsed[r] && rtt / 2000 < dnsHalfRtt[a]!) dnsHalfRtt[a] = rtt / 2000;
    });
    if (dnsHalfRtt[a] === Infinity) dnsHalfRtt[a] = halfRtt[a * regions + topo.homeRegion]!;
  });

  const entries = topo.entries.length;
  const preference = new Int32Array(areas.length * entries);
  areas.forEach((_, a) => {
    const rttOf = (e: number): number => halfRtt[a * regions + topo.entryRegions[e]!]!;
    const order = Array.from({ length: entries }, (_, e) => e);
    order.sort((x, y) => rttOf(x) - rttOf(y) || x - y);
    order.forEach((e, k) => {
      preference[a * entries + k] = e;
    });
  });
  return {
    names: areas.map((area) => area.name),
    shares: areas.map((area) => area.share),
    halfRtt,
    dnsHalfRtt,
    preference,
  };
}

/** The golden ratio's fractional part: its multiples mod 1 spread evenly over [0, 1). */
const GOLDEN_FRACTION = 0.6180339887498949;

/**
 * Each user's area. User u takes the point frac(offset + u × 0.618…) in [0, 1) and the area
 * whose slice of the cumulative shares holds it: a low-discrepancy sequence, so the first N
 * users (and so every load step) hold each area's share to within a few users. The seed moves
 * the offset; no random stream is used, so every other draw of the run is unchanged.
 */
export function assignAreas(model: AreaModel, users: number, seed: number): Uint8Array {
  const area = new Uint8Array(users);
  if (model.shares.length === 1) return area;
  const offset = mix32(seed) / 4294967296;
  for (let u = 0; u < users; u++) {
    const product = offset + u * GOLDEN_FRACTION;
    const x = product - Math.floor(product);
    let cumulative = 0;
    let a = 0;
    for (; a < model.shares.length - 1; a++) {
      cumulative += model.shares[a]!;
      if (x < cumulative) break;
    }
    area[u] = a;
  }
  return area;
}

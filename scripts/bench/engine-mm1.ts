/**
 * The bare engine: the same M/M/1 loop as `plain-mm1.ts`, but on the course's `EventQueue`
 * (FIFO ties through a sequence number) and `Rng` (sfc32 with a portable logarithm, so every
 * JavaScript engine gives the same bits). The gap to the plain loop is the price of those two.
 */
import { EventQueue } from '../../src/sim/engine/event-queue.ts';
import { Rng } from '../../src/sim/engine/rng.ts';
import type { Mm1Outcome } from './plain-mm1.ts';

const ARRIVAL = 0;
const DEPARTURE = 1;

/** How exponential samples are drawn: the course's portable log, or `Math.log` (diagnostic). */
export type LogKind = 'portable' | 'math';

/**
 * Runs `customers` arrivals of M/M/1 with arrival rate `rho` and service rate 1. With `log`
 * set to `math` the same uniforms go through `Math.log` instead, which splits the gap to the
 * plain loop into the heap's share and the portable logarithm's share.
 */
export function runEngineMm1(
  customers: number,
  rho: number,
  seed: number,
  log: LogKind = 'portable',
): Mm1Outcome {
  const queue = new EventQueue(64);
  const arrivalRng = new Rng(seed, 1);
  const serviceRng = new Rng(seed, 2);
  const meanGap = 1 / rho;
  const exponential =
    log === 'portable'
      ? (rng: Rng, mean: number): number => rng.exponential(mean)
      : (rng: Rng, mean: number): number =>
          -Math.log((4294967296 - rng.nextUint32()) / 4294967296) * mean;

  let ring = new Float64Array(1024);
  let mask = ring.length - 1;
  let head = 0;
  let inSystem = 0;

  let arrivals = 1;
  let events = 0;
  let waitSum = 0;
  queue.push(exponential(arrivalRng, meanGap), ARRIVAL);

  while (queue.size > 0) {
    const now = queue.peekTime();
    const kind = queue.pop();
    events++;
    if (kind === ARRIVAL) {
      if (arrivals < customers) {
        arrivals++;
        queue.push(now + exponential(arrivalRng, meanGap), ARRIVAL);
      }
      if (inSystem === ring.length) {
        const bigger = new Float64Array(ring.length * 2);
        for (let i = 0; i < inSystem; i++) bigger[i] = ring[(head + i) & mask]!;
        ring = bigger;
        mask = ring.length - 1;
        head = 0;
      }
      ring[(head + inSystem) & mask] = now;
      if (++inSystem === 1) queue.push(now + exponential(serviceRng, 1), DEPARTURE);
    } else {
      head = (head + 1) & mask;
      if (--inSystem > 0) {
        waitSum += now - ring[head]!;
        queue.push(now + exponential(serviceRng, 1), DEPARTURE);
      }
    }
  }
  return { events, customers: arrivals, waitOverService: waitSum / arrivals };
}

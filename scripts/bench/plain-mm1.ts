/**
 * The practical ceiling: M/M/1 as a plain event-scheduling loop with nothing from the course's
 * engine. A typed-array binary heap (times + integer kinds, no tie-breaking sequence), sfc32
 * written out inline with `Math.log`, and a ring of arrival times for the FIFO wait. Anything
 * the course's engine adds on top of this is overhead to explain.
 */

/** What one M/M/1 run did: the same shape for every engine in the benchmark. */
export interface Mm1Outcome {
  events: number;
  customers: number;
  /** Mean wait in queue divided by the mean service time (theory: ρ / (1 − ρ)). */
  waitOverService: number;
}

const ARRIVAL = 0;
const DEPARTURE = 1;

/** Runs `customers` arrivals of M/M/1 with arrival rate `rho` and service rate 1. */
export function runPlainMm1(customers: number, rho: number, seed: number): Mm1Outcome {
  // sfc32 state, seeded like the course's Rng (a fixed start, the seed in d, 15 rounds).
  let a = 0x9e3779b9 | 0;
  let b = 0x243f6a88 | 0;
  let c = 0xb7e15162 | 0;
  let d = seed | 0;
  const uniform = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    return ((t >>> 0) + 1) / 4294967297;
  };
  for (let i = 0; i < 15; i++) uniform();

  // Heap of pending events. M/M/1 never holds more than two, but the loop does not know that.
  let heapTimes = new Float64Array(64);
  let heapKinds = new Int32Array(64);
  let heapSize = 0;
  const push = (time: number, kind: number): void => {
    if (heapSize === heapTimes.length) {
      const times = new Float64Array(heapSize * 2);
      const kinds = new Int32Array(heapSize * 2);
      times.set(heapTimes);
      kinds.set(heapKinds);
      heapTimes = times;
      heapKinds = kinds;
    }
    let i = heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = heapTimes[parent]!;
      if (pt <= time) break;
      heapTimes[i] = pt;
      heapKinds[i] = heapKinds[parent]!;
      i = parent;
    }
    heapTimes[i] = time;
    heapKinds[i] = kind;
  };
  /** Removes the top event; read `heapTimes[0]` and `heapKinds[0]` before. */
  const pop = (): void => {
    const last = --heapSize;
    if (last === 0) return;
    const time = heapTimes[last]!;
    const kind = heapKinds[last]!;
    const half = last >> 1;
    let i = 0;
    while (i < half) {
      let child = 2 * i + 1;
      if (child + 1 < last && heapTimes[child + 1]! < heapTimes[child]!) child++;
      const ct = heapTimes[child]!;
      if (time <= ct) break;
      heapTimes[i] = ct;
      heapKinds[i] = heapKinds[child]!;
      i = child;
    }
    heapTimes[i] = time;
    heapKinds[i] = kind;
  };

  // FIFO of arrival times of customers in the system (a ring that grows when full).
  let ring = new Float64Array(1024);
  let mask = ring.length - 1;
  let head = 0;
  let inSystem = 0;

  let arrivals = 1;
  let events = 0;
  let waitSum = 0;
  push(-Math.log(uniform()) / rho, ARRIVAL);

  while (heapSize > 0) {
    const now = heapTimes[0]!;
    const kind = heapKinds[0]!;
    pop();
    events++;
    if (kind === ARRIVAL) {
      if (arrivals < customers) {
        arrivals++;
        push(now - Math.log(uniform()) / rho, ARRIVAL);
      }
      if (inSystem === ring.length) {
        const bigger = new Float64Array(ring.length * 2);
        for (let i = 0; i < inSystem; i++) bigger[i] = ring[(head + i) & mask]!;
        ring = bigger;
        mask = ring.length - 1;
        head = 0;
      }
      ring[(head + inSystem) & mask] = now;
      if (++inSystem === 1) push(now - Math.log(uniform()), DEPARTURE);
    } else {
      head = (head + 1) & mask;
      if (--inSystem > 0) {
        waitSum += now - ring[head]!;
        push(now - Math.log(uniform()), DEPARTURE);
      }
    }
  }
  return { events, customers: arrivals, waitOverService: waitSum / arrivals };
}

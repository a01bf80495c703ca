/**
 * Every station's state in struct-of-arrays form: busy servers, FIFO queue, whether it is up,
 * requests in flight (for memory and least-outstanding-requests), and busy time per second.
 */
import { IntRing } from '../model/request-slots.ts';
import type { StationDef } from './topology.ts';

export class Stations {
  readonly count: number;
  readonly servers: Int32Array;
  readonly busy: Int32Array;
  readonly up: Uint8Array;
  readonly inFlight: Int32Array;
  readonly queues: IntRing[];
  /** Busy server-seconds since the last flush. */
  readonly busyArea: Float64Array;
  /** Busy server-seconds inside the measured window. */
  readonly busyAreaMeasured: Float64Array;
  readonly lastChange: Float64Array;
  readonly served: Float64Array;
  readonly arrivals: Float64Array;
  readonly waitSum: Float64Array;
  readonly waitCount: Float64Array;
  /** Service time drawn for requests that started service inside the measured window. */
  readonly serviceSum: Float64Array;

  constructor(defs: readonly StationDef[]) {
    const n = defs.length;
    this.count = n;
    this.servers = Int32Array.from(defs, (d) => d.servers);
    this.busy = new Int32Array(n);
    this.up = new Uint8Array(n).fill(1);
    this.inFlight = new Int32Array(n);
    this.queues = defs.map(() => new IntRing(64));
    this.busyArea = new Float64Array(n);
    this.busyAreaMeasured = new Float64Array(n);
    this.lastChange = new Float64Array(n);
    this.served = new Float64Array(n);
    this.arrivals = new Float64Array(n);
    this.waitSum = new Float64Array(n);
    this.waitCount = new Float64Array(n);
    this.serviceSum = new Float64Array(n);
  }

  /**
   * Adds the busy time of station `s` up to `now` before its busy count changes. `start` and
   * `end` bound the measured window.
   */
  account(s: number, now: number, start: number, end: number): void {
    const last = this.lastChange[s]!;
    if (now > last) {
      const busy = this.busy[s]!;
      this.busyArea[s]! += busy * (now - last);
      const a = last < start ? start : last;
      const b = now > end ? end : now;
      if (b > a) this.busyAreaMeasured[s]! += busy * (b - a);
      this.lastChange[s] = now;
    }
  }
}

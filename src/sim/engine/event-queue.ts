/**
 * The event list: a binary min-heap over parallel typed arrays, ordered by (time, seq).
 * `seq` grows with every push, so events scheduled for the same time pop in the order they
 * were pushed (FIFO ties). That keeps runs deterministic without relying on heap internals.
 */
export class EventQueue {
  #times: Float64Array;
  #seqs: Float64Array;
  #payloads: Int32Array;
  #size = 0;
  #nextSeq = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.#times = new Float64Array(capacity);
    this.#seqs = new Float64Array(capacity);
    this.#payloads = new Int32Array(capacity);
  }

  /** Number of pending events. */
  get size(): number {
    return this.#size;
  }

  /** Time of the earliest pending event; `Infinity` when empty. */
  peekTime(): number {
    return this.#size > 0 ? this.#times[0]! : Infinity;
  }

  /** Schedules `payload` (a 32-bit integer) at `time`. */
  push(time: number, payload: number): void {
    if (this.#size === this.#times.length) this.#grow();
    const seq = this.#nextSeq++;
    const times = this.#times;
    const seqs = this.#seqs;
    const payloads = this.#payloads;
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      payloads[i] = payloads[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    payloads[i] = payload;
  }

  /** Removes the earliest event and returns its payload; read its time with `peekTime` first. */
  pop(): number {
    if (this.#size === 0) throw new Error('Bug: pop() on an empty EventQueue');
    const times = this.#times;
    const seqs = this.#seqs;
    const payloads = this.#payloads;
    const top = payloads[0]!;
    const last = --this.#size;
    if (last === 0) return top;
    const time = times[last]!;
    const seq = seqs[last]!;
    const payload = payloads[last]!;
    const half = last >> 1;
    let i = 0;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (
        right < last &&
        (times[right]! < times[child]! ||
          (times[right] === times[child] && seqs[right]! < seqs[child]!))
      ) {
        child = right;
      }
      const ct = times[child]!;
      if (time < ct || (time === ct && seq < seqs[child]!)) break;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      payloads[i] = payloads[child]!;
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    payloads[i] = payload;
    return top;
  }

  #grow(): void {
    const capacity = this.#times.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const payloads = new Int32Array(capacity);
    times.set(this.#times);
    seqs.set(this.#seqs);
    payloads.set(this.#payloads);
    this.#times = times;
    this.#seqs = seqs;
    this.#payloads = payloads;
  }
}

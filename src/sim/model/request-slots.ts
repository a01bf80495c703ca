/** Allocation-free storage for requests in flight and for the wait queue. */

/** Struct-of-arrays storage for requests in flight, with a free list of slots. */
export class RequestSlots {
  createdAt: Float64Array;
  atInstanceAt: Float64Array;
  counted: Uint8Array;
  countedAtInstance: Uint8Array;
  active: Uint8Array;
  #free: Int32Array;
  #freeCount = 0;
  #highWater = 0;

  constructor(capacity: number) {
    this.createdAt = new Float64Array(capacity);
    this.atInstanceAt = new Float64Array(capacity);
    this.counted = new Uint8Array(capacity);
    this.countedAtInstance = new Uint8Array(capacity);
    this.active = new Uint8Array(capacity);
    this.#free = new Int32Array(capacity);
  }

  acquire(createdAt: number, counted: boolean): number {
    let slot: number;
    if (this.#freeCount > 0) slot = this.#free[--this.#freeCount]!;
    else {
      if (this.#highWater === this.createdAt.length) this.#grow();
      slot = this.#highWater++;
    }
    this.createdAt[slot] = createdAt;
    this.counted[slot] = counted ? 1 : 0;
    this.countedAtInstance[slot] = 0;
    this.active[slot] = 1;
    return slot;
  }

  release(slot: number): void {
    this.active[slot] = 0;
    this.#free[this.#freeCount++] = slot;
  }

  countActiveCounted(): number {
    let n = 0;
    for (let i = 0; i < this.#highWater; i++)
      if (this.active[i] === 1 && this.counted[i] === 1) n++;
    return n;
  }

  #grow(): void {
    const capacity = this.createdAt.length * 2;
    this.createdAt = growF64(this.createdAt, capacity);
    this.atInstanceAt = growF64(this.atInstanceAt, capacity);
    this.counted = growU8(this.counted, capacity);
    this.countedAtInstance = growU8(this.countedAtInstance, capacity);
    this.active = growU8(this.active, capacity);
    const free = new Int32Array(capacity);
    free.set(this.#free);
    this.#free = free;
  }
}

/** A growable FIFO of integers (the instance's wait queue). */
export class IntRing {
  #items: Int32Array;
  #head = 0;
  size = 0;

  constructor(capacity: number) {
    this.#items = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.size === this.#items.length) {
      const items = new Int32Array(this.#items.length * 2);
      for (let i = 0; i < this.size; i++)
        items[i] = this.#items[(this.#head + i) % this.#items.length]!;
      this.#items = items;
      this.#head = 0;
    }
    this.#items[(this.#head + this.size) % this.#items.length] = value;
    this.size++;
  }

  shift(): number {
    const value = this.#items[this.#head]!;
    this.#head = (this.#head + 1) % this.#items.length;
    this.size--;
    return value;
  }
}

function growF64(a: Float64Array, capacity: number): Float64Array {
  const b = new Float64Array(capacity);
  b.set(a);
  return b;
}

function growU8(a: Uint8Array, capacity: number): Uint8Array {
  const b = new Uint8Array(capacity);
  b.set(a);
  return b;
}

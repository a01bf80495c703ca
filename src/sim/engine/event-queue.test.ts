import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.ts';
import { Rng } from './rng.ts';

describe('EventQueue', () => {
  it('pops events in time order', () => {
    const q = new EventQueue(4);
    const rng = new Rng(42);
    const times: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = rng.next() * 100;
      times.push(t);
      q.push(t, i);
    }
    const popped: number[] = [];
    while (q.size > 0) {
      popped.push(q.peekTime());
      q.pop();
    }
    expect(popped).toEqual([...times].sort((a, b) => a - b));
  });

  it('pops events with equal times in the order they were pushed', () => {
    const q = new EventQueue(4);
    const order: number[] = [];
    for (let i = 0; i < 200; i++) q.push(i % 3, i);
    while (q.size > 0) order.push(q.pop());
    const expected = [0, 1, 2].flatMap((t) => [...Array(200).keys()].filter((i) => i % 3 === t));
    expect(order).toEqual(expected);
  });

  it('keeps FIFO ties when pushes and pops interleave', () => {
    const q = new EventQueue();
    q.push(5, 1);
    q.push(1, 0);
    q.push(5, 2);
    expect(q.pop()).toBe(0);
    q.push(5, 3);
    q.push(5, 4);
    expect([q.pop(), q.pop(), q.pop(), q.pop()]).toEqual([1, 2, 3, 4]);
  });

  it('reports Infinity as the next time when empty', () => {
    expect(new EventQueue().peekTime()).toBe(Infinity);
  });
});

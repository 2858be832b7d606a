// The maps that bound correlation state and caches forget their least recently
// set entries first, whatever else was done to them.

import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../parsers/bounded-map.js';

/** A deterministic sequence of numbers in [0, 1) (a linear congruential generator). */
function numbers(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('BoundedMap', () => {
  it('evicts the least recently set entry after deletes, entries set again and a clear', () => {
    const map = new BoundedMap<string, number>(3);
    for (const key of ['a', 'b', 'c', 'd']) map.set(key, 0); // d evicts a
    map.delete('c');
    map.set('e', 0); // room again
    map.set('b', 1); // set again: the most recent
    map.set('f', 0); // evicts d
    expect([...map.keys()]).toEqual(['e', 'b', 'f']);
    for (let i = 0; i < 10_000; i++) map.set(i % 2 ? 'e' : 'b', i); // a long while without an eviction
    map.set('g', 0); // evicts f
    map.set('h', 0); // evicts b
    expect([...map.keys()]).toEqual(['e', 'g', 'h']);
    map.clear();
    for (const key of ['w', 'x', 'y', 'z']) map.set(key, 0); // z evicts w
    expect([...map.keys()]).toEqual(['x', 'y', 'z']);
    expect(map.evicted).toBe(5);
  });

  it('keeps, through 200,000 random sets, sets again and deletes, the entries a list in set order keeps', () => {
    const limit = 50;
    const map = new BoundedMap<number, number>(limit);
    const order: number[] = []; // keys, least recently set first
    const next = numbers(7);
    let evicted = 0;
    for (let i = 0; i < 200_000; i++) {
      const key = Math.floor(next() * 120);
      const at = order.indexOf(key);
      if (next() < 0.2) {
        map.delete(key);
        if (at !== -1) order.splice(at, 1);
        continue;
      }
      map.set(key, i);
      if (at !== -1) order.splice(at, 1);
      else if (order.length === limit) {
        order.shift();
        evicted++;
      }
      order.push(key);
      if (i % 1000 === 0) expect([...map.keys()]).toEqual(order);
    }
    expect([...map.keys()]).toEqual(order);
    expect(map.evicted).toBe(evicted);
    expect(evicted).toBeGreaterThan(10_000);
  });
});

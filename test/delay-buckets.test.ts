// The classes delays are counted in: what a percentile read from them can be off by.

import { describe, expect, it } from 'vitest';
import { MAX_DELAY_SECONDS } from '../parsers/delay.js';
import { bucketBounds, DELAY_BUCKETS, delayBucket } from '../src/store/delay-buckets.js';

/** Delays from a millisecond to past the longest one believed, each 1% above the one before. */
const SWEEP = Array.from({ length: Math.ceil(Math.log(MAX_DELAY_SECONDS / 0.001) / Math.log(1.01)) + 2 }, (_, i) => 0.001 * 1.01 ** i);

describe('delay classes', () => {
  it('puts everything under a tenth of a second in class 0, then four classes per doubling', () => {
    expect([0, 0.05, 0.099, 0.1, 0.2, 0.4, 1, 60, 3600].map(delayBucket)).toEqual([0, 0, 0, 1, 5, 9, 14, 37, 61]);
  });

  it('never gives a longer delay a lower class', () => {
    const classes = SWEEP.map(delayBucket);
    expect(classes.every((c, i) => i === 0 || c >= classes[i - 1])).toBe(true);
    expect(new Set(classes).size).toBe(DELAY_BUCKETS);
  });

  it('puts each delay between the bounds of its class, including a delay exactly on a bound', () => {
    const outside = SWEEP.filter((d) => d <= MAX_DELAY_SECONDS).filter((d) => {
      const { lower, upper } = bucketBounds(delayBucket(d));
      return d < lower || d >= upper;
    });
    expect(outside).toEqual([]);
    for (let b = 1; b < DELAY_BUCKETS; b++) expect(delayBucket(bucketBounds(b).lower)).toBe(b);
  });

  it('makes each class above 0 end about 19% above where it starts, so a percentile is off by less than that', () => {
    for (let b = 1; b < DELAY_BUCKETS; b++) {
      const { lower, upper } = bucketBounds(b);
      expect(upper / lower).toBeCloseTo(2 ** 0.25, 12);
    }
  });

  it('has a last class that reaches past the longest delay believed, and keeps anything longer there', () => {
    expect(bucketBounds(DELAY_BUCKETS - 1).upper).toBeGreaterThan(MAX_DELAY_SECONDS);
    expect(delayBucket(MAX_DELAY_SECONDS)).toBe(DELAY_BUCKETS - 1);
    expect(delayBucket(1e12)).toBe(DELAY_BUCKETS - 1);
  });
});

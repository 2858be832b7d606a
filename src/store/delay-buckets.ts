// Delivery delays are stored as counts per class of a log scale, not one row
// per message. Class 0 holds the delays under a tenth of a second; above it
// every doubling of the delay spans four classes, so each class ends 2^(1/4)
// (about 19%) above where it starts. A median or a 95th percentile read from
// the counts falls in the class of the exact value, so it is off by less than
// that; the sum of a class's delays gives their mean, the value to report
// for it, and the largest delay is stored apart, exactly.

import { MAX_DELAY_SECONDS } from '../../parsers/delay.js';

/** Delays under this many seconds share class 0: the MTAs log them to a hundredth of a second at best. */
const FIRST_BOUND = 0.1;
const CLASSES_PER_DOUBLING = 4;

/** Each class's upper bound: class 0 holds [0, UPPER[0]), class b [UPPER[b - 1], UPPER[b]); the last one reaches past MAX_DELAY_SECONDS. */
const UPPER: readonly number[] = Array.from(
  { length: 1 + Math.ceil(CLASSES_PER_DOUBLING * Math.log2(MAX_DELAY_SECONDS / FIRST_BOUND)) },
  (_, b) => FIRST_BOUND * 2 ** (b / CLASSES_PER_DOUBLING),
);

/** The class of a delay of `seconds` (0 or more); a delay past the last class's bound is in the last class. */
export function delayBucket(seconds: number): number {
  // A search of the bounds rather than a logarithm: a delay on a bound falls in the class bucketBounds says.
  let low = 0;
  let high = UPPER.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (seconds < UPPER[middle]) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The delays a class holds, in seconds: from `lower` (included) up to `upper` (left out). */
export function bucketBounds(bucket: number): { lower: number; upper: number } {
  return { lower: bucket === 0 ? 0 : UPPER[bucket - 1], upper: UPPER[bucket] };
}

/** How many classes there are: they are numbered from 0. */
export const DELAY_BUCKETS = UPPER.length;

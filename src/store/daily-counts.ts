// Daily aggregates are counted in memory while a source is read and added to
// the database once per source, or sooner when a source has so many distinct
// keys (hostile lines can make every recipient domain new) that holding them
// would grow memory with the input. Deliveries are counted where they are
// parsed, so only failures travel between threads one by one.

import type { DeliveredEvent } from '../../parsers/events.js';

export function recipientDomain(recipient: string | null): string {
  if (!recipient) return '';
  const at = recipient.lastIndexOf('@');
  return at === -1 ? '' : recipient.slice(at + 1).toLowerCase();
}

// Log lines come in time order, many to the second: convert each second once.
let cachedSecond = NaN;
let cachedIso = '';

/** UTC ISO 8601 with milliseconds, as stored. */
export function isoTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedIso = new Date(second * 1000).toISOString();
  }
  const millis = ms - second * 1000;
  return millis === 0 ? cachedIso : `${cachedIso.slice(0, 20)}${String(millis).padStart(3, '0')}Z`;
}

/** Distinct keys, and characters in them, counted in memory before they are added to the database. */
const KEYS_HELD = 20_000;
const CHARS_HELD = 2 * 1024 * 1024;

/** Counts by a key of column values; the values must not contain NUL. */
export class DailyCounts {
  private readonly counts = new Map<string, number>();
  private chars = 0;

  /** Holding enough to be added to the database now (additions add up, so any moment will do). */
  get full(): boolean {
    return this.counts.size >= KEYS_HELD || this.chars >= CHARS_HELD;
  }

  add(columns: readonly string[], n = 1): void {
    const key = columns.join('\u0000');
    const count = this.counts.get(key);
    if (count === undefined) this.chars += key.length;
    this.counts.set(key, (count ?? 0) + n);
  }

  /** Each key's column values and count. */
  *rows(): Generator<[string[], number]> {
    for (const [key, n] of this.counts) yield [key.split('\u0000'), n];
  }

  clear(): void {
    this.counts.clear();
    this.chars = 0;
  }
}

/** day, host, mta, direction, recipient domain: the key of deliveries_daily. */
export function deliveryColumns(e: DeliveredEvent): string[] {
  return [isoTime(e.time).slice(0, 10), e.host, e.mta, e.direction, recipientDomain(e.recipient)];
}

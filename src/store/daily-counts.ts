// Daily aggregates are counted in memory while a source is read and added to
// the database once per source, or sooner when a source has so many distinct
// keys (hostile lines can make every recipient domain new) that holding them
// would grow memory with the input. Deliveries are counted where they are
// parsed, so only failures travel between threads one by one; so are the
// messages received.

import type { DeliveredEvent, ReceivedEvent } from '../../parsers/events.js';

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

/** How many, and the bytes they held (0 where the log gives no size). */
export interface Tally {
  count: number;
  bytes: number;
}

/** A key's column values and its tally. */
export type CountRow = [columns: string[], tally: Tally];

/** Counts by a key of column values; the values must not contain NUL. */
export class DailyCounts {
  private readonly counts = new Map<string, Tally>();
  private chars = 0;

  /** Holding enough to be added to the database now (additions add up, so any moment will do). */
  get full(): boolean {
    return this.counts.size >= KEYS_HELD || this.chars >= CHARS_HELD;
  }

  add(columns: readonly string[], count = 1, bytes = 0): void {
    const key = columns.join('\u0000');
    const tally = this.counts.get(key);
    if (tally === undefined) {
      this.chars += key.length;
      this.counts.set(key, { count, bytes });
    } else {
      tally.count += count;
      tally.bytes += bytes;
    }
  }

  /** Each key's column values and tally. */
  *rows(): Generator<CountRow> {
    for (const [key, tally] of this.counts) yield [key.split('\u0000'), tally];
  }

  clear(): void {
    this.counts.clear();
    this.chars = 0;
  }
}

/** The deliveries and the messages received that a source stage counted, to be added to the database. */
export interface TrafficRows {
  deliveries: CountRow[];
  received: CountRow[];
}

/** day, host, mta: the key of received_daily. */
export function receivedColumns(e: ReceivedEvent): string[] {
  return [isoTime(e.time).slice(0, 10), e.host, e.mta];
}

/** day, host, mta, direction, recipient domain: the key of deliveries_daily. */
export function deliveryColumns(e: DeliveredEvent): string[] {
  return [isoTime(e.time).slice(0, 10), e.host, e.mta, e.direction, recipientDomain(e.recipient)];
}

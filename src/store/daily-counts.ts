// Daily aggregates are counted in memory while a source is read and added to
// the database once per source, or sooner when a source has so many distinct
// keys (hostile lines can make every recipient domain new) that holding them
// would grow memory with the input. Deliveries are counted where they are
// parsed, so only failures travel between threads one by one; so are the
// messages received (store/traffic-counts.ts).

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

/** How many, what they add up to (bytes, or seconds of delay; 0 where the log gives none), and the largest one. */
export interface Tally {
  count: number;
  sum: number;
  max: number;
}

/** A key's column values and its tally. */
export type CountRow = [columns: string[], tally: Tally];

/** A key as one string, its column values joined, and its tally: how counts travel between threads, split only where they are written. */
export type CountEntry = [key: string, tally: Tally];

const SEPARATOR = '\u0000';

/** Counts by a key of column values; the values must not contain NUL. */
export class DailyCounts {
  private readonly counts = new Map<string, Tally>();
  private chars = 0;
  /** The columns counted last and their tally: a log's lines come in time order, so the next line mostly counts under the same day, hour and host, with no key to build and look up. */
  private lastColumns: readonly string[] = [];
  private lastTally: Tally | null = null;

  /** Holding enough to be added to the database now (additions add up, so any moment will do). */
  get full(): boolean {
    return this.counts.size >= KEYS_HELD || this.chars >= CHARS_HELD;
  }

  /** Characters in the keys held. */
  get heldChars(): number {
    return this.chars;
  }

  /** `count` more under a key (one event, or a tally counted elsewhere), adding up to `sum`, the largest of them `max`. */
  add(columns: readonly string[], count = 1, sum = 0, max = sum): void {
    if (this.lastTally !== null && sameColumns(columns, this.lastColumns)) {
      addToTally(this.lastTally, count, sum, max);
      return;
    }
    this.lastColumns = columns;
    this.lastTally = this.addTo(columns.join(SEPARATOR), count, sum, max);
  }

  /** Tallies counted elsewhere, as entries() gave them. */
  merge(entries: readonly CountEntry[]): void {
    for (const [key, { count, sum, max }] of entries) this.addTo(key, count, sum, max);
  }

  private addTo(key: string, count: number, sum: number, max: number): Tally {
    let tally = this.counts.get(key);
    if (tally === undefined) {
      this.chars += key.length;
      tally = { count, sum, max };
      this.counts.set(key, tally);
    } else {
      addToTally(tally, count, sum, max);
    }
    return tally;
  }

  /** Each key's column values and tally. */
  *rows(): Generator<CountRow> {
    for (const [key, tally] of this.counts) yield [key.split(SEPARATOR), tally];
  }

  entries(): CountEntry[] {
    return [...this.counts];
  }

  clear(): void {
    this.counts.clear();
    this.chars = 0;
    this.lastColumns = [];
    this.lastTally = null;
  }
}

function addToTally(tally: Tally, count: number, sum: number, max: number): void {
  tally.count += count;
  tally.sum += sum;
  if (max > tally.max) tally.max = max;
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Correlation state and caches keyed by message id or text. Ids whose message
// never completes in the logs we see (a rotated-away start, a crash) must not
// grow memory without end, so past a limit the least recently set entries
// are evicted. The limit is on entries and on the bytes they hold: a hostile
// line makes a sender or a reason of a megabyte, and a log whose deferred
// messages never complete fills every map with entries of a few hundred
// bytes, most of them V8's own (the map's slots, object and string headers).

export interface ByteBudget<K, V> {
  /** Most bytes the entries may hold together. */
  bytes: number;
  /** Bytes one entry holds, estimated when it is set. */
  weigh(key: K, value: V): number;
}

// Changes after which an iterator left idle is dropped (see `oldest`).
const IDLE_CHANGES = 4096;

export class BoundedMap<K, V> extends Map<K, V> {
  evicted = 0;
  private held = 0;
  /** Each entry's weight as it was set, so that taking it out gives back exactly that. */
  private readonly weights: Map<K, number> | null;
  /**
   * The entries, least recently set first, read on from one eviction to the
   * next: a map keeps an entry taken out as a hole until it is rebuilt, and a
   * fresh iterator for each eviction walked past all the holes the earlier
   * ones left (tens of microseconds each, at the limit). An iterator also
   * keeps alive every table the map was rebuilt into since it last moved, so
   * after IDLE_CHANGES changes without an eviction it is dropped.
   */
  private oldest: Iterator<K> | null = null;
  private idle = 0;

  constructor(
    private readonly limit: number,
    private readonly budget?: ByteBudget<K, V>,
  ) {
    super();
    this.weights = budget ? new Map() : null;
  }

  // A key set again moves to the back: qmgr repeats from= at every retry,
  // so a long-deferred message is not the first to be forgotten.
  override set(key: K, value: V): this {
    if (!this.delete(key) && this.size >= this.limit) this.evictOldest();
    super.set(key, value);
    if (this.budget) {
      const weight = this.budget.weigh(key, value);
      this.weights!.set(key, weight);
      this.held += weight;
      // The entry just set stays, even alone over budget: its texts are bounded where they are made.
      while (this.held > this.budget.bytes && this.size > 1) this.evictOldest();
    }
    return this;
  }

  override delete(key: K): boolean {
    // Every set and every eviction comes through here too.
    if (++this.idle > IDLE_CHANGES) this.oldest = null;
    const weight = this.weights?.get(key);
    if (weight !== undefined) {
      this.weights!.delete(key);
      this.held -= weight;
    }
    return super.delete(key);
  }

  override clear(): void {
    super.clear();
    this.weights?.clear();
    this.held = 0;
    this.oldest = null;
  }

  // The iterator evicts each entry it passes, and an entry set again moves behind it:
  // the next entry it gives is the least recently set.
  private evictOldest(): void {
    this.oldest ??= this.keys();
    this.idle = 0;
    this.delete(this.oldest.next().value as K);
    this.evicted++;
  }
}

/** Bytes one map of correlation state may hold, whatever the lines: the source thread's state stays within a few tens of MB. */
export const STATE_BYTES = 8 * 1024 * 1024;

/**
 * Bytes an entry holds besides its texts' characters: its slots here and in
 * the weights, its key's and value's headers (measured: a message id and a
 * sender of 41 characters together hold 186 bytes; a message id and its
 * size and time, 125).
 */
export const ENTRY_BYTES = 160;

/** The weight of a text keyed by a text (a sender by its message id): one byte a character, as V8 keeps ASCII. */
export const textWeight = (key: string, value: string): number => ENTRY_BYTES + key.length + value.length;

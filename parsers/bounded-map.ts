// Correlation state and caches keyed by message id or text. Ids whose message
// never completes in the logs we see (a rotated-away start, a crash) must not
// grow memory without end, so past a limit the least recently set entries
// are evicted. The limit is on entries and, where entries can be long (a
// hostile line makes a sender or a reason of a megabyte), on the characters
// they hold as well.

export interface CharBudget<K, V> {
  /** Most characters the entries may hold together. */
  chars: number;
  /** Characters one entry holds (weighed when it is set). */
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
    private readonly budget?: CharBudget<K, V>,
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
      while (this.held > this.budget.chars && this.size > 1) this.evictOldest();
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

/** Characters one map of correlation state may hold: a few tens of MB, whatever the lines. */
export const STATE_CHARS = 8 * 1024 * 1024;

/** The weight of a text keyed by a text (a sender by its message id). */
export const textWeight = (key: string, value: string): number => key.length + value.length;

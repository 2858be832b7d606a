// Correlation state keyed by message id. Ids whose message never completes in
// the logs we see (a rotated-away start, a crash) must not grow memory without
// end, so past a limit the least recently set ids are evicted.

export class BoundedMap<K, V> extends Map<K, V> {
  evicted = 0;

  constructor(private readonly limit: number) {
    super();
  }

  // A key set again moves to the back: qmgr repeats from= at every retry,
  // so a long-deferred message is not the first to be forgotten.
  override set(key: K, value: V): this {
    if (this.delete(key)) return super.set(key, value);
    if (this.size >= this.limit) {
      const oldest = this.keys().next().value as K;
      this.delete(oldest);
      this.evicted++;
    }
    return super.set(key, value);
  }
}

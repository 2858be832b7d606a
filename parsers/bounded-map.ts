// Correlation state keyed by message id. Ids whose message never completes in
// the logs we see (a rotated-away start, a crash) must not grow memory without
// end, so past a limit the oldest ids are evicted.

export class BoundedMap<K, V> extends Map<K, V> {
  evicted = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.limit) {
      const oldest = this.keys().next().value as K;
      this.delete(oldest);
      this.evicted++;
    }
    return super.set(key, value);
  }
}

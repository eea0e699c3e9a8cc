// A small in-memory cache for values that are costly to fetch: each entry lives `ttlMs`, concurrent
// loads of one key share a single fetch, and failures are never cached.

export type Clock = () => number;

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly inFlight = new Map<string, { promise: Promise<V>; forced: boolean }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: Clock = Date.now,
  ) {}

  /** The cached value if still fresh, else the result of `load` (shared with concurrent callers). */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && this.now() < entry.expiresAt) return Promise.resolve(entry.value);
    const running = this.inFlight.get(key);
    return running ? running.promise : this.load(key, load, false);
  }

  /**
   * Ignores the cached value and loads again. Joins another refresh already under way (many callers
   * hitting the same 401 cost one load), but not a plain load, which may have started before the
   * value changed.
   */
  refresh(key: string, load: () => Promise<V>): Promise<V> {
    this.entries.delete(key);
    const running = this.inFlight.get(key);
    return running?.forced ? running.promise : this.load(key, load, true);
  }

  private load(key: string, load: () => Promise<V>, forced: boolean): Promise<V> {
    const promise: Promise<V> = load()
      .then((value) => {
        // A newer load (a refresh that overtook this one) owns the entry now.
        if (this.inFlight.get(key)?.promise === promise && this.ttlMs > 0) {
          this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
        }
        return value;
      })
      .finally(() => {
        if (this.inFlight.get(key)?.promise === promise) this.inFlight.delete(key);
      });
    this.inFlight.set(key, { promise, forced });
    return promise;
  }
}

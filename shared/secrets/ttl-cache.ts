// A small in-memory cache for values that are costly to fetch: each entry lives `ttlMs`, concurrent
// loads of one key share a single fetch, and failures are never cached.

export type Clock = () => number;

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly inFlight = new Map<string, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: Clock = Date.now,
  ) {}

  /** The cached value if still fresh, else the result of `load` (shared with concurrent callers). */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && this.now() < entry.expiresAt) return Promise.resolve(entry.value);
    return this.load(key, load);
  }

  /** Ignores the cached value and loads again; joins a load already under way for the key. */
  refresh(key: string, load: () => Promise<V>): Promise<V> {
    this.entries.delete(key);
    return this.load(key, load);
  }

  private load(key: string, load: () => Promise<V>): Promise<V> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const promise = load()
      .then((value) => {
        if (this.ttlMs > 0) this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }
}

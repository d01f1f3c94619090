// SessionCache: the server-side TLS session cache (session-ID resumption) behind `tls-session-caching`,
// `tls-session-cache-size` (entries; 0 = no limit, as OpenSSL) and `tls-session-cache-timeout` (seconds).
// A Map in insertion order: the oldest entry is evicted first, a hit moves the entry to the young end.
// Session tickets need no server state; this cache serves clients that resume by session ID.

interface Entry {
  data: Buffer;
  expiresAt: number;
}

export class SessionCache {
  private readonly map = new Map<string, Entry>();

  constructor(
    public maxEntries: number,
    public timeoutSec: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.map.size;
  }

  set(id: Buffer, data: Buffer): void {
    const key = id.toString('hex');
    this.map.delete(key);
    this.map.set(key, { data, expiresAt: this.now() + this.timeoutSec * 1000 });
    if (this.maxEntries > 0) {
      while (this.map.size > this.maxEntries) {
        const oldest = this.map.keys().next();
        if (oldest.done === true) break;
        this.map.delete(oldest.value);
      }
    }
  }

  get(id: Buffer): Buffer | null {
    const key = id.toString('hex');
    const e = this.map.get(key);
    if (e === undefined) return null;
    this.map.delete(key);
    if (e.expiresAt <= this.now()) return null;
    this.map.set(key, e);
    return e.data;
  }

  clear(): void {
    this.map.clear();
  }
}

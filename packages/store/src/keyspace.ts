// Keyspace: the set of numbered Dbs plus what they share: config, clock and random source (injectable for
// deterministic tests), hooks, stats, the active expire cycle, memory accounting and eviction, SWAPDB/FLUSHALL.
// The engine calls performEvictions() before write commands when maxmemory > 0 and activeExpireCycle() from cron.
import { LiveConfig, type StoreConfig } from './config.js';
import { Db } from './db.js';
import { EvictionPool, evictEntry, pickVictim } from './evict.js';
import type { KeyspaceHooks } from './hooks.js';
import { StoreMisuseError } from './errors.js';
import { estimateIdleTime, lfuDecrAndReturn } from './lru.js';
import type { RObject } from './object.js';
import './types/string.js';

export { Db } from './db.js';
export type { StoreConfig } from './config.js';
export type { KeyspaceHooks, NotifyClass } from './hooks.js';

/** Keys sampled per loop of the active expire cycle (Redis's ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP). */
export const ACTIVE_EXPIRE_KEYS_PER_LOOP = 20;
/** Keep looping on a db while more than this share of the sampled keys had expired. */
export const ACTIVE_EXPIRE_STALE_RATIO = 0.25;

export interface KeyspaceOptions {
  config?: Partial<StoreConfig>;
  /** Wall clock in ms (default Date.now). Drives expiry, LRU and LFU. */
  clock?: () => number;
  /** Monotonic timer in ms for time budgets (default performance.now). */
  timer?: () => number;
  /** Uniform random in [0,1) (default Math.random): sampling, RANDOMKEY, LFU increments. */
  random?: () => number;
}

export interface KeyspaceStats {
  expiredKeys: number;
  evictedKeys: number;
  keyspaceHits: number;
  keyspaceMisses: number;
}

export class Keyspace {
  readonly config: LiveConfig;
  hooks: KeyspaceHooks = {};
  readonly dbs: Db[];
  stats: KeyspaceStats = { expiredKeys: 0, evictedKeys: 0, keyspaceHits: 0, keyspaceMisses: 0 };
  /**
   * Replica mode: logically expired keys are hidden from lookups but not deleted (the master's DEL removes them),
   * and the active expire cycle does nothing, as on a Redis replica.
   */
  replica = false;
  readonly clock: () => number;
  readonly timer: () => number;
  readonly random: () => number;
  /** @internal */ evictDbCursor = 0;
  private expireDbCursor = 0;
  private frozen = -1;
  private readonly pool = new EvictionPool();

  constructor(opts: KeyspaceOptions = {}) {
    this.config = new LiveConfig(opts.config ?? {});
    this.clock = opts.clock ?? Date.now;
    this.timer = opts.timer ?? (() => performance.now());
    this.random = opts.random ?? Math.random;
    const n = this.config.databases;
    if (!Number.isInteger(n) || n < 1) throw new StoreMisuseError(`databases must be a positive integer, got ${n}`);
    this.dbs = [];
    for (let i = 0; i < n; i++) this.dbs.push(new Db(i, this));
  }

  db(index: number): Db {
    const d = this.dbs[index];
    if (d === undefined) throw new StoreMisuseError(`no db ${index} (databases=${this.dbs.length})`);
    return d;
  }

  /** Current time in ms: the frozen time while one is set (see freezeTime), else the injected clock. */
  now(): number {
    return this.frozen >= 0 ? this.frozen : this.clock();
  }

  /**
   * Pins now() to one value (default: the clock's current time) until unfreezeTime(), as Redis does while a command
   * or script runs, so that a key cannot expire halfway through it. Also saves a clock read per lookup.
   */
  freezeTime(ms: number = this.clock()): void {
    this.frozen = ms;
  }

  unfreezeTime(): void {
    this.frozen = -1;
  }

  /**
   * Whether values may be shared objects (small integers from the pool): not when maxmemory is set with an LRU or
   * LFU policy, since shared objects have no per-key access data (as Redis decides in tryObjectEncoding).
   */
  canShareIntegers(): boolean {
    const f = this.config.flags;
    return this.config.maxmemory === 0 || !(f.lru || f.lfu);
  }

  /** OBJECT IDLETIME in seconds (meaningful under non-LFU policies). */
  objectIdleTime(o: RObject): number {
    return Math.floor(estimateIdleTime(o, this.now()) / 1000);
  }

  /** OBJECT FREQ: the decayed LFU counter (meaningful under LFU policies). */
  objectFreq(o: RObject): number {
    return lfuDecrAndReturn(o, this.now(), this.config.lfuDecayTime);
  }

  swapDb(a: number, b: number): void {
    const da = this.db(a);
    const dbb = this.db(b);
    if (da === dbb) return;
    da.swapContents(dbb);
    this.hooks.dbSwapped?.(da, dbb);
  }

  flushAll(): void {
    for (const d of this.dbs) d.flush();
  }

  /**
   * Redis's active expire cycle: walks the dbs round-robin; in each, samples up to 20 keys with a TTL (moving a
   * cursor through them), deletes the expired ones, and repeats while more than 25% of a sample had expired.
   * Stops when `budgetMs` (measured with the timer) is spent. Returns the number of keys expired.
   */
  activeExpireCycle(budgetMs: number): number {
    if (this.replica || budgetMs <= 0) return 0;
    const start = this.timer();
    const dbs = this.dbs;
    let expired = 0;
    let iterations = 0;
    for (let n = 0; n < dbs.length; n++) {
      const db = dbs[this.expireDbCursor % dbs.length]!;
      this.expireDbCursor = (this.expireDbCursor + 1) % dbs.length;
      const now = this.now();
      for (;;) {
        const ttl = db.ttl;
        if (ttl.length === 0) {
          db.avgTtl = 0;
          break;
        }
        const num = Math.min(ttl.length, ACTIVE_EXPIRE_KEYS_PER_LOOP);
        let sampled = 0;
        let hit = 0;
        let ttlSum = 0;
        let ttlSamples = 0;
        for (let i = 0; i < num && ttl.length > 0; i++) {
          if (db.expireCursor >= ttl.length) db.expireCursor = 0;
          const e = ttl[db.expireCursor]!;
          sampled++;
          if (e.expire <= now) {
            db.expireEntry(e); // swap-remove: the next candidate now sits at the cursor
            hit++;
          } else {
            ttlSum += e.expire - now;
            ttlSamples++;
            db.expireCursor++;
          }
        }
        expired += hit;
        if (ttlSamples > 0) {
          const avg = ttlSum / ttlSamples;
          db.avgTtl = db.avgTtl === 0 ? avg : (db.avgTtl / 50) * 49 + avg / 50;
        }
        iterations++;
        if ((iterations & 15) === 0 && this.timer() - start > budgetMs) return expired;
        if (sampled === 0 || hit <= sampled * ACTIVE_EXPIRE_STALE_RATIO) break;
      }
    }
    return expired;
  }

  /**
   * The time budget Redis gives one slow active expire cycle run from cron: 25% of a cron period (1000/hz ms).
   * Returns 0 when active-expire is disabled, so `activeExpireCycle(ks.activeExpireBudgetMs())` is always right.
   */
  activeExpireBudgetMs(): number {
    if (!this.config.activeExpireEnabled || this.replica) return 0;
    const hz = Math.min(500, Math.max(1, this.config.hz));
    return (1000 / hz) * 0.25;
  }

  /** Estimated bytes used by all keys and values (see README: how memory is estimated). */
  usedMemory(): number {
    let m = 0;
    for (const d of this.dbs) m += d.usedMemory();
    return m;
  }

  /**
   * Evicts keys per maxmemory-policy until usedMemory() <= maxmemory. 'oom' when over the limit and nothing can be
   * evicted (noeviction, or no candidate keys): the engine then refuses write commands with -OOM.
   */
  performEvictions(): 'ok' | 'oom' {
    const max = this.config.maxmemory;
    if (max <= 0) return 'ok';
    if (this.usedMemory() <= max) return 'ok';
    if (this.config.flags.noeviction) return 'oom';
    while (this.usedMemory() > max) {
      const v = pickVictim(this, this.pool);
      if (v === undefined) return 'oom';
      evictEntry(this, v.db, v.entry);
    }
    return 'ok';
  }
}

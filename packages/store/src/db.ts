// Db: one numbered database. Maps keys to entries (value + TTL), keeps the scan order (KeyOrder), the list of keys
// with a TTL (for active expiry and volatile eviction), and the memory accounted to its keys. Lazily expires keys
// on access, touches LRU/LFU data on reads, unshares objects before writes (copy-on-write), and fires the
// Keyspace's hooks. Db owns exactly one reference to each value it holds.
// Callers: the command engine (through the API below), KeyHandle, DbSnapshot, and Keyspace (expiry, eviction).
import type { Keyspace } from './keyspace.js';
import { Entry } from './entry.js';
import { StoreMisuseError } from './errors.js';
import { KeyHandle } from './key-handle.js';
import { KeyOrder } from './key-order.js';
import { lfuDecrAndReturn, lfuInitial, lfuLogIncr, lfuTimeInMinutes, lruClock } from './lru.js';
import {
  decrRefCount,
  dupObject,
  objectMemory,
  ObjType,
  SHARED_REFCOUNT,
  stringBytes,
  type RObject,
} from './object.js';
import { DbSnapshot } from './snapshot.js';
import type { NotifyClass } from './hooks.js';

/**
 * Bytes accounted per key besides the key string and the value object: the Entry (3 header words + 6 fields = 72),
 * the Map slot (key, value, chain link + bucket share, ~32 with the table's growth slack) and the scan slot (8).
 */
export const ENTRY_OVERHEAD = 112;
/** Extra bytes per key with a TTL (its slot in the TTL list). */
export const TTL_OVERHEAD = 8;

function entryMemory(key: string, val: RObject): number {
  return ENTRY_OVERHEAD + stringBytes(key.length) + objectMemory(val);
}

export interface SetOptions {
  /** Keep the key's current TTL instead of clearing it (SET ... KEEPTTL). */
  keepTtl?: boolean;
}

export interface OpenKeyOptions {
  write?: boolean;
}

export class Db {
  readonly id: number;
  readonly keyspace: Keyspace;
  /** Estimate for INFO keyspace avg_ttl (ms), refreshed by the active expire cycle as Redis does. */
  avgTtl = 0;

  /** @internal */ dict = new Map<string, Entry>();
  /** @internal */ order = new KeyOrder();
  /** @internal keys with a TTL; an entry's ttlPos is its index here (swap-remove). */
  ttl: Entry[] = [];
  /** @internal */ mem = 0;
  /** @internal active-expire position in `ttl`. */
  expireCursor = 0;
  /** @internal snapshots still reading this db's slots; every write first lets them preserve the old state. */
  snapshots: DbSnapshot[] = [];

  constructor(id: number, keyspace: Keyspace) {
    this.id = id;
    this.keyspace = keyspace;
  }

  // ---- Lookups ----

  /** Read lookup: lazily expires, touches LRU/LFU, counts keyspace hits/misses, fires `keymiss` on a miss. */
  lookupRead(key: string): RObject | undefined {
    const e = this.dict.get(key);
    const ks = this.keyspace;
    if (e !== undefined) {
      const now = ks.now();
      if (e.expire === -1 || e.expire > now || !this.expireEntry(e)) {
        const o = e.val;
        if (o.refcount !== SHARED_REFCOUNT) this.touch(o, now);
        ks.stats.keyspaceHits++;
        return o;
      }
    }
    ks.stats.keyspaceMisses++;
    ks.hooks.notify?.('m', 'keymiss', key, this.id);
    return undefined;
  }

  /**
   * Write lookup: lazily expires, touches LRU/LFU, and returns an object that is safe to mutate in place: if the
   * value has other owners (a snapshot, a key handle, the shared pool) it is duplicated and replaced first.
   */
  lookupWrite(key: string): RObject | undefined {
    const e = this.dict.get(key);
    if (e === undefined) return undefined;
    const now = this.keyspace.now();
    if (e.expire !== -1 && e.expire <= now && this.expireEntry(e)) return undefined;
    if (this.snapshots.length !== 0) this.preserve(e);
    let o = e.val;
    if (o.refcount > 1) {
      const copy = dupObject(o);
      copy.lru = o.refcount === SHARED_REFCOUNT ? 0 : o.lru;
      e.val = copy;
      decrRefCount(o); // the Db's reference moves to the private copy
      o = copy;
    }
    this.touch(o, now);
    return o;
  }

  /** True if the key exists (lazily expiring it); no LRU touch, no stats. */
  exists(key: string): boolean {
    const e = this.dict.get(key);
    if (e === undefined) return false;
    return e.expire === -1 || e.expire > this.keyspace.now() || !this.expireEntry(e);
  }

  /** The value with no expiry check and no touch (OBJECT, DEBUG, snapshots). */
  peek(key: string): RObject | undefined {
    return this.dict.get(key)?.val;
  }

  private touch(o: RObject, now: number): void {
    const cfg = this.keyspace.config;
    if (cfg.flags.lfu) {
      const counter = lfuLogIncr(lfuDecrAndReturn(o, now, cfg.lfuDecayTime), cfg.lfuLogFactor, this.keyspace.random());
      o.lru = (lfuTimeInMinutes(now) << 8) | counter;
    } else {
      o.lru = lruClock(now);
    }
  }

  private initLru(val: RObject, prev: RObject | undefined): void {
    if (val.refcount === SHARED_REFCOUNT) return;
    const now = this.keyspace.now();
    if (this.keyspace.config.flags.lfu) {
      val.lru = prev !== undefined && prev.refcount !== SHARED_REFCOUNT ? prev.lru : lfuInitial(now);
    } else {
      val.lru = lruClock(now);
    }
  }

  // ---- Writes ----

  /** Inserts or overwrites. Clears the TTL unless keepTtl. Takes over one reference of `val`; releases the old value. */
  set(key: string, val: RObject, opts?: SetOptions): void {
    let e = this.dict.get(key);
    // An expired key is expired first (with its events), as Redis's setKey does through lookupKeyWrite: the new
    // value then starts a fresh key, and KEEPTTL cannot keep a TTL that has already passed.
    if (e !== undefined && e.expire !== -1 && e.expire <= this.keyspace.now() && !this.keyspace.replica) {
      this.expireEntry(e);
      e = undefined;
    }
    if (e === undefined) {
      this.initLru(val, undefined);
      this.insert(key, val);
      this.notify('n', 'new', key);
      return;
    }
    if (this.snapshots.length !== 0) this.preserve(e);
    const old = e.val;
    this.initLru(val, old);
    e.val = val;
    if (e.expire !== -1 && (opts === undefined || opts.keepTtl !== true)) this.dropTtl(e);
    const m = entryMemory(key, val);
    this.mem += m - e.mem;
    e.mem = m;
    decrRefCount(old);
    // an overwritten stream wakes its blocked XREADGROUP readers (they learn the stream is gone), as dbOverwrite does
    if (old.type === ObjType.STREAM) this.signalReady(key);
  }

  /** Inserts a key that must not exist (a bug otherwise: throws StoreMisuseError). Takes over one reference of `val`. */
  add(key: string, val: RObject): void {
    if (this.liveEntry(key) !== undefined || this.dict.has(key)) throw new StoreMisuseError(`Db.add: key already exists in db ${this.id}`);
    this.initLru(val, undefined);
    this.insert(key, val);
    this.notify('n', 'new', key);
  }

  /**
   * Deletes a key and releases its value. A logically expired key is expired first (with its notifications) and
   * then counts as missing, as DEL does in Redis. Returns whether a key was deleted.
   */
  delete(key: string): boolean {
    const e = this.dict.get(key);
    if (e === undefined) return false;
    if (e.expire !== -1 && e.expire <= this.keyspace.now() && this.expireEntry(e) && !this.keyspace.replica) {
      return false;
    }
    this.removeEntry(e);
    decrRefCount(e.val);
    return true;
  }

  /** @internal insert a new entry holding `val` (ownership of one reference moves in). */
  insert(key: string, val: RObject): Entry {
    const e = new Entry(key, val);
    e.mem = entryMemory(key, val);
    this.mem += e.mem;
    this.dict.set(key, e);
    this.order.push(e);
    return e;
  }

  /** @internal unlink an entry from every index; does NOT release its value (the caller does or moves it). */
  removeEntry(e: Entry): void {
    if (this.snapshots.length !== 0) this.preserve(e);
    this.dict.delete(e.key);
    if (e.ttlPos !== -1) this.dropTtl(e);
    this.order.remove(e);
    this.mem -= e.mem;
  }

  /**
   * @internal Expire an entry found past its TTL: deletes it (unless the keyspace is a replica, where expired keys
   * are only hidden until the master's DEL arrives), counts it, fires keyDeleted, `expired` and keyModified.
   * Returns true: the key is to be treated as missing.
   */
  expireEntry(e: Entry): boolean {
    const ks = this.keyspace;
    if (ks.replica) return true;
    this.removeEntry(e);
    decrRefCount(e.val);
    ks.stats.expiredKeys++;
    const h = ks.hooks;
    const key = e.key;
    h.keyDeleted?.(this, key, 'expired');
    h.notify?.('x', 'expired', key, this.id);
    h.keyModified?.(this, key);
    return true;
  }

  // ---- TTLs ----

  /** Absolute expire time in ms, or -1 if the key has no TTL or does not exist. */
  getExpire(key: string): number {
    const e = this.dict.get(key);
    return e === undefined ? -1 : e.expire;
  }

  /** Sets an absolute expire time (ms). The key must exist (a bug otherwise: throws StoreMisuseError). */
  setExpire(key: string, atMs: number): void {
    const e = this.dict.get(key);
    if (e === undefined) throw new StoreMisuseError(`Db.setExpire: no such key in db ${this.id}`);
    this.setEntryExpire(e, atMs);
  }

  /** @internal */
  setEntryExpire(e: Entry, atMs: number): void {
    if (this.snapshots.length !== 0) this.preserve(e);
    if (e.ttlPos === -1) {
      e.ttlPos = this.ttl.length;
      this.ttl.push(e);
    }
    e.expire = atMs;
  }

  /** Removes the TTL; returns whether there was one. */
  removeExpire(key: string): boolean {
    const e = this.dict.get(key);
    if (e === undefined || e.expire === -1) return false;
    this.dropTtl(e);
    return true;
  }

  private dropTtl(e: Entry): void {
    if (this.snapshots.length !== 0) this.preserve(e);
    const ttl = this.ttl;
    const last = ttl.pop()!;
    if (last !== e) {
      ttl[e.ttlPos] = last;
      last.ttlPos = e.ttlPos;
    }
    e.ttlPos = -1;
    e.expire = -1;
  }

  // ---- Whole-db views ----

  /** Keys in the db, including logically expired ones not yet deleted (as DBSIZE). */
  size(): number {
    return this.dict.size;
  }

  expiresSize(): number {
    return this.ttl.length;
  }

  /** Every key that is not logically expired (nothing is deleted while iterating; as KEYS). */
  *keys(): IterableIterator<string> {
    const now = this.keyspace.now();
    for (const e of this.dict.values()) {
      if (e.expire === -1 || e.expire > now) yield e.key;
    }
  }

  /** A random key, lazily deleting expired keys it lands on (as RANDOMKEY). */
  randomKey(): string | undefined {
    const ks = this.keyspace;
    const allVolatile = this.ttl.length === this.dict.size;
    let tries = 100;
    for (;;) {
      const e = this.randomEntry();
      if (e === undefined) return undefined;
      if (e.expire !== -1 && e.expire <= ks.now()) {
        if (ks.replica) {
          // Expired keys are not deleted on a replica: give up after a while, as Redis does.
          if (allVolatile && --tries === 0) return e.key;
          continue;
        }
        this.expireEntry(e);
        continue;
      }
      return e.key;
    }
  }

  /** @internal a uniformly random live entry, or undefined when empty. */
  randomEntry(): Entry | undefined {
    const order = this.order;
    if (order.live === 0) return undefined;
    const slots = order.slots;
    const rnd = this.keyspace.random;
    for (let i = 0; i < 64; i++) {
      const e = slots[Math.floor(rnd() * slots.length)];
      if (e !== undefined) return e;
    }
    const start = Math.floor(rnd() * slots.length);
    for (let i = 0; i < slots.length; i++) {
      const e = slots[(start + i) % slots.length];
      if (e !== undefined) return e;
    }
    return undefined;
  }

  /**
   * One SCAN step: visits about `count` keys from `cursor` (0n starts) and returns the next cursor, 0n when done.
   * A key present for the whole iteration is visited at least once, even while keys are added or removed.
   * Logically expired keys are expired on the way and not visited.
   */
  scan(cursor: bigint, count: number, visit: (key: string) => void): bigint {
    const order = this.order;
    const slots = order.slots;
    let idx = order.cursorToIndex(cursor);
    const want = count > 0 ? count : 1;
    // Holes are cheap to skip, and there are never many more of them than live keys (compaction), so the cap on
    // examined slots is generous: it must outpace churn or an iteration under heavy insert+delete never ends.
    const maxExamined = want * 10 + 1024;
    const now = this.keyspace.now();
    let emitted = 0;
    let examined = 0;
    order.iterating++;
    try {
      while (idx < slots.length && emitted < want && examined < maxExamined) {
        const e = slots[idx++];
        examined++;
        if (e === undefined) continue;
        if (e.expire !== -1 && e.expire <= now && this.expireEntry(e)) continue;
        emitted++;
        visit(e.key);
      }
    } finally {
      order.iterating--;
    }
    const next = idx >= slots.length ? 0n : order.indexToCursor(idx);
    order.maybeCompact();
    return next;
  }

  /** Deletes every key, releasing every value. Fires no hooks (the caller signals FLUSHDB as it sees fit). */
  flush(): void {
    this.detachSnapshots();
    for (const e of this.dict.values()) decrRefCount(e.val);
    this.dict = new Map();
    this.order.clear();
    this.ttl = [];
    this.mem = 0;
    this.avgTtl = 0;
    this.expireCursor = 0;
  }

  // ---- Moving values between keys and dbs ----

  /** @internal the live entry for a key, lazily expiring it; no touch, no stats. */
  liveEntry(key: string): Entry | undefined {
    const e = this.dict.get(key);
    if (e === undefined) return undefined;
    if (e.expire !== -1 && e.expire <= this.keyspace.now() && this.expireEntry(e)) return undefined;
    return e;
  }

  /** @internal remove whatever entry `key` has (live, or expired but kept on a replica), releasing its value. */
  dropStale(key: string): void {
    const d = this.dict.get(key);
    if (d !== undefined) {
      this.removeEntry(d);
      decrRefCount(d.val);
    }
  }

  /**
   * RENAME primitive: moves src's value and TTL to dst, overwriting dst. Returns false if src does not exist.
   * The object itself moves (same refcount, same LRU/LFU data). No hooks: the caller notifies.
   */
  rename(src: string, dst: string, _keepDstTtl?: false): boolean {
    const e = this.liveEntry(src);
    if (e === undefined) return false;
    if (src === dst) return true;
    const val = e.val;
    const expire = e.expire;
    this.removeEntry(e); // ownership of val moves to dst below
    this.liveEntry(dst); // fires `expired` for an expired dst, as Redis's lookupKeyWrite does
    const d = this.dict.get(dst);
    if (d !== undefined) {
      this.removeEntry(d);
      decrRefCount(d.val);
    }
    const n = this.insert(dst, val);
    if (expire !== -1) this.setEntryExpire(n, expire);
    return true;
  }

  /** MOVE primitive: moves key (value + TTL) to `other`. False if key is missing here, exists there, or same db. */
  moveTo(key: string, other: Db): boolean {
    if (other === this) return false;
    const e = this.liveEntry(key);
    if (e === undefined || other.liveEntry(key) !== undefined) return false;
    other.dropStale(key);
    const expire = e.expire; // removeEntry clears it
    this.removeEntry(e); // ownership of e.val moves to `other`
    const n = other.insert(key, e.val);
    if (expire !== -1) other.setEntryExpire(n, expire);
    return true;
  }

  /**
   * COPY primitive: copies src (value duplicated, TTL kept) to dst in `target` (default this db). False if src is
   * missing, or dst exists and !replace. Copying a key onto itself returns false (Redis replies 0).
   */
  copyTo(src: string, dst: string, target: Db = this, replace = false): boolean {
    const e = this.liveEntry(src);
    if (e === undefined) return false;
    if (target === this && src === dst) return false;
    if (target.liveEntry(dst) !== undefined && !replace) return false;
    target.dropStale(dst);
    const copy = dupObject(e.val);
    copy.lru = e.val.refcount === SHARED_REFCOUNT ? 0 : e.val.lru;
    target.initLru(copy, e.val);
    const n = target.insert(dst, copy);
    if (e.expire !== -1) target.setEntryExpire(n, e.expire);
    return true;
  }

  // ---- Hooks ----

  /** Fires hooks.keyModified (WATCH, tracking) and re-accounts the key's memory after an in-place change. */
  signalModified(key: string): void {
    const e = this.dict.get(key);
    if (e !== undefined) {
      const m = entryMemory(key, e.val);
      this.mem += m - e.mem;
      e.mem = m;
    }
    this.keyspace.hooks.keyModified?.(this, key);
  }

  /** Fires hooks.keyReady (a list/zset/stream key got data for blocked clients). */
  signalReady(key: string): void {
    this.keyspace.hooks.keyReady?.(this, key);
  }

  /** Fires hooks.notify with this db's index. */
  notify(cls: NotifyClass, event: string, key: string): void {
    this.keyspace.hooks.notify?.(cls, event, key, this.id);
  }

  // ---- Handles and snapshots ----

  /** Opens a key handle (module-style API); see KeyHandle. */
  openKey(key: string, opts?: OpenKeyOptions): KeyHandle {
    return new KeyHandle(this, key, opts?.write === true);
  }

  /** A point-in-time view of this db (copy-on-write through refcounts); release() it when done. */
  snapshot(): DbSnapshot {
    return new DbSnapshot(this);
  }

  /** @internal let every active snapshot save the entry's current state before it changes. */
  preserve(e: Entry): void {
    const snaps = this.snapshots;
    for (let i = 0; i < snaps.length; i++) snaps[i]!.preserve(e);
  }

  /** @internal before FLUSHDB/SWAPDB: active snapshots copy what they still need and stop reading the slots. */
  detachSnapshots(): void {
    while (this.snapshots.length !== 0) this.snapshots[0]!.detach();
  }

  /**
   * MEMORY USAGE: estimated bytes of one key (entry overhead + key string + value + TTL slot), or undefined if the key
   * is not there. Like Redis, no expiry check. The value part comes from its type's `memory` op.
   */
  memoryUsage(key: string): number | undefined {
    const e = this.dict.get(key);
    if (e === undefined) return undefined;
    return entryMemory(key, e.val) + (e.ttlPos !== -1 ? TTL_OVERHEAD : 0);
  }

  /** Memory accounted to this db's keys (bytes, estimate). */
  usedMemory(): number {
    return this.mem + this.ttl.length * TTL_OVERHEAD;
  }

  /** @internal SWAPDB: exchange contents with another Db (ids and object identities stay). */
  swapContents(other: Db): void {
    this.detachSnapshots();
    other.detachSnapshots();
    const d = this.dict;
    this.dict = other.dict;
    other.dict = d;
    const o = this.order;
    this.order = other.order;
    other.order = o;
    const t = this.ttl;
    this.ttl = other.ttl;
    other.ttl = t;
    const m = this.mem;
    this.mem = other.mem;
    other.mem = m;
    const a = this.avgTtl;
    this.avgTtl = other.avgTtl;
    other.avgTtl = a;
    const c = this.expireCursor;
    this.expireCursor = other.expireCursor;
    other.expireCursor = c;
  }
}

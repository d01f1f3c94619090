// DbSnapshot: a point-in-time view of one Db (keys, values, TTLs) that persistence walks while writes go on, taken
// in O(1). It reads the Db's slot array up to the length it had when taken (compaction is deferred meanwhile, so
// positions are stable). Before any write changes an entry it has not read yet (overwrite, delete, expiry,
// eviction, TTL change, lookupWrite), the Db calls preserve(): the snapshot pins the old value with one reference
// and keeps the old TTL; lookupWrite then sees refcount > 1 and copies before mutating (copy-on-write through
// refcounts, how BGSAVE works without fork()). One pass; release() (or reaching the end) drops every pin, once.
import type { Db } from './db.js';
import type { Entry } from './entry.js';
import { StoreMisuseError } from './errors.js';
import { decrRefCount, incrRefCount, type RObject } from './object.js';

export interface SnapshotEntry {
  key: string;
  value: RObject;
  /** Absolute ms, or -1. */
  expire: number;
}

export class DbSnapshot implements Iterable<SnapshotEntry> {
  readonly dbId: number;
  /** Clock time (ms) when the snapshot was taken. */
  readonly takenAt: number;
  /** Keys in the db when the snapshot was taken (including logically expired ones not yet deleted). */
  readonly size: number;
  private db: Db | undefined;
  private slots: (Entry | undefined)[];
  private readonly end: number;
  private cursor = 0;
  private readonly saved = new Map<number, SnapshotEntry>();
  private pinned: RObject | undefined;
  private released = false;
  private started = false;

  constructor(db: Db) {
    this.dbId = db.id;
    this.takenAt = db.keyspace.now();
    this.db = db;
    this.slots = db.order.slots;
    this.end = this.slots.length;
    this.size = db.order.live;
    db.order.iterating++; // positions must not move while we read them
    db.snapshots.push(this);
  }

  /** @internal called by the Db before it changes entry `e`. */
  preserve(e: Entry): void {
    const pos = e.pos;
    if (pos < this.cursor || pos >= this.end || this.saved.has(pos) || this.slots[pos] !== e) return;
    incrRefCount(e.val); // released when read past, or by release()
    this.saved.set(pos, { key: e.key, value: e.val, expire: e.expire });
  }

  /** @internal stop reading the Db's slots (FLUSHDB, SWAPDB, end of iteration): save whatever is still unread. */
  detach(): void {
    const db = this.db;
    if (db === undefined) return;
    for (let p = this.cursor; p < this.end; p++) {
      const e = this.slots[p];
      if (e !== undefined) this.preserve(e);
    }
    this.db = undefined;
    this.slots = [];
    const i = db.snapshots.indexOf(this);
    if (i >= 0) db.snapshots.splice(i, 1);
    db.order.iterating--;
    if (db.order.iterating === 0) db.order.maybeCompact();
  }

  private unpin(): void {
    const p = this.pinned;
    this.pinned = undefined;
    if (p !== undefined) decrRefCount(p);
  }

  /** The next record, or undefined at the end. The returned value stays valid until the next call or release(). */
  next(): SnapshotEntry | undefined {
    if (this.released) throw new StoreMisuseError('DbSnapshot used after release()');
    this.unpin();
    while (this.cursor < this.end) {
      const pos = this.cursor++;
      const s = this.saved.get(pos);
      if (s !== undefined) {
        this.saved.delete(pos);
        this.pinned = s.value; // the reference taken by preserve() moves to `pinned`
        return s;
      }
      const e = this.db === undefined ? undefined : this.slots[pos];
      if (e !== undefined) {
        incrRefCount(e.val); // held until the next step
        this.pinned = e.val;
        return { key: e.key, value: e.val, expire: e.expire };
      }
    }
    this.detach();
    return undefined;
  }

  private start(): void {
    if (this.released) throw new StoreMisuseError('DbSnapshot used after release()');
    if (this.started || this.cursor > 0) throw new StoreMisuseError('DbSnapshot is single-pass: it was already iterated');
    this.started = true;
  }

  /** Calls fn for every key in the snapshot, in the db's order. Single pass. */
  forEach(fn: (key: string, value: RObject, expire: number) => void): void {
    this.start();
    for (let r = this.next(); r !== undefined; r = this.next()) fn(r.key, r.value, r.expire);
  }

  *[Symbol.iterator](): Iterator<SnapshotEntry> {
    this.start();
    for (let r = this.next(); r !== undefined; r = this.next()) yield r;
  }

  /** Drops every reference the snapshot holds. A second call throws StoreMisuseError. */
  release(): void {
    if (this.released) throw new StoreMisuseError('DbSnapshot released twice');
    this.detachWithoutSaving();
    this.released = true;
    this.unpin();
    for (const s of this.saved.values()) decrRefCount(s.value);
    this.saved.clear();
  }

  private detachWithoutSaving(): void {
    const db = this.db;
    if (db === undefined) return;
    this.cursor = this.end;
    this.detach();
  }
}

// DbSnapshot: a point-in-time view of one Db (keys, values, TTLs) that persistence can walk while writes go on.
// Taking it pins every value with one reference; Db.lookupWrite copies any value whose refcount is above 1 before
// it is mutated, and Db.set/delete only drop the Db's own reference, so the snapshot never sees a later write
// (copy-on-write through refcounts, how BGSAVE works without fork()). release() drops the pins, exactly once.
import type { Db } from './db.js';
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
  private keyList: string[];
  private vals: RObject[];
  private expires: number[];
  private released = false;

  constructor(db: Db) {
    this.dbId = db.id;
    this.takenAt = db.keyspace.now();
    const n = db.dict.size;
    const keys = new Array<string>(n);
    const vals = new Array<RObject>(n);
    const expires = new Array<number>(n);
    let i = 0;
    for (const e of db.dict.values()) {
      keys[i] = e.key;
      incrRefCount(e.val); // released by release()
      vals[i] = e.val;
      expires[i] = e.expire;
      i++;
    }
    this.keyList = keys;
    this.vals = vals;
    this.expires = expires;
  }

  get size(): number {
    return this.keyList.length;
  }

  private check(): void {
    if (this.released) throw new StoreMisuseError('DbSnapshot used after release()');
  }

  /** Calls fn for every key in the snapshot, in the db's order at the time it was taken. */
  forEach(fn: (key: string, value: RObject, expire: number) => void): void {
    this.check();
    const n = this.keyList.length;
    for (let i = 0; i < n; i++) fn(this.keyList[i]!, this.vals[i]!, this.expires[i]!);
  }

  *[Symbol.iterator](): Iterator<SnapshotEntry> {
    this.check();
    const n = this.keyList.length;
    for (let i = 0; i < n; i++) {
      if (this.released) throw new StoreMisuseError('DbSnapshot released during iteration');
      yield { key: this.keyList[i]!, value: this.vals[i]!, expire: this.expires[i]! };
    }
  }

  /** Drops the snapshot's references. A second call throws StoreMisuseError. */
  release(): void {
    this.check();
    this.released = true;
    for (const v of this.vals) decrRefCount(v);
    this.keyList = [];
    this.vals = [];
    this.expires = [];
  }
}

// One key's record in a Db: the key, its value (one reference owned by the Db), its absolute expire time,
// its slot in the Db's scan order, its slot in the TTL list, and the memory accounted for it.
// Internal to the package; only Db, KeyOrder, snapshots and eviction touch entries.
import type { RObject } from './object.js';

export class Entry {
  key: string;
  val: RObject;
  /** Absolute unix time in ms, or -1 for no TTL. */
  expire: number;
  /** Index in KeyOrder.slots, -1 when removed. */
  pos: number;
  /** Index in the Db's TTL list, -1 when the key has no TTL. */
  ttlPos: number;
  /** Bytes this entry currently adds to used memory. */
  mem: number;
  constructor(key: string, val: RObject) {
    this.key = key;
    this.val = val;
    this.expire = -1;
    this.pos = -1;
    this.ttlPos = -1;
    this.mem = 0;
  }
}

// WATCH bookkeeping: which clients watch which keys, and marking their transactions dirty (CF.DIRTY_CAS)
// when a watched key is modified, expires, or is swept by FLUSHDB/FLUSHALL/SWAPDB.
import type { Db } from '@redwing/store';
import { CF, type Client } from '../client.js';
import type { Engine } from '../engine.js';

export class WatchState {
  /** "dbIndex:key" -> watching clients. */
  private readonly byKey = new Map<string, Set<Client>>();

  constructor(private readonly engine: Engine) {}

  get size(): number {
    return this.byKey.size;
  }

  watch(c: Client, db: Db, key: string): void {
    const id = `${db.id}:${key}`;
    if (c.watched.has(id)) return;
    c.watched.add(id);
    let set = this.byKey.get(id);
    if (!set) this.byKey.set(id, (set = new Set()));
    set.add(c);
  }

  unwatchAll(c: Client): void {
    for (const id of c.watched) {
      const set = this.byKey.get(id);
      if (set) {
        set.delete(c);
        if (set.size === 0) this.byKey.delete(id);
      }
    }
    c.watched.clear();
  }

  touchKey(db: Db, key: string): void {
    if (this.byKey.size === 0) return;
    const set = this.byKey.get(`${db.id}:${key}`);
    if (set) for (const c of set) c.flags |= CF.DIRTY_CAS;
  }

  /** FLUSHDB/FLUSHALL/SWAPDB: every watcher of a key in `dbIndex` (or all dbs when -1) that existed is dirty. */
  touchDb(dbIndex: number, alsoMissing = false): void {
    for (const [id, set] of this.byKey) {
      const sep = id.indexOf(':');
      const idx = Number(id.slice(0, sep));
      if (dbIndex !== -1 && idx !== dbIndex) continue;
      if (!alsoMissing && !this.engine.db(idx).exists(id.slice(sep + 1))) continue;
      for (const c of set) c.flags |= CF.DIRTY_CAS;
    }
  }

  /** Whether the client watches a key that has logically expired (EXEC must then fail). */
  watchedKeyExpired(c: Client): boolean {
    for (const id of c.watched) {
      const sep = id.indexOf(':');
      const db = this.engine.db(Number(id.slice(0, sep)));
      const key = id.slice(sep + 1);
      const at = db.getExpire(key);
      if (at !== -1 && at <= this.engine.keyspace.now()) return true;
    }
    return false;
  }
}

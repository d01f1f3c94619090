// Eviction under maxmemory, as Redis approximates it: for LRU/LFU/TTL policies every round samples
// maxmemory-samples keys per db (all keys, or keys with a TTL for volatile-*) into a pool of 16 candidates kept
// sorted by "idle" score (LRU idle ms, 255 - decayed LFU counter, or how soon the TTL ends) and evicts the best one
// that still exists; random policies pick a random key round-robin across dbs. Called by Keyspace.performEvictions.
import type { Db } from './db.js';
import type { Entry } from './entry.js';
import type { Keyspace } from './keyspace.js';
import { estimateIdleTime, lfuDecrAndReturn } from './lru.js';
import { decrRefCount } from './object.js';

export const EVPOOL_SIZE = 16;

interface Candidate {
  idle: number;
  key: string;
  db: Db;
}

/** The eviction pool: at most 16 candidates, ascending by idle (best victim last). Lives across calls, as in Redis. */
export class EvictionPool {
  readonly items: Candidate[] = [];

  insert(idle: number, key: string, db: Db): void {
    const items = this.items;
    let k = 0;
    while (k < items.length && items[k]!.idle < idle) k++;
    if (k === 0 && items.length >= EVPOOL_SIZE) return; // worse than every candidate in a full pool
    // Refresh an existing candidate for the same key rather than holding it twice.
    for (let i = 0; i < items.length; i++) {
      const c = items[i]!;
      if (c.key === key && c.db === db) {
        items.splice(i, 1);
        if (i < k) k--;
        break;
      }
    }
    items.splice(k, 0, { idle, key, db });
    if (items.length > EVPOOL_SIZE) items.shift();
  }

  clear(): void {
    this.items.length = 0;
  }
}

function idleScore(ks: Keyspace, e: Entry, now: number): number {
  const f = ks.config.flags;
  if (f.ttl) return Number.MAX_SAFE_INTEGER - e.expire;
  if (f.lfu) return 255 - lfuDecrAndReturn(e.val, now, ks.config.lfuDecayTime);
  return estimateIdleTime(e.val, now);
}

function populate(ks: Keyspace, pool: EvictionPool, db: Db, now: number): void {
  const volatile = ks.config.flags.volatile;
  const samples = Math.max(1, ks.config.maxmemorySamples);
  const rnd = ks.random;
  for (let i = 0; i < samples; i++) {
    let e: Entry | undefined;
    if (volatile) {
      const ttl = db.ttl;
      if (ttl.length === 0) return;
      e = ttl[Math.floor(rnd() * ttl.length)];
    } else {
      e = db.randomEntry();
    }
    if (e === undefined) return;
    pool.insert(idleScore(ks, e, now), e.key, db);
  }
}

/** Picks the next victim per policy, or undefined when no key can be evicted. */
export function pickVictim(ks: Keyspace, pool: EvictionPool): { db: Db; entry: Entry } | undefined {
  const f = ks.config.flags;
  const dbs = ks.dbs;
  if (f.noeviction) return undefined;
  if (f.random) {
    for (let i = 0; i < dbs.length; i++) {
      const db = dbs[ks.evictDbCursor++ % dbs.length]!;
      let e: Entry | undefined;
      if (f.volatile) {
        const ttl = db.ttl;
        e = ttl.length === 0 ? undefined : ttl[Math.floor(ks.random() * ttl.length)];
      } else {
        e = db.randomEntry();
      }
      if (e !== undefined) return { db, entry: e };
    }
    return undefined;
  }
  const now = ks.now();
  for (let round = 0; round < 64; round++) {
    let any = false;
    for (const db of dbs) {
      if ((f.volatile ? db.ttl.length : db.dict.size) === 0) continue;
      any = true;
      populate(ks, pool, db, now);
    }
    if (!any) return undefined;
    const items = pool.items;
    while (items.length > 0) {
      const c = items.pop()!;
      const e = c.db.dict.get(c.key);
      if (e !== undefined && (!f.volatile || e.expire !== -1)) return { db: c.db, entry: e };
    }
  }
  return undefined;
}

/** Deletes a victim with Redis's side effects: counted, propagated, `evicted` notified, keyModified. */
export function evictEntry(ks: Keyspace, db: Db, e: Entry): void {
  db.removeEntry(e);
  decrRefCount(e.val);
  ks.stats.evictedKeys++;
  const h = ks.hooks;
  h.keyDeleted?.(db, e.key, 'evicted');
  h.notify?.('e', 'evicted', e.key, db.id);
  h.keyModified?.(db, e.key);
}

// The hook interface through which the store tells the layers above what happened to keys: WATCH and client-side
// caching (keyModified), keyspace notifications (notify), blocked clients (keyReady), and replication/AOF of
// deletions the store decides on its own (keyDeleted: lazy/active expiry, eviction). All members optional.
import type { Db } from './db.js';

/** generic,string,list,set,hash,zset,expired(x),evicted(e),stream(t),keymiss(m),new(n),module(d) */
export type NotifyClass = 'g' | '$' | 'l' | 's' | 'h' | 'z' | 'x' | 'e' | 't' | 'm' | 'n' | 'd';

export interface KeyspaceHooks {
  /** A key's value changed or the key went away (WATCH / client tracking). */
  keyModified?(db: Db, key: string): void;
  /** A keyspace event (the hook filters by notify-keyspace-events). */
  notify?(cls: NotifyClass, event: string, key: string, dbIndex: number): void;
  /** Blocking ops: a list/zset/stream key got data. */
  keyReady?(db: Db, key: string): void;
  /** The store deleted a key on its own (expiry or eviction): propagate a DEL to replicas / the AOF. */
  keyDeleted?(db: Db, key: string, reason: 'expired' | 'evicted'): void;
  /** SWAPDB happened (WATCH must dirty keys of both dbs; blocked clients may be served). */
  dbSwapped?(a: Db, b: Db): void;
}

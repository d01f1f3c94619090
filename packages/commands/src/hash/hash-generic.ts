// Shared code of the hash family: the write lookup that creates the hash on first write (added to the db only
// when something is written; the store fires Redis's `new` event), the delete-when-empty housekeeping, the field reply
// and HGETALL/HKEYS/HVALS. Thresholds come from the store's live config (hash-max-listpack-*).
import { createHashObject, hashSet, hashTryConversion, ObjType, type HashValue, type RObject } from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { lookupRead, lookupWrite } from '../util/lookup.js';

/** A hash to write into: the existing one, or a new one not yet in the db (see commitHash). null: WRONGTYPE replied. */
export function hashForWrite(c: Client, e: Engine, key: string): { o: RObject<HashValue>; fresh: boolean } | null {
  const o = lookupWrite<HashValue>(c, e, key, ObjType.HASH);
  if (o === null) return null;
  if (o !== undefined) return { o, fresh: false };
  return { o: createHashObject(), fresh: true };
}

/** Adds a hash created by hashForWrite to the db (the store fires `new`). */
export function commitHash(c: Client, key: string, o: RObject<HashValue>): void {
  c.db.add(key, o);
}

/** After removing fields: delete the key when empty (with `del`). Returns whether it was deleted. */
export function deleteIfEmpty(c: Client, key: string, h: HashValue): boolean {
  if (h.size !== 0) return false;
  c.db.delete(key);
  return true;
}

const KEYS = 1;
const VALS = 2;
export const HGETALL_KEYS = KEYS;
export const HGETALL_VALUES = VALS;

/** HGETALL (map), HKEYS and HVALS (arrays). */
export function getallGeneric(c: Client, e: Engine, what: number): void {
  const o = lookupRead<HashValue>(c, e, c.argv[1]!, ObjType.HASH);
  if (o === null) return;
  const both = what === (KEYS | VALS);
  const r = c.reply;
  if (o === undefined) {
    if (both) r.mapHeader(0);
    else r.arrayHeader(0);
    return;
  }
  const h = o.ptr;
  if (both) {
    r.mapHeader(h.size);
    h.forEach((f, v) => {
      r.bulk(f);
      r.bulk(v);
    });
  } else {
    r.arrayHeader(h.size);
    if (what === KEYS) h.forEach((f) => r.bulk(f));
    else h.forEach((_f, v) => r.bulk(v));
  }
}

/** HSET and HMSET (differ only in the reply). */
export function hsetGeneric(c: Client, e: Engine, hmset: boolean): void {
  const argv = c.argv;
  if (argv.length % 2 === 1) {
    e.replyError(c, `ERR wrong number of arguments for '${hmset ? 'hmset' : 'hset'}' command`);
    return;
  }
  const key = argv[1]!;
  const w = hashForWrite(c, e, key);
  if (w === null) return;
  const cfg = e.keyspace.config;
  hashTryConversion(w.o, argv, 2, argv.length - 1, cfg);
  if (w.fresh) commitHash(c, key, w.o);
  let created = 0;
  for (let i = 2; i < argv.length; i += 2) if (hashSet(w.o, argv[i]!, argv[i + 1]!, cfg)) created++;
  if (hmset) c.reply.simple('OK');
  else c.reply.integer(created);
  c.db.signalModified(key);
  c.db.notify('h', 'hset', key);
  e.dirty += (argv.length - 2) / 2;
}

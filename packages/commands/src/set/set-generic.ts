// Shared code of the set family: multi-key lookups (a missing key is an empty set, another type WRONGTYPE in
// argument order), the STORE commands' result handling (set or delete the destination, Redis's events), and
// SINTER / SUNION / SDIFF computed in Redis's iteration order (an intset result iterates in numeric order).
import {
  createIntsetObject,
  createSetObject,
  Encoding,
  ObjType,
  setAdd,
  setMembersOrdered,
  type RObject,
  type SetValue,
} from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';

/** Read lookups of argv[from..to): the set objects (undefined for missing), or null after replying WRONGTYPE. */
export function lookupSets(c: Client, e: Engine, keys: readonly string[]): (RObject<SetValue> | undefined)[] | null {
  const out: (RObject<SetValue> | undefined)[] = [];
  for (const k of keys) {
    const o = c.db.lookupRead(k);
    if (o !== undefined && o.type !== ObjType.SET) {
      e.replyError(c, Err.WRONGTYPE);
      return null;
    }
    out.push(o as RObject<SetValue> | undefined);
  }
  return out;
}

/** A set object to add into: existing, or a new one (setTypeCreate) added to the db (the store fires `new`). */
export function setForAdd(c: Client, key: string, existing: RObject<SetValue> | undefined, first: string): RObject<SetValue> {
  if (existing !== undefined) return existing;
  const o = createSetObject(first);
  c.db.add(key, o);
  return o;
}

/** Intersection members in Redis's order (the smallest set's iteration order); `limit` 0 = no limit. */
export function interMembers(sets: readonly RObject<SetValue>[], limit = 0): string[] {
  const sorted = [...sets].sort((a, b) => a.ptr.size - b.ptr.size);
  const first = sorted[0]!;
  const out: string[] = [];
  for (const m of setMembersOrdered(first)) {
    let j = 1;
    for (; j < sorted.length; j++) {
      const s = sorted[j]!;
      if (s === first) continue;
      if (!s.ptr.has(m)) break;
    }
    if (j === sorted.length) {
      out.push(m);
      if (limit !== 0 && out.length >= limit) break;
    }
  }
  return out;
}

/** Builds a result set object from members (starting as an intset, converting as it grows). */
export function buildSet(e: Engine, members: Iterable<string>): RObject<SetValue> {
  const o = createIntsetObject();
  const cfg = e.keyspace.config;
  for (const m of members) setAdd(o, m, cfg);
  return o;
}

/** SUNION / SDIFF result object (null when the first set is missing for a diff: empty). */
export function unionDiff(e: Engine, sets: readonly (RObject<SetValue> | undefined)[], diff: boolean): RObject<SetValue> {
  const dst = createIntsetObject();
  const cfg = e.keyspace.config;
  if (!diff) {
    for (const s of sets) if (s !== undefined) for (const m of setMembersOrdered(s)) setAdd(dst, m, cfg);
    return dst;
  }
  const first = sets[0];
  if (first === undefined) return dst;
  for (let j = 1; j < sets.length; j++) if (sets[j] === first) return dst; // the same key again: empty
  for (const m of setMembersOrdered(first)) {
    let j = 1;
    for (; j < sets.length; j++) {
      const s = sets[j];
      if (s !== undefined && s.ptr.has(m)) break;
    }
    if (j === sets.length) setAdd(dst, m, cfg);
  }
  return dst;
}

/** Replies a computed set as a RESP3 set (RESP2 array) in its iteration order. */
export function replySet(c: Client, o: RObject<SetValue>): void {
  const members = o.encoding === Encoding.INTSET ? o.ptr.sortedIntMembers() : o.ptr.members();
  c.reply.setHeader(members.length);
  for (const m of members) c.reply.bulk(m);
}

/**
 * The STORE commands' ending: a non-empty result replaces `dst` (TTL cleared; the store fires `new` when created; then `event`),
 * an empty one deletes it (`del`). Replies the result's size.
 */
export function storeResult(c: Client, e: Engine, dst: string, o: RObject<SetValue>, event: string): void {
  const db = c.db;
  const n = o.ptr.size;
  if (n > 0) {
    db.set(dst, o);
    db.signalModified(dst);
    c.reply.integer(n);
    db.notify('s', event, dst);
    e.dirty++;
    return;
  }
  c.reply.integer(0);
  if (db.delete(dst)) {
    e.dirty++;
    db.signalModified(dst);
    db.notify('g', 'del', dst);
  }
}

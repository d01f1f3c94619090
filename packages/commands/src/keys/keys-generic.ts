// Shared code of the generic keyspace commands: lookups that do not touch LRU/LFU (TTL, TYPE, EXISTS, OBJECT),
// the EXPIRE family's option parsing and core, the DEL/UNLINK core, SCAN cursor parsing, db-index parsing, and
// the "a key of a blockable type appeared" signal that RENAME/MOVE/COPY raise for blocked clients.
import { ObjType, type Db, type RObject } from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { parseInt64, parseIntNum } from '../util/number.js';

/** Lookup for reading without touching the object's LRU/LFU data (Redis's LOOKUP_NOTOUCH); counts hits/misses. */
export function lookupNoTouch(c: Client, e: Engine, key: string): RObject | undefined {
  const stats = e.keyspace.stats;
  if (!c.db.exists(key)) {
    stats.keyspaceMisses++;
    c.db.notify('m', 'keymiss', key);
    return undefined;
  }
  stats.keyspaceHits++;
  return c.db.peek(key);
}

/** A key that may have clients blocked on it got a value (dbAdd in Redis signals lists, zsets and streams). */
export function signalIfBlockable(db: Db, key: string, o: RObject | undefined): void {
  if (o === undefined) return;
  if (o.type === ObjType.LIST || o.type === ObjType.ZSET || o.type === ObjType.STREAM) db.signalReady(key);
}

/** DEL and UNLINK: delete each key, count the deleted ones. */
export function delGeneric(c: Client, e: Engine): void {
  const argv = c.argv;
  let n = 0;
  for (let i = 1; i < argv.length; i++) {
    const key = argv[i]!;
    if (c.db.delete(key)) {
      c.db.signalModified(key);
      // blocked XREADGROUP readers learn that their key is gone (others re-block on re-run)
      c.db.signalReady(key);
      c.db.notify('g', 'del', key);
      e.dirty++;
      n++;
    }
  }
  c.reply.integer(n);
}

const EXPIRE_NX = 1;
const EXPIRE_XX = 2;
const EXPIRE_GT = 4;
const EXPIRE_LT = 8;
const LLONG_MAX = 9223372036854775807n;
const LLONG_MIN = -9223372036854775808n;

/** EXPIRE/PEXPIRE/EXPIREAT/PEXPIREAT key time [NX|XX|GT|LT]. `relative`: add now; `seconds`: time is in seconds. */
export function expireGeneric(c: Client, e: Engine, relative: boolean, seconds: boolean): void {
  const argv = c.argv;
  let flags = 0;
  for (let i = 3; i < argv.length; i++) {
    const opt = argv[i]!.toLowerCase();
    if (opt === 'nx') flags |= EXPIRE_NX;
    else if (opt === 'xx') flags |= EXPIRE_XX;
    else if (opt === 'gt') flags |= EXPIRE_GT;
    else if (opt === 'lt') flags |= EXPIRE_LT;
    else {
      e.replyError(c, `ERR Unsupported option ${argv[i]!}`);
      return;
    }
  }
  if (flags & EXPIRE_NX && flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT)) {
    e.replyError(c, 'ERR NX and XX, GT or LT options at the same time are not compatible');
    return;
  }
  if (flags & EXPIRE_GT && flags & EXPIRE_LT) {
    e.replyError(c, 'ERR GT and LT options at the same time are not compatible');
    return;
  }
  let when = parseInt64(argv[2]!);
  if (when === null) {
    e.replyError(c, Err.NOT_INTEGER);
    return;
  }
  const invalid = (): void => e.replyError(c, `ERR invalid expire time in '${c.cmd?.name ?? argv[0]!.toLowerCase()}' command`);
  if (seconds) {
    if (when > LLONG_MAX / 1000n || when < LLONG_MIN / 1000n) return invalid();
    when *= 1000n;
  }
  const now = e.keyspace.now();
  if (relative) {
    const base = BigInt(now);
    if (when > LLONG_MAX - base) return invalid();
    when += base;
  }
  const key = argv[1]!;
  const db = c.db;
  if (db.lookupWrite(key) === undefined) {
    c.reply.integer(0);
    return;
  }
  if (flags) {
    const cur = db.getExpire(key);
    const curB = BigInt(cur);
    if (
      (flags & EXPIRE_NX && cur !== -1) ||
      (flags & EXPIRE_XX && cur === -1) ||
      (flags & EXPIRE_GT && (cur === -1 || when <= curB)) ||
      (flags & EXPIRE_LT && cur !== -1 && when >= curB)
    ) {
      c.reply.integer(0);
      return;
    }
  }
  if (when <= BigInt(now) && !e.keyspace.replica) {
    db.delete(key);
    e.dirty++;
    db.signalModified(key);
    db.notify('g', 'del', key);
    c.reply.integer(1);
    return;
  }
  db.setExpire(key, Number(when));
  c.reply.integer(1);
  db.signalModified(key);
  db.notify('g', 'expire', key);
  e.dirty++;
}

/** TTL/PTTL/EXPIRETIME/PEXPIRETIME. */
export function ttlGeneric(c: Client, e: Engine, ms: boolean, absolute: boolean): void {
  const key = c.argv[1]!;
  if (lookupNoTouch(c, e, key) === undefined) {
    c.reply.integer(-2);
    return;
  }
  const at = c.db.getExpire(key);
  if (at === -1) {
    c.reply.integer(-1);
    return;
  }
  let ttl = absolute ? at : at - e.keyspace.now();
  if (ttl < 0) ttl = 0;
  c.reply.integer(ms ? ttl : Math.floor((ttl + 500) / 1000));
}

/**
 * SCAN cursors as Redis's strtoul accepts them: optional sign, decimal digits, no leading space, <= 2^64-1
 * (a negative value wraps). Replies "ERR invalid cursor" and returns null otherwise.
 */
export function parseScanCursor(c: Client, e: Engine, s: string): bigint | null {
  if (s === '') return 0n;
  if (!/^[+-]?\d+$/.test(s)) {
    e.replyError(c, 'ERR invalid cursor');
    return null;
  }
  let v = BigInt(s);
  const max = (1n << 64n) - 1n;
  if (v > max || v < -max) {
    e.replyError(c, 'ERR invalid cursor');
    return null;
  }
  if (v < 0n) v = (1n << 64n) + v;
  return v;
}

/** A DB index argument (MOVE, COPY DB, SWAPDB): replies and returns null when not an int or out of range. */
export function parseDbIndex(c: Client, e: Engine, s: string, rangeError: string): Db | null {
  const id = parseIntNum(s);
  if (id === null || id < -2147483648 || id > 2147483647) {
    e.replyError(c, Err.NOT_INTEGER);
    return null;
  }
  if (id < 0 || id >= e.keyspace.dbs.length) {
    e.replyError(c, rangeError);
    return null;
  }
  return e.keyspace.db(id);
}

/** RENAME / RENAMENX. */
export function renameGeneric(c: Client, e: Engine, nx: boolean): void {
  const src = c.argv[1]!;
  const dst = c.argv[2]!;
  const db = c.db;
  if (db.lookupWrite(src) === undefined) {
    e.replyError(c, Err.NO_SUCH_KEY);
    return;
  }
  if (src === dst) {
    if (nx) c.reply.integer(0);
    else c.reply.simple('OK');
    return;
  }
  if (nx && db.lookupWrite(dst) !== undefined) {
    c.reply.integer(0);
    return;
  }
  db.rename(src, dst);
  db.signalModified(src);
  db.signalModified(dst);
  db.notify('g', 'rename_from', src);
  db.notify('g', 'rename_to', dst);
  signalIfBlockable(db, dst, db.peek(dst));
  e.dirty++;
  if (nx) c.reply.integer(1);
  else c.reply.simple('OK');
}

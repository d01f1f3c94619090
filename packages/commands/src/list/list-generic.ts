// Shared code of the list family: pushes, pops (single, counted, multi-key, blocking), range replies, LMOVE's
// pop-then-push, argument parsing with Redis 7.0's texts, and the housekeeping every write does in Redis's order
// (keyspace event, delete-when-empty + `del`, WATCH signal, dirty). Pushes signal the key ready so clients
// blocked on it are served (in arrival order, by the engine re-running their command).
import { createListObject, ObjType, type ListValue, type RObject } from '@redwing/store';
import { CF, type Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { parseBlockTimeout } from '../util/block-timeout.js';
import { lookupWrite } from '../util/lookup.js';
import { parseIntNum } from '../util/number.js';

export const HEAD = true;
export const TAIL = false;

// ---- Argument parsing ----

/** getLongFromObjectOrReply(c, arg, NULL): an int64, else "value is not an integer or out of range". */
export function parseLongOrReply(c: Client, e: Engine, arg: string): number | null {
  const v = parseIntNum(arg);
  if (v === null) e.replyError(c, Err.NOT_INTEGER);
  return v;
}

/**
 * getRangeLongFromObjectOrReply: an int64 in [min, LONG_MAX]; with `msg` that text answers both a non-integer and an
 * out-of-range value (as Redis does), else the generic texts.
 */
export function parseRangeLongOrReply(c: Client, e: Engine, arg: string, min: number, msg: string): number | null {
  const v = parseIntNum(arg);
  if (v === null || v < min) {
    e.replyError(c, msg);
    return null;
  }
  return v;
}

/** LEFT / RIGHT (any case) -> HEAD / TAIL, else replies a syntax error and returns null. */
export function parseWhere(c: Client, e: Engine, arg: string): boolean | null {
  const u = arg.toLowerCase();
  if (u === 'left') return HEAD;
  if (u === 'right') return TAIL;
  e.replyError(c, Err.SYNTAX);
  return null;
}

// ---- Writes ----

/**
 * Pops `count` elements from one end and does Redis's listElementsRemoved: `lpop`/`rpop` event, delete + `del`
 * when emptied, WATCH signal, dirty += count. Returns the popped elements in pop order.
 */
export function popElements(c: Client, e: Engine, key: string, l: ListValue, head: boolean, count: number): string[] {
  const n = Math.min(count, l.length);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((head ? l.popHead() : l.popTail())!);
  elementsRemoved(c, e, key, l, head, n);
  return out;
}

/** The housekeeping after removing `count` elements from `key` (Redis's listElementsRemoved). */
export function elementsRemoved(c: Client, e: Engine, key: string, l: ListValue, head: boolean, count: number): void {
  const db = c.db;
  db.notify('l', head ? 'lpop' : 'rpop', key);
  if (l.length === 0) {
    db.delete(key);
    db.notify('g', 'del', key);
  }
  db.signalModified(key);
  e.dirty += count;
}

/** The list at `key`, created (empty, added to the db) when missing. `existing` is the lookup's answer. */
export function listForPush(c: Client, key: string, existing: RObject | undefined): ListValue {
  if (existing !== undefined) return existing.ptr as ListValue;
  const o = createListObject();
  c.db.set(key, o); // fires `new`
  return o.ptr;
}

/** Pushes `value` to `dstKey` (creating it) with the `lpush`/`rpush` event, and replies the value (LMOVE's push). */
export function lmoveHandlePush(c: Client, dstKey: string, dst: RObject | undefined, value: string, head: boolean): void {
  const l = listForPush(c, dstKey, dst);
  l.push(value, head);
  c.db.signalModified(dstKey);
  c.db.notify('l', head ? 'lpush' : 'rpush', dstKey);
  c.db.signalReady(dstKey);
  c.reply.bulk(value);
}

/**
 * LMOVE / RPOPLPUSH (and BLMOVE when the source has data): pop from the source, push to the destination.
 * Replies null when the source is missing, WRONGTYPE when either key holds another type.
 */
export function lmoveGeneric(c: Client, e: Engine, src: string, dstKey: string, from: boolean, to: boolean): void {
  const so = lookupWrite<ListValue>(c, e, src, ObjType.LIST);
  if (so === null) return;
  if (so === undefined) {
    c.reply.null();
    return;
  }
  const dst = lookupWrite(c, e, dstKey, ObjType.LIST);
  if (dst === null) return;
  const l = so.ptr;
  const value = (from ? l.popHead() : l.popTail())!;
  // src === dst: the destination object is the source object (still present even if just emptied)
  lmoveHandlePush(c, dstKey, dst, value, to);
  const db = c.db;
  db.notify('l', from ? 'lpop' : 'rpop', src);
  if (l.length === 0) {
    db.delete(src);
    db.notify('g', 'del', src);
  }
  db.signalModified(src);
  e.dirty++;
}

// ---- Replies ----

/**
 * LRANGE-style reply of [start, end] with negative indexes allowed (Redis's addListRangeReply); `reverse` walks
 * from end to start.
 */
export function listRangeReply(c: Client, l: ListValue, start: number, end: number, reverse: boolean): void {
  const llen = l.length;
  if (start < 0) start += llen;
  if (end < 0) end += llen;
  if (start < 0) start = 0;
  if (start > end || start >= llen) {
    c.reply.arrayHeader(0);
    return;
  }
  if (end >= llen) end = llen - 1;
  const r = c.reply;
  r.arrayHeader(end - start + 1);
  if (reverse) for (let i = end; i >= start; i--) r.bulk(l.at(i));
  else for (let i = start; i <= end; i++) r.bulk(l.at(i));
}

/** [key, [elements...]] for LMPOP/BLMPOP: pops up to `count` from one end of a non-empty list. */
export function popRangeWithKeyReply(c: Client, e: Engine, key: string, l: ListValue, head: boolean, count: number): void {
  const r = c.reply;
  r.arrayHeader(2);
  r.bulk(key);
  const vals = popElements(c, e, key, l, head, count);
  r.arrayHeader(vals.length);
  for (const v of vals) r.bulk(v);
}

// ---- Push / pop commands ----

/** LPUSH/RPUSH/LPUSHX/RPUSHX; `xx`: only when the key exists. */
export function pushGeneric(c: Client, e: Engine, head: boolean, xx: boolean): void {
  const argv = c.argv;
  const key = argv[1]!;
  const o = lookupWrite(c, e, key, ObjType.LIST);
  if (o === null) return;
  if (o === undefined && xx) {
    c.reply.integer(0);
    return;
  }
  const l = listForPush(c, key, o);
  for (let j = 2; j < argv.length; j++) l.push(argv[j]!, head);
  e.dirty += argv.length - 2;
  c.reply.integer(l.length);
  const db = c.db;
  db.signalModified(key);
  db.notify('l', head ? 'lpush' : 'rpush', key);
  db.signalReady(key);
}

/** LPOP/RPOP key [count]. */
export function popGeneric(c: Client, e: Engine, head: boolean): void {
  const argv = c.argv;
  if (argv.length > 3) {
    e.replyError(c, `ERR wrong number of arguments for '${c.cmd?.name ?? (argv[0] ?? '').toLowerCase()}' command`);
    return;
  }
  const hasCount = argv.length === 3;
  let count = 0;
  if (hasCount) {
    const v = parseRangeLongOrReply(c, e, argv[2]!, 0, Err.OUT_OF_RANGE_POSITIVE);
    if (v === null) return;
    count = v;
  }
  const key = argv[1]!;
  const o = lookupWrite<ListValue>(c, e, key, ObjType.LIST);
  if (o === null) return;
  if (o === undefined) {
    if (hasCount) c.reply.nullArray();
    else c.reply.null();
    return;
  }
  if (hasCount && count === 0) {
    c.reply.arrayHeader(0);
    return;
  }
  const l = o.ptr;
  if (!hasCount) {
    const v = (head ? l.popHead() : l.popTail())!;
    c.reply.bulk(v);
    elementsRemoved(c, e, key, l, head, 1);
    return;
  }
  const vals = popElements(c, e, key, l, head, count);
  const r = c.reply;
  r.arrayHeader(vals.length);
  for (const v of vals) r.bulk(v);
}

/** LMPOP's non-blocking body: the first non-empty list among `keys`, else a null array. */
export function mpopGeneric(c: Client, e: Engine, keys: readonly string[], head: boolean, count: number): void {
  for (const key of keys) {
    const o = lookupWrite<ListValue>(c, e, key, ObjType.LIST);
    if (o === null) return;
    if (o === undefined || o.ptr.length === 0) continue;
    popRangeWithKeyReply(c, e, key, o.ptr, head, count);
    return;
  }
  c.reply.nullArray();
}

// ---- Blocking ----

/** True while the engine re-runs a blocked client's command (it is still flagged blocked then). */
function isRerun(c: Client): boolean {
  return (c.flags & CF.BLOCKED) !== 0;
}

/**
 * BLPOP/BRPOP (count -1: [key, value] reply) and BLMPOP (count > 0: [key, [values]]). Serves the first non-empty
 * list among `keys`, else blocks (or answers the null array when blocking is not allowed, e.g. inside MULTI).
 * While re-run for a blocked client, keys that now hold another type are skipped (the client stays blocked),
 * as Redis only serves a blocked client from a key of the type it waits for.
 */
export function blockingPopGeneric(
  c: Client,
  e: Engine,
  keys: readonly string[],
  head: boolean,
  timeoutArg: string,
  count: number,
): void {
  const deadline = parseBlockTimeout(c, e, timeoutArg);
  if (deadline === null) return;
  const rerun = isRerun(c);
  for (const key of keys) {
    let o: RObject<ListValue> | undefined | null;
    if (rerun) {
      const raw = c.db.lookupWrite(key);
      if (raw === undefined || raw.type !== ObjType.LIST) continue;
      o = raw as RObject<ListValue>;
    } else {
      o = lookupWrite<ListValue>(c, e, key, ObjType.LIST);
      if (o === null) return;
      if (o === undefined) continue;
    }
    const l = o.ptr;
    if (l.length === 0) continue;
    if (count !== -1) {
      popRangeWithKeyReply(c, e, key, l, head, count);
      return;
    }
    const v = (head ? l.popHead() : l.popTail())!;
    const r = c.reply;
    r.arrayHeader(2);
    r.bulk(key);
    r.bulk(v);
    elementsRemoved(c, e, key, l, head, 1);
    return;
  }
  if (!e.blocking.canBlock(c)) {
    c.reply.nullArray();
    return;
  }
  e.blocking.block(c, keys, deadline, 'nullarray');
}

/** BLMOVE / BRPOPLPUSH after argument parsing: move now if the source has data, else block on the source. */
export function blmoveGeneric(c: Client, e: Engine, from: boolean, to: boolean, deadline: number): void {
  const src = c.argv[1]!;
  const dst = c.argv[2]!;
  if (isRerun(c)) {
    const raw = c.db.lookupWrite(src);
    if (raw === undefined || raw.type !== ObjType.LIST) {
      e.blocking.block(c, [src], deadline, 'null');
      return;
    }
  } else {
    const o = lookupWrite(c, e, src, ObjType.LIST);
    if (o === null) return;
    if (o === undefined) {
      if (!e.blocking.canBlock(c)) c.reply.null();
      else e.blocking.block(c, [src], deadline, 'null');
      return;
    }
  }
  lmoveGeneric(c, e, src, dst, from, to);
}

/** LMPOP numkeys key... LEFT|RIGHT [COUNT n] and BLMPOP timeout numkeys ...; `numkeysIdx` is 1 or 2. */
export function lmpopGeneric(c: Client, e: Engine, numkeysIdx: number, block: boolean): void {
  const argv = c.argv;
  const numkeys = parseRangeLongOrReply(c, e, argv[numkeysIdx]!, 1, 'ERR numkeys should be greater than 0');
  if (numkeys === null) return;
  const whereIdx = numkeysIdx + numkeys + 1;
  if (whereIdx >= argv.length) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  const head = parseWhere(c, e, argv[whereIdx]!);
  if (head === null) return;
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (count === -1 && more > 0 && argv[j]!.toLowerCase() === 'count') {
      j++;
      const v = parseRangeLongOrReply(c, e, argv[j]!, 1, 'ERR count should be greater than 0');
      if (v === null) return;
      count = v;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  if (count === -1) count = 1;
  const keys = argv.slice(numkeysIdx + 1, whereIdx);
  if (block) blockingPopGeneric(c, e, keys, head, argv[1]!, count);
  else mpopGeneric(c, e, keys, head, count);
}

// Shared machinery of the string family: SET with all its options (also SETNX/SETEX/PSETEX/GETSET), the integer
// INCR/DECR family with int64 overflow checks, and the 512 MiB (proto-max-bulk-len) size check.
import { createStringObject, ObjType, type RObject } from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { keyChanged, lookupWrite } from '../util/lookup.js';
import { INT64_MAX, INT64_MIN, parseInt64, parseIntNum } from '../util/number.js';

export const SET_NX = 1;
export const SET_XX = 2;
export const SET_GET = 4;
export const SET_KEEPTTL = 8;

/**
 * Redis's setGenericCommand. `expireAt` is absolute ms or -1. Replies OK / null / old value (GET).
 * `okReply` false for SETNX (integer reply).
 */
export function setGeneric(c: Client, e: Engine, key: string, value: string, flags: number, expireAt: number, okReply: 'ok' | 'int' = 'ok'): void {
  const db = c.db;
  let old: RObject | undefined;
  if (flags & SET_GET) {
    old = db.lookupRead(key);
    if (old !== undefined && old.type !== ObjType.STRING) {
      e.replyError(c, Err.WRONGTYPE);
      return;
    }
  }
  const exists = flags & SET_GET ? old !== undefined : flags & (SET_NX | SET_XX) ? db.exists(key) : false;
  if ((flags & SET_NX && exists) || (flags & SET_XX && !exists)) {
    if (flags & SET_GET) {
      if (old) c.reply.bulk(old.ptr as string);
      else c.reply.null();
    } else if (okReply === 'int') c.reply.integer(0);
    else c.reply.null();
    return;
  }
  const oldValue = old ? (old.ptr as string) : undefined;
  db.set(key, createStringObject(value), flags & SET_KEEPTTL ? { keepTtl: true } : undefined);
  keyChanged(c, e, key, '$', 'set');
  if (expireAt >= 0) {
    db.setExpire(key, expireAt);
    db.notify('g', 'expire', key);
  }
  if (flags & SET_GET) {
    if (oldValue !== undefined) c.reply.bulk(oldValue);
    else c.reply.null();
  } else if (okReply === 'int') c.reply.integer(1);
  else c.reply.simple('OK');
}

/** The proto-max-bulk-len check for values grown by APPEND/SETRANGE/SETBIT. Replies the error when too big. */
export function checkStringLength(c: Client, e: Engine, size: number): boolean {
  if (size > e.config.getNumber('proto-max-bulk-len')) {
    e.replyError(c, Err.STRING_TOO_LONG);
    return false;
  }
  return true;
}

const KEEP_TTL = { keepTtl: true } as const;
/** Integers of at most 15 digits: sums of two of them are exact doubles, far from the int64 limits. */
const SMALL_INT = 999999999999999;

/** INCR/DECR/INCRBY/DECRBY. */
export function incrDecr(c: Client, e: Engine, key: string, by: bigint | number): void {
  const o = lookupWrite<string>(c, e, key, ObjType.STRING);
  if (o === null) return;
  // fast path in doubles: the stored text is a short canonical integer and the increment is small
  if (typeof by === 'number' && by >= -SMALL_INT && by <= SMALL_INT) {
    let cur = 0;
    if (o !== undefined) {
      const v = o.ptr.length <= 15 ? parseIntNum(o.ptr) : null;
      cur = v === null ? NaN : v;
    }
    if (cur === cur) {
      const next = cur + by;
      const text = String(next);
      if (o !== undefined) c.db.set(key, createStringObject(text), KEEP_TTL);
      else c.db.set(key, createStringObject(text));
      keyChanged(c, e, key, '$', 'incrby');
      c.reply.integer(next);
      return;
    }
  }
  let cur = 0n;
  if (o !== undefined) {
    const v = parseInt64(o.ptr);
    if (v === null) {
      e.replyError(c, Err.NOT_INTEGER);
      return;
    }
    cur = v;
  }
  const next = cur + BigInt(by);
  if (next > INT64_MAX || next < INT64_MIN) {
    e.replyError(c, Err.OVERFLOW);
    return;
  }
  const text = next.toString();
  if (o !== undefined) c.db.set(key, createStringObject(text), KEEP_TTL);
  else c.db.set(key, createStringObject(text));
  keyChanged(c, e, key, '$', 'incrby');
  c.reply.integer(next);
}

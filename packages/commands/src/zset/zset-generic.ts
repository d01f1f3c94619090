// Shared code of the sorted set family: Redis 7.0's number and range parsing (strtod-based score ranges, strict
// getDoubleFromObject scores, lex range items), replies of member/score lists in RESP2 and RESP3, the ZRANGE
// engine behind ZRANGE/ZRANGESTORE and the deprecated Z[REV]RANGEBY* forms, the ZUNION/ZINTER/ZDIFF engine, pops
// (ZPOP*, ZMPOP, blocking forms) and the housekeeping of writes (events, delete-when-empty, WATCH, dirty, ready).
// This file hard-codes Redis's error texts of the family on purpose.
import {
  ZADD_GT,
  ZADD_INCR,
  ZADD_LT,
  ZADD_NX,
  ZADD_OUT_ADDED,
  ZADD_OUT_NOP,
  ZADD_OUT_UPDATED,
  ZADD_XX,
  zsetAdd,
  type ZaddResult,
  createObject,
  createZsetObject,
  Encoding,
  ObjType,
  ZSet,
  zsetEncodingFor,
  setMembersOrdered,
  type SetValue,
  lexGteMin,
  lexLteMax,
  scoreGteMin,
  scoreLteMax,
  type LexBound,
  type LexRange,
  type RObject,
  type ScoreRange,
  type ZNode,
  type ZsetLimits,
} from '@redwing/store';
import { CF, type Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { lookupWrite } from '../util/lookup.js';
import { parseInt64, parseIntNum } from '../util/number.js';

export const ERR_MINMAX_FLOAT = 'ERR min or max is not a float';
export const ERR_MINMAX_LEX = 'ERR min or max not valid string range item';
export const ERR_NAN_SCORE = 'ERR resulting score is not a number (NaN)';

export function zsetLimits(e: Engine): ZsetLimits {
  const cfg = e.keyspace.config;
  return { maxEntries: cfg.zsetMaxListpackEntries, maxValue: cfg.zsetMaxListpackValue };
}

// ---- strtod emulation ----

function isSpace(ch: number): boolean {
  return ch === 32 || (ch >= 9 && ch <= 13);
}
function isDigit(ch: number): boolean {
  return ch >= 48 && ch <= 57;
}
function hexVal(ch: number): number {
  if (ch >= 48 && ch <= 57) return ch - 48;
  if (ch >= 97 && ch <= 102) return ch - 87;
  if (ch >= 65 && ch <= 70) return ch - 55;
  return -1;
}

interface StrtodResult {
  value: number;
  /** Index just past the parsed text; equal to `start` when nothing was converted. */
  end: number;
  /** errno == ERANGE: overflow to +/-inf or underflow to zero from a nonzero mantissa. */
  erange: boolean;
}
const sr: StrtodResult = { value: 0, end: 0, erange: false };

/** C's strtod over s[start..] (the string ends at its first NUL, as C sees it). Result in the shared `sr`. */
function strtod(s: string, start: number): StrtodResult {
  let n = s.indexOf('\0', start);
  if (n < 0) n = s.length;
  sr.value = 0;
  sr.end = start;
  sr.erange = false;
  let i = start;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  let neg = false;
  const c0 = s.charCodeAt(i);
  if (c0 === 43 || c0 === 45) {
    neg = c0 === 45;
    i++;
  }
  const word = s.slice(i, Math.min(n, i + 8)).toLowerCase();
  if (word.startsWith('inf')) {
    sr.value = neg ? -Infinity : Infinity;
    sr.end = i + (word === 'infinity' ? 8 : 3);
    return sr;
  }
  if (word.startsWith('nan')) {
    sr.value = NaN;
    let j = i + 3;
    if (s.charCodeAt(j) === 40) {
      let k = j + 1;
      while (k < n && /[0-9A-Za-z_]/.test(s[k]!)) k++;
      if (s.charCodeAt(k) === 41) j = k + 1;
    }
    sr.end = j;
    return sr;
  }
  if (s.charCodeAt(i) === 48 && (s.charCodeAt(i + 1) | 32) === 120) {
    // hex float: 0x<hex>[.<hex>][p[+-]<dec>]
    let j = i + 2;
    let mant = 0;
    let exp = 0;
    let digits = 0;
    let nonzero = false;
    while (j < n && hexVal(s.charCodeAt(j)) >= 0) {
      const h = hexVal(s.charCodeAt(j));
      if (h) nonzero = true;
      if (mant < 2 ** 60) mant = mant * 16 + h;
      else exp += 4;
      j++;
      digits++;
    }
    if (s.charCodeAt(j) === 46) {
      let k = j + 1;
      let frac = 0;
      while (k < n && hexVal(s.charCodeAt(k)) >= 0) {
        const h = hexVal(s.charCodeAt(k));
        if (h) nonzero = true;
        if (mant < 2 ** 60) {
          mant = mant * 16 + h;
          exp -= 4;
        }
        k++;
        frac++;
      }
      if (digits + frac > 0) j = k;
      digits += frac;
    }
    if (digits === 0) {
      // only the "0" was a number
      sr.value = neg ? -0 : 0;
      sr.end = i + 1;
      return sr;
    }
    if ((s.charCodeAt(j) | 32) === 112) {
      let k = j + 1;
      let eneg = false;
      if (s.charCodeAt(k) === 43 || s.charCodeAt(k) === 45) {
        eneg = s.charCodeAt(k) === 45;
        k++;
      }
      if (isDigit(s.charCodeAt(k))) {
        let e = 0;
        while (k < n && isDigit(s.charCodeAt(k))) {
          if (e < 100000) e = e * 10 + (s.charCodeAt(k) - 48);
          k++;
        }
        exp += eneg ? -e : e;
        j = k;
      }
    }
    let v = mant * 2 ** exp;
    if (!Number.isFinite(v) && exp < 2000) v = mant * 2 ** (exp - 100) * 2 ** 100;
    sr.value = neg ? -v : v;
    sr.end = j;
    sr.erange = !Number.isFinite(v) || (v === 0 && nonzero);
    return sr;
  }
  // decimal
  let j = i;
  let digits = 0;
  let nonzero = false;
  while (j < n && isDigit(s.charCodeAt(j))) {
    if (s.charCodeAt(j) !== 48) nonzero = true;
    j++;
    digits++;
  }
  if (s.charCodeAt(j) === 46) {
    j++;
    while (j < n && isDigit(s.charCodeAt(j))) {
      if (s.charCodeAt(j) !== 48) nonzero = true;
      j++;
      digits++;
    }
  }
  if (digits === 0) return sr; // no conversion
  if ((s.charCodeAt(j) | 32) === 101) {
    let k = j + 1;
    if (s.charCodeAt(k) === 43 || s.charCodeAt(k) === 45) k++;
    if (isDigit(s.charCodeAt(k))) {
      while (k < n && isDigit(s.charCodeAt(k))) k++;
      j = k;
    }
  }
  let text = s.slice(i, j);
  if (text.charCodeAt(text.length - 1) === 46) text = text.slice(0, -1);
  const v = Number(text);
  sr.value = neg ? -v : v;
  sr.end = j;
  sr.erange = !Number.isFinite(v) || (v === 0 && nonzero);
  return sr;
}

/** Redis's getDoubleFromObject: whole string, no leading space, no overflow/underflow to zero, not NaN. */
export function parseScore(s: string): number | null {
  const len = s.length;
  if (len === 0 || isSpace(s.charCodeAt(0))) return null;
  const r = strtod(s, 0);
  if (r.end !== len || Number.isNaN(r.value)) return null;
  if (r.erange && (r.value === 0 || !Number.isFinite(r.value))) return null;
  return r.value;
}

/** One end of a score range ("(" = exclusive): strtod rules (leading space ok, "" is 0), NaN rejected. */
function parseRangeItem(s: string, exclusive: boolean): number | null {
  const r = strtod(s, exclusive ? 1 : 0);
  // C checks eptr[0] == '\0': eptr is past the number, or where parsing started when nothing converted.
  const p = r.end;
  if (p < s.length && s.charCodeAt(p) !== 0) return null;
  if (Number.isNaN(r.value)) return null;
  return r.value;
}

/** Redis's zslParseRange. */
export function parseScoreRange(minArg: string, maxArg: string): ScoreRange | null {
  const minex = minArg.charCodeAt(0) === 40;
  const maxex = maxArg.charCodeAt(0) === 40;
  const min = parseRangeItem(minArg, minex);
  if (min === null) return null;
  const max = parseRangeItem(maxArg, maxex);
  if (max === null) return null;
  return { min, max, minex, maxex };
}

function parseLexItem(s: string): LexBound | null {
  const c = s.charCodeAt(0);
  const second = s.length < 2 || s.charCodeAt(1) === 0;
  if (c === 43) return second ? { value: '', ex: true, inf: 1 } : null;
  if (c === 45) return second ? { value: '', ex: true, inf: -1 } : null;
  if (c === 40) return { value: s.slice(1), ex: true, inf: 0 };
  if (c === 91) return { value: s.slice(1), ex: false, inf: 0 };
  return null;
}

/** Redis's zslParseLexRange. */
export function parseLexRange(minArg: string, maxArg: string): LexRange | null {
  const min = parseLexItem(minArg);
  if (min === null) return null;
  const max = parseLexItem(maxArg);
  if (max === null) return null;
  return { min, max };
}

/** getLongFromObjectOrReply(c, arg, NULL). */
export function parseLongOrReply(c: Client, e: Engine, arg: string): number | null {
  const v = parseIntNum(arg);
  if (v === null) e.replyError(c, Err.NOT_INTEGER);
  return v;
}

/** getRangeLongFromObjectOrReply with a message that answers both bad syntax and out of range. */
export function parseRangeLongOrReply(c: Client, e: Engine, arg: string, min: number, msg: string): number | null {
  const v = parseInt64(arg);
  if (v === null || v < BigInt(min)) {
    e.replyError(c, msg);
    return null;
  }
  return Number(v);
}

/** BZPOP* timeouts (getTimeoutFromObjectOrReply, seconds): absolute deadline ms, 0 = forever, null after an error. */
export function parseZsetBlockTimeout(c: Client, e: Engine, arg: string): number | null {
  const len = arg.length;
  let sec: number | null = null;
  if (len > 0 && len < 5120 && !isSpace(arg.charCodeAt(0))) {
    const r = strtod(arg, 0);
    if (r.end === len && !Number.isNaN(r.value) && !(r.erange && (r.value === 0 || !Number.isFinite(r.value)))) sec = r.value;
  }
  if (sec === null) {
    e.replyError(c, Err.TIMEOUT_NOT_FLOAT);
    return null;
  }
  const ms = Math.ceil(sec * 1000);
  if (!(ms >= 0) || ms >= 2 ** 63) {
    e.replyError(c, Err.TIMEOUT_NEGATIVE);
    return null;
  }
  if (ms === 0 || ms > 2147483647) return 0;
  return Date.now() + ms;
}

// ---- Replies ----

/** Header for `n` member(/score) entries: RESP2 flat (2n with scores), RESP3 n pairs. */
export function replyEntriesHeader(c: Client, n: number, withscores: boolean): void {
  c.reply.arrayHeader(withscores && c.resp === 2 ? n * 2 : n);
}

export function replyEntry(c: Client, member: string, score: number, withscores: boolean): void {
  if (withscores) {
    if (c.resp === 3) c.reply.arrayHeader(2);
    c.reply.bulk(member);
    c.reply.double(score);
  } else {
    c.reply.bulk(member);
  }
}

// ---- Storing results ----

/**
 * Stores a computed zset at `dst` (Redis's setKey + notify) or, when empty, deletes `dst`; replies the size.
 * `maxLen` is the longest member when the caller tracked it.
 */
export function storeResult(c: Client, e: Engine, dst: string, z: ZSet, event: string, maxLen?: number): void {
  if (z.length > 0) {
    const enc = zsetEncodingFor(z, zsetLimits(e), maxLen ?? z.maxMemberLength());
    if (enc === Encoding.LISTPACK) z.normalizeZeros();
    c.db.set(dst, createObject(ObjType.ZSET, enc, z));
    c.reply.integer(z.length);
    c.db.signalModified(dst);
    c.db.notify('z', event, dst);
    c.db.signalReady(dst);
    e.dirty++;
  } else {
    c.reply.integer(0);
    if (c.db.delete(dst)) {
      c.db.signalModified(dst);
      c.db.notify('g', 'del', dst);
      e.dirty++;
    }
  }
}

/** After removing elements from `key`: event, delete-when-empty with `del`, WATCH signal, dirty. */
export function afterRemove(c: Client, e: Engine, key: string, z: ZSet, event: string, removed: number): void {
  if (removed === 0) return;
  c.db.notify('z', event, key);
  if (z.length === 0) {
    c.db.delete(key);
    c.db.notify('g', 'del', key);
  }
  c.db.signalModified(key);
  e.dirty += removed;
}

// ---- ZRANGE engine ----

export const RANGE_AUTO = 0;
export const RANGE_RANK = 1;
export const RANGE_SCORE = 2;
export const RANGE_LEX = 3;
export const DIR_AUTO = 0;
export const DIR_FORWARD = 1;
export const DIR_REVERSE = 2;

/** Collects the nodes of a rank range (0-based inclusive, Redis's sanitizing). */
function rankRange(z: ZSet, start: number, end: number, reverse: boolean, out: ZNode[]): void {
  const llen = z.length;
  if (start < 0) start = llen + start;
  if (end < 0) end = llen + end;
  if (start < 0) start = 0;
  if (start > end || start >= llen) return;
  if (end >= llen) end = llen - 1;
  let n = end - start + 1;
  let ln = reverse ? z.byRank(llen - 1 - start) : z.byRank(start);
  while (n-- > 0 && ln !== null) {
    out.push(ln);
    ln = reverse ? ln.prev : ln.next;
  }
}

function scoreRange(z: ZSet, r: ScoreRange, offset: number, limit: number, reverse: boolean, out: ZNode[]): void {
  if (offset > 0 && offset >= z.length) return;
  let ln = reverse ? z.lastInRange(r) : z.firstInRange(r);
  if (offset < 0) return; // Redis's `while (ln && offset--)` walks off the end
  while (ln !== null && offset-- > 0) ln = reverse ? ln.prev : ln.next;
  while (ln !== null && limit-- !== 0) {
    if (reverse ? !scoreGteMin(ln.score, r) : !scoreLteMax(ln.score, r)) break;
    out.push(ln);
    ln = reverse ? ln.prev : ln.next;
  }
}

function lexRange(z: ZSet, r: LexRange, offset: number, limit: number, reverse: boolean, out: ZNode[], linear: boolean): void {
  let ln = linear ? (reverse ? z.lastInLexRangeLinear(r) : z.firstInLexRangeLinear(r)) : reverse ? z.lastInLexRange(r) : z.firstInLexRange(r);
  if (offset < 0) return;
  while (ln !== null && offset-- > 0) ln = reverse ? ln.prev : ln.next;
  while (ln !== null && limit-- !== 0) {
    if (reverse ? !lexGteMin(ln.member, r) : !lexLteMax(ln.member, r)) break;
    out.push(ln);
    ln = reverse ? ln.prev : ln.next;
  }
}

/**
 * Redis's zrangeGenericCommand: `<src> <min> <max> [BYSCORE|BYLEX] [REV] [WITHSCORES] [LIMIT offset count]` from
 * argv[argStart]; `dst` set for ZRANGESTORE.
 */
export function zrangeGeneric(c: Client, e: Engine, argStart: number, dst: string | null, rangeType: number, direction: number): void {
  const argv = c.argv;
  const store = dst !== null;
  let minIdx = argStart + 1;
  let maxIdx = argStart + 2;
  let withscores = false;
  let offset = 0;
  let limit = -1;
  for (let j = argStart + 3; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const opt = argv[j]!.toLowerCase();
    if (!store && opt === 'withscores') withscores = true;
    else if (opt === 'limit' && left >= 2) {
      const o = parseLongOrReply(c, e, argv[j + 1]!);
      if (o === null) return;
      const l = parseLongOrReply(c, e, argv[j + 2]!);
      if (l === null) return;
      offset = o;
      limit = l;
      j += 2;
    } else if (direction === DIR_AUTO && opt === 'rev') direction = DIR_REVERSE;
    else if (rangeType === RANGE_AUTO && opt === 'bylex') rangeType = RANGE_LEX;
    else if (rangeType === RANGE_AUTO && opt === 'byscore') rangeType = RANGE_SCORE;
    else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  if (direction === DIR_AUTO) direction = DIR_FORWARD;
  if (rangeType === RANGE_AUTO) rangeType = RANGE_RANK;
  if (limit !== -1 && rangeType === RANGE_RANK) {
    e.replyError(c, 'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
    return;
  }
  if (withscores && rangeType === RANGE_LEX) {
    e.replyError(c, 'ERR syntax error, WITHSCORES not supported in combination with BYLEX');
    return;
  }
  const reverse = direction === DIR_REVERSE;
  if (reverse && rangeType !== RANGE_RANK) {
    const t = maxIdx;
    maxIdx = minIdx;
    minIdx = t;
  }
  let start = 0;
  let end = 0;
  let sr: ScoreRange | null = null;
  let lr: LexRange | null = null;
  if (rangeType === RANGE_RANK) {
    const s = parseLongOrReply(c, e, argv[minIdx]!);
    if (s === null) return;
    const t = parseLongOrReply(c, e, argv[maxIdx]!);
    if (t === null) return;
    start = s;
    end = t;
  } else if (rangeType === RANGE_SCORE) {
    sr = parseScoreRange(argv[minIdx]!, argv[maxIdx]!);
    if (sr === null) {
      e.replyError(c, ERR_MINMAX_FLOAT);
      return;
    }
  } else {
    lr = parseLexRange(argv[minIdx]!, argv[maxIdx]!);
    if (lr === null) {
      e.replyError(c, ERR_MINMAX_LEX);
      return;
    }
  }
  const key = argv[argStart]!;
  const o = c.db.lookupRead(key);
  if (o !== undefined && o.type !== ObjType.ZSET) {
    e.replyError(c, Err.WRONGTYPE);
    return;
  }
  const out: ZNode[] = [];
  if (o !== undefined) {
    const z = o.ptr as ZSet;
    if (rangeType === RANGE_RANK) rankRange(z, start, end, reverse, out);
    else if (rangeType === RANGE_SCORE) scoreRange(z, sr!, offset, limit, reverse, out);
    else lexRange(z, lr!, offset, limit, reverse, out, o.encoding === Encoding.LISTPACK);
  }
  if (store) {
    const res = new ZSet();
    let maxLen = 0;
    for (const n of out) {
      res.insert(n.member, n.score);
      if (n.member.length > maxLen) maxLen = n.member.length;
    }
    storeResult(c, e, dst, res, 'zrangestore', maxLen);
    return;
  }
  replyEntriesHeader(c, out.length, withscores);
  for (const n of out) replyEntry(c, n.member, n.score, withscores);
}

// ---- ZUNION/ZINTER/ZDIFF inputs: sorted sets, and sets (every member scores 1) ----

interface Src {
  obj: RObject | undefined;
  z: ZSet | null;
  s: SetValue | null;
  weight: number;
  len: number;
}

function srcFind(src: Src, member: string): number | undefined {
  if (src.z !== null) return src.z.score(member);
  if (src.s !== null && src.s.has(member)) return 1;
  return undefined;
}

function srcEach(src: Src, fn: (member: string, score: number) => boolean | void): void {
  if (src.z !== null) {
    // Redis walks sorted sets from the tail
    for (let n = src.z.last(); n !== null; n = n.prev) if (fn(n.member, n.score) === false) return;
  } else if (src.s !== null) {
    for (const m of setMembersOrdered(src.obj as RObject<SetValue>)) if (fn(m, 1) === false) return;
  }
}

export const OP_UNION = 0;
export const OP_INTER = 1;
export const OP_DIFF = 2;
const AGG_SUM = 0;
const AGG_MIN = 1;
const AGG_MAX = 2;

function aggregate(target: number, val: number, agg: number): number {
  if (agg === AGG_SUM) {
    const r = target + val;
    return Number.isNaN(r) ? 0 : r;
  }
  if (agg === AGG_MIN) return val < target ? val : target;
  return val > target ? val : target;
}

/** Redis's zunionInterDiffGenericCommand (ZUNION/ZINTER/ZDIFF[STORE], ZINTERCARD). */
export function zunionInterDiffGeneric(c: Client, e: Engine, dst: string | null, numkeysIdx: number, op: number, cardOnly: boolean): void {
  const argv = c.argv;
  const cmdName = c.cmd?.name ?? argv[0]!.toLowerCase();
  const setnum = parseLongOrReply(c, e, argv[numkeysIdx]!);
  if (setnum === null) return;
  if (setnum < 1) {
    e.replyError(c, `ERR at least 1 input key is needed for '${cmdName}' command`);
    return;
  }
  if (setnum > argv.length - (numkeysIdx + 1)) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  const srcs: Src[] = [];
  let j = numkeysIdx + 1;
  for (let i = 0; i < setnum; i++, j++) {
    const o = c.db.lookupRead(argv[j]!);
    const src: Src = { obj: o, z: null, s: null, weight: 1, len: 0 };
    if (o !== undefined) {
      if (o.type === ObjType.ZSET) {
        src.z = o.ptr as ZSet;
        src.len = src.z.length;
      } else if (o.type === ObjType.SET) {
        src.s = o.ptr as SetValue;
        src.len = src.s.size;
      } else {
        e.replyError(c, Err.WRONGTYPE);
        return;
      }
    }
    srcs.push(src);
  }
  let agg = AGG_SUM;
  let withscores = false;
  let limit = 0;
  while (j < argv.length) {
    const remaining = argv.length - j;
    const opt = argv[j]!.toLowerCase();
    if (op !== OP_DIFF && !cardOnly && remaining >= setnum + 1 && opt === 'weights') {
      j++;
      for (let i = 0; i < setnum; i++, j++) {
        const w = parseScore(argv[j]!);
        if (w === null) {
          e.replyError(c, 'ERR weight value is not a float');
          return;
        }
        srcs[i]!.weight = w;
      }
    } else if (op !== OP_DIFF && !cardOnly && remaining >= 2 && opt === 'aggregate') {
      const a = argv[j + 1]!.toLowerCase();
      if (a === 'sum') agg = AGG_SUM;
      else if (a === 'min') agg = AGG_MIN;
      else if (a === 'max') agg = AGG_MAX;
      else {
        e.replyError(c, Err.SYNTAX);
        return;
      }
      j += 2;
    } else if (remaining >= 1 && dst === null && !cardOnly && opt === 'withscores') {
      j++;
      withscores = true;
    } else if (cardOnly && remaining >= 2 && opt === 'limit') {
      const v = parseInt64(argv[j + 1]!);
      if (v === null || v < 0n) {
        e.replyError(c, "ERR LIMIT can't be negative");
        return;
      }
      limit = Number(v);
      j += 2;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  if (op !== OP_DIFF) srcs.sort((a, b) => a.len - b.len);

  const res = new ZSet();
  let maxLen = 0;
  let card = 0;
  if (op === OP_INTER) {
    const first = srcs[0]!;
    if (first.len > 0) {
      srcEach(first, (member, s0) => {
        let score = first.weight * s0;
        if (Number.isNaN(score)) score = 0;
        let k = 1;
        for (; k < srcs.length; k++) {
          const other = srcs[k]!;
          let v: number | undefined;
          if (other.obj === first.obj) v = s0;
          else v = srcFind(other, member);
          if (v === undefined) break;
          score = aggregate(score, v * other.weight, agg);
        }
        if (k !== srcs.length) return;
        if (cardOnly) {
          card++;
          if (limit && card >= limit) return false;
        } else {
          res.insert(member, score);
          if (member.length > maxLen) maxLen = member.length;
        }
        return;
      });
    }
  } else if (op === OP_UNION) {
    const acc = new Map<string, number>();
    for (const src of srcs) {
      if (src.len === 0) continue;
      srcEach(src, (member, s) => {
        let score = src.weight * s;
        if (Number.isNaN(score)) score = 0;
        const cur = acc.get(member);
        acc.set(member, cur === undefined ? score : aggregate(cur, score, agg));
      });
    }
    for (const [m, s] of acc) {
      res.insert(m, s);
      if (m.length > maxLen) maxLen = m.length;
    }
  } else {
    const first = srcs[0]!;
    if (first.len > 0) {
      let same = false;
      for (let k = 1; k < srcs.length; k++) if (srcs[k]!.obj === first.obj && first.obj !== undefined) same = true;
      if (!same) {
        srcEach(first, (member, s) => {
          for (let k = 1; k < srcs.length; k++) if (srcFind(srcs[k]!, member) !== undefined) return;
          res.insert(member, s);
          if (member.length > maxLen) maxLen = member.length;
        });
      }
    }
  }

  if (dst !== null) {
    storeResult(c, e, dst, res, op === OP_UNION ? 'zunionstore' : op === OP_INTER ? 'zinterstore' : 'zdiffstore', maxLen);
  } else if (cardOnly) {
    c.reply.integer(card);
  } else {
    replyEntriesHeader(c, res.length, withscores);
    for (let n = res.first(); n !== null; n = n.next) replyEntry(c, n.member, n.score, withscores);
  }
}

// ---- Pops ----

export const ZSET_MIN = 0;
export const ZSET_MAX = 1;

/**
 * Redis's genericZpopCommand: pops up to `count` (-1 = single) from the first existing key of `keys`.
 * `emitKey`: prefix the key; `nested`: pairs as arrays; `nilWhenEmpty`: null array instead of empty array.
 */
export function genericZpop(
  c: Client,
  e: Engine,
  keys: readonly string[],
  where: number,
  emitKey: boolean,
  count: number,
  nested: boolean,
  nilWhenEmpty: boolean,
): void {
  let key = '';
  let o: RObject<ZSet> | undefined;
  for (const k of keys) {
    const x = lookupWrite<ZSet>(c, e, k, ObjType.ZSET);
    if (x === null) return;
    if (x === undefined) continue;
    key = k;
    o = x;
    break;
  }
  if (o === undefined) {
    if (nilWhenEmpty) c.reply.nullArray();
    else c.reply.arrayHeader(0);
    return;
  }
  if (count === 0) {
    c.reply.arrayHeader(0);
    return;
  }
  if (count === -1) count = 1;
  const z = o.ptr;
  const rangelen = Math.min(count, z.length);
  if (!nested && !emitKey) c.reply.arrayHeader(rangelen * 2);
  else if (nested && !emitKey) c.reply.arrayHeader(rangelen);
  else if (!nested && emitKey) {
    c.reply.arrayHeader(rangelen * 2 + 1);
    c.reply.bulk(key);
  } else {
    c.reply.arrayHeader(2);
    c.reply.bulk(key);
    c.reply.arrayHeader(rangelen);
  }
  for (let i = 0; i < rangelen; i++) {
    const n = where === ZSET_MAX ? z.last()! : z.first()!;
    const member = n.member;
    const score = n.score;
    z.delete(member);
    if (nested) c.reply.arrayHeader(2);
    c.reply.bulk(member);
    c.reply.double(score);
  }
  c.db.notify('z', where === ZSET_MAX ? 'zpopmax' : 'zpopmin', key);
  if (z.length === 0) {
    c.db.delete(key);
    c.db.notify('g', 'del', key);
  }
  c.db.signalModified(key);
  e.dirty += rangelen;
}

/** Redis's blockingGenericZpopCommand (BZPOPMIN/BZPOPMAX/BZMPOP). */
export function blockingGenericZpop(
  c: Client,
  e: Engine,
  keys: readonly string[],
  where: number,
  timeoutArg: string,
  count: number,
  nested: boolean,
  nilWhenEmpty: boolean,
): void {
  const deadline = parseZsetBlockTimeout(c, e, timeoutArg);
  if (deadline === null) return;
  for (const k of keys) {
    const o = lookupWrite<ZSet>(c, e, k, ObjType.ZSET);
    if (o === null) return;
    if (o === undefined || o.ptr.length === 0) continue;
    genericZpop(c, e, [k], where, true, count, nested, nilWhenEmpty);
    return;
  }
  if ((c.flags & CF.DENY_BLOCKING) !== 0 || !e.blocking.canBlock(c)) {
    c.reply.nullArray();
    return;
  }
  e.blocking.block(c, keys, deadline, 'nullarray');
}

/** Redis's zmpopGenericCommand (ZMPOP numkeys ..., BZMPOP timeout numkeys ...). */
export function zmpopGeneric(c: Client, e: Engine, numkeysIdx: number, isBlock: boolean): void {
  const argv = c.argv;
  const numkeys = parseRangeLongOrReply(c, e, argv[numkeysIdx]!, 1, 'ERR numkeys should be greater than 0');
  if (numkeys === null) return;
  const whereIdx = numkeysIdx + numkeys + 1;
  if (whereIdx >= argv.length) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  const w = argv[whereIdx]!.toLowerCase();
  let where: number;
  if (w === 'min') where = ZSET_MIN;
  else if (w === 'max') where = ZSET_MAX;
  else {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (count === -1 && argv[j]!.toLowerCase() === 'count' && more > 0) {
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
  const keys = argv.slice(numkeysIdx + 1, numkeysIdx + 1 + numkeys);
  if (isBlock) blockingGenericZpop(c, e, keys, where, argv[1]!, count, true, true);
  else genericZpop(c, e, keys, where, true, count, true, true);
}

/** A new zset object for a key about to receive `firstMember` (ZADD's creation rule). */
export function newZsetFor(e: Engine, firstMember: string): RObject<ZSet> {
  return createZsetObject(zsetLimits(e), firstMember.length);
}

// ---- ZADD / ZINCRBY ----

const zaddRes: ZaddResult = { flags: 0, score: 0 };

export function zaddGeneric(c: Client, e: Engine, incrCommand: boolean): void {
  const argv = c.argv;
  const key = argv[1]!;
  let flags = incrCommand ? ZADD_INCR : 0;
  let ch = false;
  let idx = 2;
  for (; idx < argv.length; idx++) {
    const opt = argv[idx]!.toLowerCase();
    if (opt === 'nx') flags |= ZADD_NX;
    else if (opt === 'xx') flags |= ZADD_XX;
    else if (opt === 'ch') ch = true;
    else if (opt === 'incr') flags |= ZADD_INCR;
    else if (opt === 'gt') flags |= ZADD_GT;
    else if (opt === 'lt') flags |= ZADD_LT;
    else break;
  }
  const incr = (flags & ZADD_INCR) !== 0;
  const nx = (flags & ZADD_NX) !== 0;
  const xx = (flags & ZADD_XX) !== 0;
  const gt = (flags & ZADD_GT) !== 0;
  const lt = (flags & ZADD_LT) !== 0;
  const rest = argv.length - idx;
  if (rest % 2 !== 0 || rest === 0) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  const elements = rest / 2;
  if (nx && xx) {
    e.replyError(c, 'ERR XX and NX options at the same time are not compatible');
    return;
  }
  if ((gt && nx) || (lt && nx) || (gt && lt)) {
    e.replyError(c, 'ERR GT, LT, and/or NX options at the same time are not compatible');
    return;
  }
  if (incr && elements > 1) {
    e.replyError(c, 'ERR INCR option supports a single increment-element pair');
    return;
  }
  const scores = new Array<number>(elements);
  for (let j = 0; j < elements; j++) {
    const s = parseScore(argv[idx + j * 2]!);
    if (s === null) {
      e.replyError(c, Err.NOT_FLOAT);
      return;
    }
    scores[j] = s;
  }
  let o = lookupWrite<ZSet>(c, e, key, ObjType.ZSET);
  if (o === null) return;
  let added = 0;
  let updated = 0;
  let processed = 0;
  let score = 0;
  let created = false;
  if (o === undefined) {
    if (xx) {
      if (incr) c.reply.null();
      else c.reply.integer(0);
      return;
    }
    o = newZsetFor(e, argv[idx + 1]!);
    c.db.add(key, o);
    created = true;
  }
  const limits = zsetLimits(e);
  let failed = false;
  for (let j = 0; j < elements; j++) {
    if (!zsetAdd(o, scores[j]!, argv[idx + 1 + j * 2]!, flags, limits, zaddRes)) {
      e.replyError(c, ERR_NAN_SCORE);
      failed = true;
      break;
    }
    if (zaddRes.flags & ZADD_OUT_ADDED) added++;
    if (zaddRes.flags & ZADD_OUT_UPDATED) updated++;
    if (!(zaddRes.flags & ZADD_OUT_NOP)) processed++;
    score = zaddRes.score;
  }
  e.dirty += added + updated;
  if (!failed) {
    if (incr) {
      if (processed) c.reply.double(score);
      else c.reply.null();
    } else {
      c.reply.integer(ch ? added + updated : added);
    }
  }
  if (added || updated) {
    c.db.signalModified(key);
    c.db.notify('z', incr ? 'zincr' : 'zadd', key);
  }
  if (added || created) c.db.signalReady(key);
}

// ---- ZREMRANGEBY* ----

export function zremrangeGeneric(c: Client, e: Engine, kind: 'rank' | 'score' | 'lex'): void {
  const argv = c.argv;
  const key = argv[1]!;
  let start = 0;
  let end = 0;
  let sr: ScoreRange | null = null;
  let lr: LexRange | null = null;
  if (kind === 'rank') {
    const a = parseLongOrReply(c, e, argv[2]!);
    if (a === null) return;
    const b = parseLongOrReply(c, e, argv[3]!);
    if (b === null) return;
    start = a;
    end = b;
  } else if (kind === 'score') {
    sr = parseScoreRange(argv[2]!, argv[3]!);
    if (sr === null) {
      e.replyError(c, ERR_MINMAX_FLOAT);
      return;
    }
  } else {
    lr = parseLexRange(argv[2]!, argv[3]!);
    if (lr === null) {
      e.replyError(c, ERR_MINMAX_LEX);
      return;
    }
  }
  const o = lookupWrite<ZSet>(c, e, key, ObjType.ZSET);
  if (o === null) return;
  if (o === undefined) {
    c.reply.integer(0);
    return;
  }
  const z = o.ptr;
  let deleted: number;
  if (kind === 'rank') {
    const llen = z.length;
    if (start < 0) start = llen + start;
    if (end < 0) end = llen + end;
    if (start < 0) start = 0;
    if (start > end || start >= llen) {
      c.reply.integer(0);
      return;
    }
    if (end >= llen) end = llen - 1;
    deleted = z.deleteRangeByRank(start, end);
  } else if (kind === 'score') {
    deleted = z.deleteRangeByScore(sr!);
  } else {
    deleted = o.encoding === Encoding.LISTPACK ? z.deleteRangeByLexLinear(lr!) : z.deleteRangeByLex(lr!);
  }
  afterRemove(c, e, key, z, `zremrangeby${kind}`, deleted);
  c.reply.integer(deleted);
}

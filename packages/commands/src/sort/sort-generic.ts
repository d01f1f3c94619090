// The SORT / SORT_RO engine: option parsing in Redis 7.0's order, pattern lookups (`*` substitution, `#`,
// `key->field` hash dereference), the sort vector over lists, sets and sorted sets (native order for BY
// constants), numeric (strtod rules) and ALPHA (byte-wise, C-locale strcoll) comparisons, LIMIT clamping to the
// source size (so huge counts never allocate), GET projections and STORE into a list.
import { createListObject, ObjType, type ListValue, type RObject, type SetValue, type ZSet, type HashValue, setMembersOrdered } from '@redwing/store';
import { CF, type Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { parseIntNum } from '../util/number.js';

const ERR_SCORES = 'ERR One or more scores can\'t be converted into double';

/** Redis's lookupKeyByPattern: `#` yields the element itself; missing / wrong type / no `*` yields null. */
export function lookupByPattern(c: Client, pattern: string, subst: string): string | null {
  if (pattern === '#') return subst;
  const p = pattern.indexOf('*');
  if (p < 0) return null;
  const f = pattern.indexOf('->', p + 1);
  let field: string | null = null;
  let keyEnd = pattern.length;
  if (f >= 0 && f + 2 < pattern.length) {
    field = pattern.slice(f + 2);
    keyEnd = f;
  }
  const key = pattern.slice(0, p) + subst + pattern.slice(p + 1, keyEnd);
  const o = c.db.lookupRead(key);
  if (o === undefined) return null;
  if (field !== null) {
    if (o.type !== ObjType.HASH) return null;
    return (o.ptr as HashValue).get(field) ?? null;
  }
  if (o.type !== ObjType.STRING) return null;
  return o.ptr as string;
}

function isSpace(ch: number): boolean {
  return ch === 32 || (ch >= 9 && ch <= 13);
}

const STRTOD_RE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan|0x[0-9a-f]*\.?[0-9a-f]*(?:p[+-]?\d+)?)$/i;

/** strtod(s, &end) with SORT's acceptance: the whole (NUL-terminated) string consumed, no ERANGE, not NaN. */
export function sortStrtod(s: string): number | null {
  const nul = s.indexOf('\0');
  if (nul >= 0) s = s.slice(0, nul);
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  const t = s.slice(i);
  if (t.length === 0) return s.length === 0 ? 0 : null;
  if (!STRTOD_RE.test(t)) return null;
  const body = t.replace(/^[+-]/, '');
  const neg = t[0] === '-';
  const lower = body.toLowerCase();
  if (lower.startsWith('inf')) return neg ? -Infinity : Infinity;
  if (lower === 'nan') return null;
  let v: number;
  if (lower.startsWith('0x')) {
    const m = /^0x([0-9a-f]*)\.?([0-9a-f]*)(?:p([+-]?\d+))?$/.exec(lower);
    if (!m || (m[1] === '' && m[2] === '')) return null;
    const intPart = m[1] ?? '';
    const frac = m[2] ?? '';
    v = parseInt(intPart || '0', 16);
    for (let k = 0; k < frac.length; k++) v += parseInt(frac[k]!, 16) / 16 ** (k + 1);
    v *= 2 ** Number(m[3] ?? '0');
  } else {
    v = Number(body);
  }
  if (!Number.isFinite(v)) return null;
  if (v === 0 && /[1-9]/.test(body.split(/[eEpP]/)[0]!)) return null;
  return neg ? -v : v;
}

/** memcmp-then-length comparison (compareStringObjects). */
function cmpBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strcoll in the C locale over NUL-terminated strings. */
function cmpCString(a: string, b: string): number {
  const na = a.indexOf('\0');
  const nb = b.indexOf('\0');
  return cmpBytes(na >= 0 ? a.slice(0, na) : a, nb >= 0 ? b.slice(0, nb) : b);
}

interface SortItem {
  obj: string;
  score: number;
  cmp: string | null;
}

function zsetNodeAtRank(z: ZSet, rank: number): ZSet['tail'] {
  return z.byRank(rank);
}

export function sortGeneric(c: Client, e: Engine, readonly: boolean): void {
  const argv = c.argv;
  let desc = false;
  let alpha = false;
  let limitStart = 0;
  let limitCount = -1;
  let dontsort = false;
  let sortby: string | null = null;
  let storekey: string | null = null;
  const gets: string[] = [];
  for (let j = 2; j < argv.length; j++) {
    const opt = argv[j]!.toLowerCase();
    const left = argv.length - j - 1;
    if (opt === 'asc') desc = false;
    else if (opt === 'desc') desc = true;
    else if (opt === 'alpha') alpha = true;
    else if (opt === 'limit' && left >= 2) {
      const s = parseIntNum(argv[j + 1]!);
      const n = s === null ? null : parseIntNum(argv[j + 2]!);
      if (s === null || n === null) {
        e.replyError(c, Err.NOT_INTEGER);
        return;
      }
      limitStart = s;
      limitCount = n;
      j += 2;
    } else if (!readonly && opt === 'store' && left >= 1) {
      storekey = argv[++j]!;
    } else if (opt === 'by' && left >= 1) {
      sortby = argv[++j]!;
      if (!sortby.includes('*')) dontsort = true;
    } else if (opt === 'get' && left >= 1) {
      gets.push(argv[++j]!);
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }

  const sortval: RObject | undefined = c.db.lookupRead(argv[1]!);
  if (sortval !== undefined && sortval.type !== ObjType.SET && sortval.type !== ObjType.LIST && sortval.type !== ObjType.ZSET) {
    e.replyError(c, Err.WRONGTYPE);
    return;
  }
  const type = sortval === undefined ? ObjType.LIST : sortval.type;
  if (dontsort && type === ObjType.SET && (storekey !== null || (c.flags & CF.SCRIPT) !== 0)) {
    dontsort = false;
    alpha = true;
    sortby = null;
  }

  let vectorlen = 0;
  if (sortval !== undefined) {
    if (type === ObjType.LIST) vectorlen = (sortval.ptr as ListValue).length;
    else if (type === ObjType.SET) vectorlen = (sortval.ptr as SetValue).size;
    else vectorlen = (sortval.ptr as ZSet).length;
  }

  let start = Math.min(Math.max(limitStart, 0), vectorlen);
  const count = Math.min(Math.max(limitCount, -1), vectorlen);
  let end = count < 0 ? vectorlen - 1 : start + count - 1;
  if (start >= vectorlen) {
    start = vectorlen - 1;
    end = vectorlen - 2;
  }
  if (end >= vectorlen) end = vectorlen - 1;

  const vector: SortItem[] = [];
  if (sortval !== undefined) {
    if (type === ObjType.LIST) {
      const l = sortval.ptr as ListValue;
      if (dontsort) {
        if (end >= start) {
          const n = end - start + 1;
          for (let k = 0; k < n; k++) {
            const idx = desc ? l.length - start - 1 - k : start + k;
            vector.push({ obj: l.at(idx), score: 0, cmp: null });
          }
          end -= start;
          start = 0;
        }
      } else {
        for (const v of l.toArray()) vector.push({ obj: v, score: 0, cmp: null });
      }
    } else if (type === ObjType.SET) {
      for (const m of setMembersOrdered(sortval as RObject<SetValue>)) vector.push({ obj: m, score: 0, cmp: null });
    } else {
      const z = sortval.ptr as ZSet;
      if (dontsort) {
        if (end >= start) {
          const n = end - start + 1;
          let node = desc ? zsetNodeAtRank(z, z.length - 1 - start) : zsetNodeAtRank(z, start);
          for (let k = 0; k < n && node !== null; k++) {
            vector.push({ obj: node.member, score: 0, cmp: null });
            node = desc ? node.prev : node.next;
          }
        }
        end -= start;
        start = 0;
      } else {
        for (const node of z) vector.push({ obj: node.member, score: 0, cmp: null });
      }
    }
  }

  let conversionError = false;
  if (!dontsort) {
    for (const item of vector) {
      let byval: string | null;
      if (sortby !== null) {
        byval = lookupByPattern(c, sortby, item.obj);
        if (byval === null) continue;
      } else {
        byval = item.obj;
      }
      if (alpha) {
        if (sortby !== null) item.cmp = byval;
      } else {
        const s = sortStrtod(byval);
        if (s === null) conversionError = true;
        else item.score = s;
      }
    }
    const byPattern = sortby !== null;
    const store = storekey !== null;
    const sign = desc ? -1 : 1;
    let cmp: (a: SortItem, b: SortItem) => number;
    if (!alpha) {
      cmp = (a, b) => sign * (a.score > b.score ? 1 : a.score < b.score ? -1 : cmpBytes(a.obj, b.obj));
    } else if (byPattern) {
      const strcmp = store ? cmpBytes : cmpCString;
      cmp = (a, b) => {
        let r: number;
        if (a.cmp === null || b.cmp === null) r = a.cmp === b.cmp ? 0 : a.cmp === null ? -1 : 1;
        else r = strcmp(a.cmp, b.cmp);
        return sign * r;
      };
    } else {
      const strcmp = store ? cmpBytes : cmpCString;
      cmp = (a, b) => sign * strcmp(a.obj, b.obj);
    }
    if (!conversionError) vector.sort(cmp);
  }

  const outputlen = gets.length > 0 ? gets.length * (end - start + 1) : end - start + 1;
  if (conversionError) {
    e.replyError(c, ERR_SCORES);
    return;
  }
  if (storekey === null) {
    c.reply.arrayHeader(outputlen);
    for (let j = start; j <= end; j++) {
      const obj = vector[j]!.obj;
      if (gets.length === 0) c.reply.bulk(obj);
      for (const g of gets) {
        const v = lookupByPattern(c, g, obj);
        if (v === null) c.reply.null();
        else c.reply.bulk(v);
      }
    }
    return;
  }
  const out: string[] = [];
  for (let j = start; j <= end; j++) {
    const obj = vector[j]!.obj;
    if (gets.length === 0) out.push(obj);
    else for (const g of gets) out.push(lookupByPattern(c, g, obj) ?? '');
  }
  if (outputlen > 0) {
    c.db.set(storekey, createListObject(out));
    c.db.signalModified(storekey);
    c.db.notify('l', 'sortstore', storekey);
    c.db.signalReady(storekey);
    e.dirty += outputlen;
  } else if (c.db.delete(storekey)) {
    c.db.signalModified(storekey);
    c.db.notify('g', 'del', storekey);
    e.dirty++;
  }
  c.reply.integer(outputlen);
}

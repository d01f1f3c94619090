// The Lua 5.1 table library: concat, insert, remove, sort (Lua's quicksort, so comparator misuse raises
// "invalid order function for sorting" where Lua does), getn, setn (obsolete), maxn, foreach, foreachi.
// Like lua's, these use raw access; the Redis sandbox's read-only tables refuse writes.
import type { LuaEngine } from '../engine.js';
import type { Runtime } from '../runtime.js';
import { type LuaFunction, LuaError, LuaTable, NONE, first, numberToString, typeName } from '../value.js';
import { checkInt, checkTable, optString, typeErrorArg } from './args.js';

/** Redis's read-only check inside a library function (luaG_runerror from C: no position prefix). */
export function writable(R: Runtime, t: LuaTable): void {
  if (t.readonly) throw new LuaError('Attempt to modify a readonly table', R.at);
}

export function installTable(engine: LuaEngine): void {
  const R = engine.runtime;
  const H = engine.helpers;
  const T = new LuaTable();
  const def = (name: string, f: LuaFunction): void => T.set(name, f);

  def('getn', function (...a: unknown[]) {
    return [checkTable(R, a[0], 1, 'getn', a.length).length()];
  });
  def('setn', function (): never {
    return R.error("'setn' is obsolete");
  });
  def('maxn', function (...a: unknown[]) {
    const t = checkTable(R, a[0], 1, 'maxn', a.length);
    let max = t.arr.length;
    if (t.hash !== undefined) for (const k of t.hash.keys()) if (typeof k === 'number' && k > max) max = k;
    return [max];
  });

  def('insert', function (t?: unknown, p?: unknown, v?: unknown) {
    const n = arguments.length;
    const tb = checkTable(R, t, 1, 'insert', n);
    writable(R, tb);
    const e = tb.length() + 1;
    if (n === 2) {
      tb.setInt(e, p);
      return NONE;
    }
    if (n !== 3) R.error("wrong number of arguments to 'insert'");
    let pos = checkInt(R, p, 2, 'insert', n);
    let last = e;
    if (pos > last) last = pos;
    if (pos === last) {
      tb.set(pos, v);
      return NONE;
    }
    for (let i = last; i > pos; i--) tb.set(i, tb.get(i - 1));
    if (pos !== pos) pos = 0;
    H.rawsetChecked(tb, pos, v, R.at);
    return NONE;
  });

  def('remove', function (...a: unknown[]) {
    const t = checkTable(R, a[0], 1, 'remove', a.length);
    const e = t.length();
    const pos = a[1] === undefined ? e : checkInt(R, a[1], 2, 'remove', a.length);
    if (!(1 <= pos && pos <= e)) return NONE;
    writable(R, t);
    const v = t.get(pos);
    if (pos === e && e === t.arr.length) {
      t.setInt(e, undefined);
      return [v];
    }
    for (let i = pos; i < e; i++) t.set(i, t.get(i + 1));
    t.set(e, undefined);
    return [v];
  });

  def('concat', function (...a: unknown[]) {
    const t = checkTable(R, a[0], 1, 'concat', a.length);
    const sep = optString(R, a[1], 2, 'concat', '', a.length);
    const i = a[2] === undefined ? 1 : checkInt(R, a[2], 3, 'concat', a.length);
    const j = a[3] === undefined ? t.length() : checkInt(R, a[3], 4, 'concat', a.length);
    const parts: string[] = [];
    for (let k = i; k <= j; k++) {
      const v = t.get(k);
      if (typeof v === 'string') parts.push(v);
      else if (typeof v === 'number') parts.push(numberToString(v));
      else R.error(`invalid value (${typeName(v)}) at index ${k} in table for 'concat'`);
    }
    return [parts.join(sep)];
  });

  def('foreachi', function (...a: unknown[]) {
    const t = checkTable(R, a[0], 1, 'foreachi', a.length);
    const n = t.length();
    for (let i = 1; i <= n; i++) {
      const r = engine.callValue(a[1], [i, t.get(i)])[0];
      if (r !== undefined) return [r];
    }
    return NONE;
  });
  def('foreach', function (...a: unknown[]) {
    const t = checkTable(R, a[0], 1, 'foreach', a.length);
    let k: unknown = undefined;
    for (;;) {
      const e = t.next(k);
      if (e === undefined) return NONE;
      k = e[0];
      const r = engine.callValue(a[1], [e[0], e[1]])[0];
      if (r !== undefined) return [r];
    }
  });

  def('sort', function (...a: unknown[]) {
    const t = checkTable(R, a[0], 1, 'sort', a.length);
    const n = t.length();
    const cmp = a[1];
    if (cmp !== undefined && typeof cmp !== 'function') typeErrorArg(R, 2, 'sort', 'function', cmp, a.length);
    if (n < 2) return NONE;
    writable(R, t);
    const arr = new Array<unknown>(n + 1);
    for (let i = 1; i <= n; i++) arr[i] = t.get(i);
    const at = R.at;
    let lt: (x: unknown, y: unknown) => boolean;
    if (cmp === undefined) {
      lt = (x, y) => (typeof x === 'number' && typeof y === 'number' ? x < y : H.lt(x, y, at));
    } else {
      const f = cmp as LuaFunction;
      lt = (x, y) => {
        const r = first(f(x, y));
        return r !== undefined && r !== false;
      };
    }
    const fail = (): never => {
      R.at = at;
      return R.error('invalid order function for sorting');
    };
    auxsort(arr, 1, n, lt, fail);
    for (let i = 1; i <= n; i++) t.set(i, arr[i]);
    return NONE;
  });

  engine.globals.set('table', T);
}

function auxsort(
  a: unknown[],
  lo: number,
  up: number,
  lt: (x: unknown, y: unknown) => boolean,
  fail: () => never,
): void {
  while (lo < up) {
    if (lt(a[up], a[lo])) swap(a, lo, up);
    if (up - lo === 1) break;
    let p = Math.floor((lo + up) / 2);
    if (lt(a[p], a[lo])) swap(a, p, lo);
    else if (lt(a[up], a[p])) swap(a, p, up);
    if (up - lo === 2) break;
    const pivot = a[p];
    swap(a, p, up - 1);
    let i = lo;
    let j = up - 1;
    for (;;) {
      while (lt(a[++i], pivot)) if (i > up) fail();
      while (lt(pivot, a[--j])) if (j < lo) fail();
      if (j < i) break;
      swap(a, i, j);
    }
    swap(a, up - 1, i);
    if (i - lo < up - i) {
      j = lo;
      i = i - 1;
      lo = i + 2;
    } else {
      j = i + 1;
      i = up;
      up = j - 2;
    }
    p = 0;
    auxsort(a, j, i, lt, fail);
  }
}

function swap(a: unknown[], i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

// The Lua 5.1 table library: concat, insert, remove, sort (Lua's quicksort, so comparator misuse raises
// "invalid order function for sorting" where Lua does), getn, setn (obsolete), maxn, foreach, foreachi.
// Like lua's, these use raw access; the Redis sandbox's read-only tables refuse writes.
import type { LuaEngine } from '../engine.js';
import type { Runtime } from '../runtime.js';
import { type LuaFunction, LuaError, LuaTable, NONE, first, numberToString, typeName, withGen } from '../value.js';
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

  // foreach/foreachi: one generator body; the plain forms run it with plain callbacks (it never yields then)
  function* foreachi(gen: boolean, a: unknown[]): Generator<unknown[], unknown[], unknown[]> {
    const t = checkTable(R, a[0], 1, 'foreachi', a.length);
    const n = t.length();
    for (let i = 1; i <= n; i++) {
      R.at = '';
      const r = (gen ? yield* H.gcallB(a[1], '', [i, t.get(i)]) : engine.callValue(a[1], [i, t.get(i)]))[0];
      if (r !== undefined) return [r];
    }
    return NONE;
  }
  function* foreach(gen: boolean, a: unknown[]): Generator<unknown[], unknown[], unknown[]> {
    const t = checkTable(R, a[0], 1, 'foreach', a.length);
    let k: unknown = undefined;
    for (;;) {
      const e = t.next(k);
      if (e === undefined) return NONE;
      k = e[0];
      R.at = '';
      const r = (gen ? yield* H.gcallB(a[1], '', [e[0], e[1]]) : engine.callValue(a[1], [e[0], e[1]]))[0];
      if (r !== undefined) return [r];
    }
  }
  def(
    'foreachi',
    withGen((...a: unknown[]) => foreachi(false, a).next(NONE).value, (...a: unknown[]) => foreachi(true, a)),
  );
  def(
    'foreach',
    withGen((...a: unknown[]) => foreach(false, a).next(NONE).value, (...a: unknown[]) => foreach(true, a)),
  );

  /** sort's argument checks; the values to sort (1-based), or undefined when there is nothing to do. */
  function sortArgs(a: unknown[]): { t: LuaTable; n: number; arr: unknown[]; fail: () => never } | undefined {
    const t = checkTable(R, a[0], 1, 'sort', a.length);
    const n = t.length();
    const cmp = a[1];
    if (cmp !== undefined && typeof cmp !== 'function') typeErrorArg(R, 2, 'sort', 'function', cmp, a.length);
    if (n < 2) return undefined;
    writable(R, t);
    const arr = new Array<unknown>(n + 1);
    for (let i = 1; i <= n; i++) arr[i] = t.get(i);
    const at = R.at;
    const fail = (): never => {
      R.at = at;
      return R.error('invalid order function for sorting');
    };
    return { t, n, arr, fail };
  }

  /** sort in generator form: the comparator (or __lt) may pause a resumable run. */
  function* sortG(...a: unknown[]): Generator<unknown[], unknown, unknown[]> {
    const s = sortArgs(a);
    if (s === undefined) return NONE;
    const at = R.at;
    const cmp = a[1];
    let lt: (x: unknown, y: unknown) => Generator<unknown[], boolean, unknown[]>;
    if (cmp === undefined) {
      lt = function* (x, y) {
        if (typeof x === 'number' && typeof y === 'number') return x < y;
        return x instanceof LuaTable ? yield* H.glt(x, y, at) : H.lt(x, y, at);
      };
    } else {
      lt = function* (x, y) {
        const r = (yield* H.gcallB(cmp, '', [x, y]))[0];
        return r !== undefined && r !== false;
      };
    }
    yield* gauxsort(s.arr, 1, s.n, lt, s.fail);
    for (let i = 1; i <= s.n; i++) s.t.set(i, s.arr[i]);
    return NONE;
  }

  const sort = function (...a: unknown[]) {
    const s = sortArgs(a);
    if (s === undefined) return NONE;
    const at = R.at;
    const cmp = a[1];
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
    auxsort(s.arr, 1, s.n, lt, s.fail);
    for (let i = 1; i <= s.n; i++) s.t.set(i, s.arr[i]);
    return NONE;
  };
  def('sort', withGen(sort, sortG));

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

/** auxsort with a generator comparator (same steps, so the same "invalid order function" cases). */
function* gauxsort(
  a: unknown[],
  lo: number,
  up: number,
  lt: (x: unknown, y: unknown) => Generator<unknown[], boolean, unknown[]>,
  fail: () => never,
): Generator<unknown[], void, unknown[]> {
  while (lo < up) {
    if (yield* lt(a[up], a[lo])) swap(a, lo, up);
    if (up - lo === 1) break;
    const p = Math.floor((lo + up) / 2);
    if (yield* lt(a[p], a[lo])) swap(a, p, lo);
    else if (yield* lt(a[up], a[p])) swap(a, p, up);
    if (up - lo === 2) break;
    const pivot = a[p];
    swap(a, p, up - 1);
    let i = lo;
    let j = up - 1;
    for (;;) {
      while (yield* lt(a[++i], pivot)) if (i > up) fail();
      while (yield* lt(pivot, a[--j])) if (j < lo) fail();
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
    yield* gauxsort(a, j, i, lt, fail);
  }
}

function swap(a: unknown[], i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

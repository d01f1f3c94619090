// Lua values as JavaScript values: nil = undefined, booleans, numbers (doubles), strings (latin1, one char per
// byte), LuaTable, and functions. A Lua function is a plain JS function taking its arguments positionally and
// returning an array of results (LuaFunction). This file owns LuaTable, LuaError and the value helpers
// (type names, %.14g formatting, string->number coercion) that every other part of the engine uses.

/**
 * A Lua function: positional arguments; returns either one Lua value directly, or an array of values (for
 * zero or several results; never mutate a returned array). No Lua value is ever a JS array, so the two
 * cases cannot be confused; use `results()` / `first()` to read a return value.
 */
export type LuaFunction = (...args: unknown[]) => unknown;

/** All results of a LuaFunction call, as an array. */
export function results(r: unknown): unknown[] {
  return r instanceof Array ? r : [r];
}

/** The first result of a LuaFunction call (nil when there is none). */
export function first(r: unknown): unknown {
  return r instanceof Array ? r[0] : r;
}

/** The shared empty result list. Never mutate it. */
export const NONE: unknown[] = [];

/** The generator form of a function (what resumable and coroutine code calls): yields SLICE / coroutine values. */
export type LuaGenFunction = (...args: unknown[]) => Generator<unknown[], unknown, unknown[]>;

/**
 * Give a library function a generator form (`f.$g`): generator-form Lua code calls it instead of the plain one,
 * so the Lua code it calls back (pcall's function, sort's comparator, ...) can pause a resumable run.
 */
export function withGen(f: LuaFunction, g: LuaGenFunction): LuaFunction {
  (f as unknown as { $g: LuaGenFunction }).$g = g;
  return f;
}

/** A Lua table: a dense-ish array part for keys 1..n, a Map for every other key, and a metatable. */
export class LuaTable {
  /** arr[i] holds key i+1; may contain undefined holes, never ends with undefined. */
  arr: unknown[];
  hash: Map<unknown, unknown> | undefined = undefined;
  mt: LuaTable | undefined = undefined;
  /** Set by the Redis sandbox: writes raise "Attempt to modify a readonly table". */
  readonly = false;
  private nextIter: Iterator<[unknown, unknown]> | undefined = undefined;
  private nextKey: unknown = undefined;

  constructor(arr?: unknown[]) {
    this.arr = arr ?? [];
  }

  get(k: unknown): unknown {
    if (typeof k === 'number') {
      const a = this.arr;
      if ((k | 0) === k && k > 0 && k <= a.length) return a[k - 1];
    }
    const h = this.hash;
    return h === undefined ? undefined : h.get(k);
  }

  getStr(k: string): unknown {
    const h = this.hash;
    return h === undefined ? undefined : h.get(k);
  }

  getInt(k: number): unknown {
    const a = this.arr;
    if (k > 0 && k <= a.length) return a[k - 1];
    const h = this.hash;
    return h === undefined ? undefined : h.get(k);
  }

  /** Raw set; the caller has checked the key is neither nil nor NaN. */
  set(k: unknown, v: unknown): void {
    if (typeof k === 'number' && (k | 0) === k && k > 0) {
      this.setInt(k, v);
      return;
    }
    if (v === undefined) {
      this.hash?.delete(k);
      return;
    }
    (this.hash ??= new Map()).set(k, v);
  }

  setInt(k: number, v: unknown): void {
    const a = this.arr;
    const n = a.length;
    if (k <= n) {
      a[k - 1] = v;
      if (v === undefined && k === n) {
        let m = n - 1;
        while (m > 0 && a[m - 1] === undefined) m--;
        a.length = m;
      }
      return;
    }
    if (k === n + 1) {
      if (v === undefined) {
        this.hash?.delete(k);
        return;
      }
      a.push(v);
      const h = this.hash;
      if (h !== undefined && h.size > 0) {
        h.delete(k);
        let next = k + 1;
        let nv = h.get(next);
        while (nv !== undefined) {
          a.push(nv);
          h.delete(next);
          next++;
          nv = h.get(next);
        }
      }
      return;
    }
    if (v === undefined) {
      this.hash?.delete(k);
      return;
    }
    if (k - n <= 9) {
      // a small gap: grow the array part with holes (keeps t[2..n] style arrays out of the hash)
      const h = this.hash;
      for (let i = n + 1; i < k; i++) {
        const hv = h === undefined ? undefined : h.get(i);
        if (hv !== undefined) (h as Map<unknown, unknown>).delete(i);
        a.push(hv);
      }
      this.setInt(k, v);
      return;
    }
    (this.hash ??= new Map()).set(k, v);
  }

  /** The border: n such that t[n] ~= nil and t[n+1] == nil (0 if t[1] is nil). */
  length(): number {
    const n = this.arr.length;
    if (n > 0) return n;
    const h = this.hash;
    if (h === undefined || h.get(1) === undefined) return 0;
    let i = 1;
    while (h.get(i + 1) !== undefined) i++;
    return i;
  }

  /** Lua's next(): the key after `k` (undefined = first), or undefined at the end. */
  next(k: unknown): [unknown, unknown] | undefined {
    const a = this.arr;
    let i = 0;
    if (k !== undefined) {
      if (typeof k === 'number' && (k | 0) === k && k > 0 && k <= a.length) i = k;
      else if (typeof k === 'number' && (k | 0) === k && k > a.length && this.hash?.has(k) !== true) {
        // an array-part key whose clearing (t[k] = nil during traversal) shrank the array part
        return this.nextInHash(undefined);
      } else return this.nextInHash(k);
    }
    for (; i < a.length; i++) {
      const v = a[i];
      if (v !== undefined) return [i + 1, v];
    }
    return this.nextInHash(undefined);
  }

  private nextInHash(k: unknown): [unknown, unknown] | undefined {
    const h = this.hash;
    if (h === undefined) {
      if (k === undefined) return undefined;
      throw new LuaError('invalid key to \'next\'');
    }
    let it: Iterator<[unknown, unknown]>;
    if (k === undefined) it = h.entries();
    else if (this.nextIter !== undefined && this.nextKey === k) it = this.nextIter;
    else {
      if (!h.has(k)) throw new LuaError('invalid key to \'next\'');
      it = h.entries();
      for (;;) {
        const r = it.next();
        if (r.done === true) return undefined;
        if (r.value[0] === k) break;
      }
    }
    for (;;) {
      const r = it.next();
      if (r.done === true) {
        this.nextIter = undefined;
        this.nextKey = undefined;
        return undefined;
      }
      if (r.value[1] !== undefined) {
        this.nextIter = it;
        this.nextKey = r.value[0];
        return r.value;
      }
    }
  }
}

/** A Lua error in flight: `value` is the Lua error value (usually a string with a position prefix). */
export class LuaError extends Error {
  readonly code = 'LUA_ERROR';
  value: unknown;
  /** Position of the innermost Lua code when raised, e.g. "user_script:3:" (when known). */
  at: string | undefined;
  constructor(value: unknown, at?: string) {
    super(typeof value === 'string' ? value : typeof value === 'number' ? numberToString(value) : errorObjectText(value));
    this.value = value;
    this.at = at;
    this.name = 'LuaError';
  }
}

function errorObjectText(v: unknown): string {
  if (v === undefined) return 'nil';
  if (v instanceof LuaTable) return 'table';
  return typeName(v);
}

/** Thrown to stop a script for good (budget abort); pcall does not catch it. */
export class LuaAbort extends Error {
  readonly code = 'LUA_ABORT';
  constructor(message: string) {
    super(message);
    this.name = 'LuaAbort';
  }
}

export function typeName(v: unknown): string {
  switch (typeof v) {
    case 'undefined':
      return 'nil';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'function':
      return 'function';
    default:
      if (v instanceof LuaTable) return 'table';
      if (v instanceof Coroutine) return 'thread';
      return 'userdata';
  }
}

/** A coroutine object (its machinery lives in lib/coroutine.ts). */
export class Coroutine {
  status: 'suspended' | 'running' | 'normal' | 'dead' = 'suspended';
  gen: Generator<unknown[], unknown, unknown[]> | undefined = undefined;
  constructor(readonly fn: LuaFunction) {}
}

// ---- numbers ----

/** Lua 5.1's `%.14g` number -> string. */
export function numberToString(n: number): string {
  if (Number.isInteger(n) && n > -1e14 && n < 1e14) return n === 0 && 1 / n < 0 ? '-0' : String(n);
  return formatG(n, 14, false);
}

export function nonFinite(n: number): string {
  if (n !== n) return '-nan';
  return n > 0 ? 'inf' : '-inf';
}

/** C's %.<prec>g (alt = '#' flag keeps trailing zeros). */
export function formatG(n: number, prec: number, alt: boolean): string {
  if (!Number.isFinite(n)) return nonFinite(n);
  const p = prec === 0 ? 1 : prec;
  if (n === 0) {
    const z = alt ? '0.' + '0'.repeat(p - 1) : '0';
    return 1 / n < 0 ? '-' + z : z;
  }
  const es = expString(n, p - 1);
  const ei = es.indexOf('e');
  const x = Number(es.slice(ei + 1));
  if (x < -4 || x >= p) {
    let mant = es.slice(0, ei);
    if (!alt && mant.includes('.')) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
    if (alt && !mant.includes('.')) mant += '.';
    const ax = Math.abs(x);
    return mant + 'e' + (x < 0 ? '-' : '+') + (ax < 10 ? '0' + ax : String(ax));
  }
  let s = fixedString(n, p - 1 - x);
  if (!alt) {
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  } else if (!s.includes('.')) s += '.';
  return s;
}

/** n.toExponential(d) with C rounding (ties to even on the exact binary value). */
export function expString(n: number, d: number): string {
  if (d <= 70) {
    const r = n.toExponential(d);
    // cheap test first: only values whose scaled fraction is about .5 can be exact ties
    const ex = Number(r.slice(r.indexOf('e') + 1));
    const scaled = Math.abs(n) * Math.pow(10, d - ex);
    if (scaled < 2 ** 52 && Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-7) return r;
    const long = n.toExponential(d + 30);
    const ei = long.indexOf('e');
    if (long.charCodeAt(ei - 30) === 53 && /^50*$/.test(long.slice(ei - 30, ei))) {
      // an exact tie: C rounds half to even, JS rounds half up
      const last = long.charCodeAt(d === 0 ? ei - 32 : ei - 31);
      if (last % 2 === 0) return long.slice(0, d === 0 ? ei - 31 : ei - 30) + long.slice(ei);
    }
    return r;
  }
  if (d <= 100) return n.toExponential(d);
  const s = n.toExponential(100);
  const ei = s.indexOf('e');
  return s.slice(0, ei) + '0'.repeat(d - 100) + s.slice(ei);
}

/** n.toFixed(d) for any |n| (JS switches to exponent form at 1e21; C never does). */
export function fixedString(n: number, d: number): string {
  if (Math.abs(n) < 1e21 && d <= 70) {
    const r = n.toFixed(d);
    const scaled = Math.abs(n) * Math.pow(10, d);
    if (scaled < 2 ** 52 && Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-7) return r;
    const long = n.toFixed(d + 30);
    const cut = long.length - 30;
    if (long.charCodeAt(cut) === 53 && /^50*$/.test(long.slice(cut))) {
      let keep = long.slice(0, cut);
      if (keep.endsWith('.')) keep = keep.slice(0, -1);
      const last = keep.charCodeAt(keep.length - 1);
      if (last % 2 === 0) return keep;
    }
    return r;
  }
  if (Math.abs(n) < 1e21 && d <= 100) return n.toFixed(d);
  if (Math.abs(n) >= 1e21) {
    const neg = n < 0;
    let s = BigInt(Math.abs(n)).toString();
    if (d > 0) s += '.' + '0'.repeat(d);
    return neg ? '-' + s : s;
  }
  return n.toFixed(100) + '0'.repeat(d - 100);
}

const NUM_RE =
  /^[ \t\n\v\f\r]*([-+]?)(?:0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([-+]?[0-9]+))?|((?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)|([iI][nN][fF](?:[iI][nN][iI][tT][yY])?)|([nN][aA][nN]))[ \t\n\v\f\r]*$/;

/** Lua 5.1's string -> number (strtod rules incl. hex, inf, nan, surrounding spaces); undefined if malformed. */
const SIMPLE_NUM_RE = /^-?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/;

export function strToNumber(s: string): number | undefined {
  if (SIMPLE_NUM_RE.test(s)) return Number(s);
  const m = NUM_RE.exec(s);
  if (m === null) return undefined;
  const neg = m[1] === '-';
  let v: number;
  if (m[5] !== undefined) v = Number(m[5]);
  else if (m[6] !== undefined) v = Infinity;
  else if (m[7] !== undefined) v = NaN;
  else {
    const ip = m[2] ?? '';
    const fp = m[3] ?? '';
    if (ip === '' && fp === '') return undefined;
    v = 0;
    for (const c of ip) v = v * 16 + parseInt(c, 16);
    let scale = 1 / 16;
    for (const c of fp) {
      v += parseInt(c, 16) * scale;
      scale /= 16;
    }
    if (m[4] !== undefined) v *= Math.pow(2, Number(m[4]));
  }
  return neg ? -v : v;
}

/** Coerce for arithmetic: numbers pass, numeric strings convert, anything else is undefined. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return strToNumber(v);
  return undefined;
}

/** Lua truthiness. */
export function truthy(v: unknown): boolean {
  return v !== undefined && v !== false;
}

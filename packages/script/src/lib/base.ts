// The Lua 5.1 base library: assert, error, pcall, xpcall, type, tostring, tonumber, select, unpack, pairs,
// ipairs, next, rawget/rawset/rawequal, setmetatable/getmetatable, loadstring/load, print, collectgarbage,
// gcinfo, getfenv. Error texts and position rules follow lbaselib.c.
import type { LuaEngine } from '../engine.js';
import { inextFn, nextFn } from '../runtime.js';
import { type LuaFunction, LuaAbort, LuaError, LuaTable, NONE, numberToString, strToNumber, typeName, withGen } from '../value.js';
import { writable } from './table.js';
import { argError, checkAny, checkInt, checkTable, optInt, typeErrorArg } from './args.js';

const MAX_UNPACK = 8000;
const TWO64 = 2 ** 64;

/** luaToString for generator code: a __tostring written in Lua may pause a resumable run. */
export function* luaToStringG(engine: LuaEngine, v: unknown): Generator<unknown[], string, unknown[]> {
  const mt = engine.helpers.metaOf(v);
  if (mt !== undefined) {
    const h = mt.getStr('__tostring');
    if (h !== undefined) {
      engine.runtime.at = '';
      const r = (yield* engine.helpers.gcallB(h, '', [v]))[0];
      if (typeof r !== 'string') {
        if (typeof r === 'number') return numberToString(r);
        engine.runtime.error("'__tostring' must return a string");
      }
      return r;
    }
  }
  return engine.tostring(v);
}

export function luaToString(engine: LuaEngine, v: unknown): string {
  const mt = engine.helpers.metaOf(v);
  if (mt !== undefined) {
    const h = mt.getStr('__tostring');
    if (h !== undefined) {
      const r = engine.callValue(h, [v])[0];
      if (typeof r !== 'string') {
        if (typeof r === 'number') return numberToString(r);
        engine.runtime.error("'__tostring' must return a string");
      }
      return r;
    }
  }
  return engine.tostring(v);
}

export function installBase(engine: LuaEngine): void {
  const R = engine.runtime;
  const G = engine.globals;
  const H = engine.helpers;
  const def = (name: string, f: LuaFunction): void => G.set(name, f);

  def('assert', function (...a: unknown[]) {
    const v = a[0];
    if (v === undefined || v === false) {
      if (a.length === 0) argError(R, 1, 'assert', 'value expected');
      const m = a[1];
      if (m === undefined) R.error('assertion failed!');
      if (typeof m === 'string') R.error(m);
      if (typeof m === 'number') R.error(numberToString(m));
      typeErrorArg(R, 2, 'assert', 'string', m, a.length);
    }
    return a;
  });

  def('error', function (msg?: unknown, level?: unknown) {
    const lv = level === undefined ? 1 : typeof level === 'number' ? Math.trunc(level) : Number(level);
    if ((typeof msg === 'string' || typeof msg === 'number') && lv > 0 && R.at !== '') {
      throw new LuaError(`${R.at} ${typeof msg === 'number' ? numberToString(msg) : msg}`, R.at);
    }
    throw new LuaError(msg, R.at);
  });

  const pcall = function (...a: unknown[]): unknown[] {
    if (a.length === 0) argError(R, 1, 'pcall', 'value expected');
    const f = a[0];
    try {
      R.at = '';
      const r = typeof f === 'function' ? (f as LuaFunction)(...a.slice(1)) : engine.callValue(f, a.slice(1));
      if (!(r instanceof Array)) return [true, r];
      const out = new Array<unknown>(r.length + 1);
      out[0] = true;
      for (let i = 0; i < r.length; i++) out[i + 1] = r[i];
      return out;
    } catch (e) {
      const n = engine.normalizeError(e);
      if (n instanceof LuaError) return [false, n.value];
      throw n;
    }
  };
  def(
    'pcall',
    withGen(pcall, function* (...a: unknown[]) {
      if (a.length === 0) argError(R, 1, 'pcall', 'value expected');
      try {
        R.at = '';
        const r = yield* H.gcallB(a[0], '', a.slice(1));
        const out = new Array<unknown>(r.length + 1);
        out[0] = true;
        for (let i = 0; i < r.length; i++) out[i + 1] = r[i];
        return out;
      } catch (e) {
        const n = engine.normalizeError(e);
        if (n instanceof LuaError) return [false, n.value];
        throw n;
      }
    }),
  );

  const xpcall = function (f?: unknown, handler?: unknown) {
    try {
      const r = engine.callValue(f, []);
      return [true, ...r];
    } catch (e) {
      const n = engine.normalizeError(e);
      if (n instanceof LuaAbort || !(n instanceof LuaError)) throw n;
      return [false, ...engine.callValue(handler, [n.value])];
    }
  };
  def(
    'xpcall',
    withGen(xpcall, function* (f?: unknown, handler?: unknown) {
      let err: LuaError;
      try {
        R.at = '';
        const r = yield* H.gcallB(f, '', []);
        return [true, ...r];
      } catch (e) {
        const n = engine.normalizeError(e);
        if (n instanceof LuaAbort || !(n instanceof LuaError)) throw n;
        err = n;
      }
      R.at = '';
      return [false, ...(yield* H.gcallB(handler, '', [err.value]))];
    }),
  );

  def('type', function (...a: unknown[]) {
    checkAny(R, 1, 'type', a.length);
    return [typeName(a[0])];
  });

  def(
    'tostring',
    withGen(
      function (...a: unknown[]) {
        checkAny(R, 1, 'tostring', a.length);
        return [luaToString(engine, a[0])];
      },
      function* (...a: unknown[]) {
        checkAny(R, 1, 'tostring', a.length);
        return [yield* luaToStringG(engine, a[0])];
      },
    ),
  );

  def('tonumber', function (...a: unknown[]) {
    const v = a[0];
    const base = a[1];
    if (base === undefined) {
      checkAny(R, 1, 'tonumber', a.length);
      if (typeof v === 'number') return [v];
      if (typeof v === 'string') return [strToNumber(v)];
      return [undefined];
    }
    const b = checkInt(R, base, 2, 'tonumber', a.length);
    if (b === 10) {
      if (typeof v === 'number') return [v];
      return [typeof v === 'string' ? strToNumber(v) : undefined];
    }
    let s: string;
    if (typeof v === 'string') s = v;
    else if (typeof v === 'number') s = numberToString(v);
    else typeErrorArg(R, 1, 'tonumber', 'string', v, a.length);
    if (b < 2 || b > 36) argError(R, 2, 'tonumber', 'base out of range');
    return [parseBase(s, b)];
  });

  def('select', (R.selectFn = function (...a: unknown[]) {
    const n = a[0];
    const count = a.length - 1;
    if (n === '#') return [count];
    let i = checkInt(R, n, 1, 'select', a.length);
    if (i < 0) i = a.length + i;
    else if (i > count) return NONE;
    if (i < 1) argError(R, 1, 'select', 'index out of range');
    return a.slice(i);
  }));

  def('unpack', function (...a: unknown[]) {
    const t = checkTable(R, a[0], 1, 'unpack', a.length);
    const i = optInt(R, a[1], 2, 'unpack', 1, a.length);
    const j = a[2] === undefined ? t.length() : checkInt(R, a[2], 3, 'unpack', a.length);
    if (i > j) return NONE;
    const n = j - i + 1;
    if (n >= MAX_UNPACK || !Number.isFinite(n)) R.error('too many results to unpack');
    const out = new Array<unknown>(n);
    for (let k = 0; k < n; k++) out[k] = t.get(i + k);
    return out;
  });

  def('next', nextFn);
  def('pairs', function (...a: unknown[]) {
    const t = checkTable(R, a[0], 1, 'pairs', a.length);
    return [nextFn, t, undefined];
  });
  def('ipairs', function (...a: unknown[]) {
    const t = checkTable(R, a[0], 1, 'ipairs', a.length);
    return [inextFn, t, 0];
  });

  def('rawget', function (...a: unknown[]) {
    const t = checkTable(R, a[0], 1, 'rawget', a.length);
    checkAny(R, 2, 'rawget', a.length);
    return [t.get(a[1])];
  });
  def('rawset', function (...a: unknown[]) {
    const t = checkTable(R, a[0], 1, 'rawset', a.length);
    checkAny(R, 2, 'rawset', a.length);
    checkAny(R, 3, 'rawset', a.length);
    writable(R, t);
    H.rawsetChecked(t, a[1], a[2], R.at);
    return [t];
  });
  def('rawequal', function (...a: unknown[]) {
    checkAny(R, 1, 'rawequal', a.length);
    checkAny(R, 2, 'rawequal', a.length);
    return [a[0] === a[1]];
  });

  def('setmetatable', function (...a: unknown[]) {
    const t = checkTable(R, a[0], 1, 'setmetatable', a.length);
    const mt = a[1];
    if (mt !== undefined && !(mt instanceof LuaTable)) argError(R, 2, 'setmetatable', 'nil or table expected');
    if (t.mt !== undefined && t.mt.getStr('__metatable') !== undefined) R.error('cannot change a protected metatable');
    writable(R, t);
    t.mt = mt;
    return [t];
  });
  def('getmetatable', function (...a: unknown[]) {
    checkAny(R, 1, 'getmetatable', a.length);
    const mt = H.metaOf(a[0]);
    if (mt === undefined) return [undefined];
    const p = mt.getStr('__metatable');
    return [p !== undefined ? p : mt];
  });

  def('loadstring', function (...a: unknown[]) {
    const s = a[0];
    if (typeof s !== 'string' && typeof s !== 'number') typeErrorArg(R, 1, 'loadstring', 'string', s, a.length);
    const src = typeof s === 'number' ? numberToString(s) : s;
    const name = typeof a[1] === 'string' ? a[1] : src;
    return load(src, name);
  });
  def('load', function (...a: unknown[]) {
    const f = a[0];
    let src = '';
    if (typeof f === 'string') src = f;
    else {
      if (typeof f !== 'function') typeErrorArg(R, 1, 'load', 'function', f, a.length);
      for (;;) {
        const piece = engine.callValue(f, [])[0];
        if (piece === undefined || piece === '') break;
        if (typeof piece !== 'string') return [undefined, 'reader function must return a string'];
        src += piece;
      }
    }
    const name = typeof a[1] === 'string' ? a[1] : '=(load)';
    return load(src, name);
  });

  function load(src: string, name: string): unknown[] {
    if (src.startsWith('\x1bLua')) return [undefined, 'bytecode loading is disabled'];
    // inside a resumable run the new chunk must be able to pause too
    const r = engine.compile(src, name, R.inResumable ? { resumable: true } : {});
    if (typeof r === 'function') return [r];
    return [undefined, r.error];
  }

  def('print', function (...a: unknown[]) {
    engine.print(a.map((v) => luaToString(engine, v)).join('\t'));
    return NONE;
  });

  def('collectgarbage', function (...a: unknown[]) {
    const opt = a[0] ?? 'collect';
    if (opt === 'count') return [process.memoryUsage().heapUsed / 1024];
    if (opt === 'step') return [true];
    return [0];
  });
  def('gcinfo', () => [Math.floor(process.memoryUsage().heapUsed / 1024)]);
  def('getfenv', () => [G]);
}

/** strtoul-style parsing for tonumber(s, base); undefined when not entirely a number. */
function parseBase(s: string, base: number): number | undefined {
  const m = /^[ \t\n\v\f\r]*([-+]?)([0-9a-zA-Z]*)[ \t\n\v\f\r]*$/.exec(s);
  if (m === null) return undefined;
  let digits = m[2] as string;
  if (base === 16 && /^0[xX]/.test(digits)) digits = digits.slice(2);
  if (digits === '') return undefined;
  let v = 0;
  for (const c of digits.toLowerCase()) {
    const d = parseInt(c, 36);
    if (!(d < base)) return undefined;
    v = v * base + d;
  }
  if (v >= TWO64) v = TWO64;
  if (m[1] === '-') v = v === 0 ? 0 : TWO64 - v;
  return v;
}

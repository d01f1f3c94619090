// The Lua 5.1 string library: byte, char, find, format, gmatch, gsub, len, lower, match, rep, reverse, sub,
// upper (dump returns a bytecode header only: loadstring refuses bytecode anyway). Also installs the string metatable ({__index = string}) so that
// ("x"):upper() works. Patterns live in lpattern.ts, format in format.ts.
import type { LuaEngine } from '../engine.js';
import { type LuaFunction, LuaTable, NONE, numberToString, typeName, withGen } from '../value.js';
import { argError, checkInteger, checkString, optInteger, typeErrorArg } from './args.js';
import { stringFormat } from './format.js';
import { MatchState, firstLiteral, hasSpecials } from './lpattern.js';

function posrelat(pos: number, len: number): number {
  return pos < 0 ? len + pos + 1 : pos;
}

export function installString(engine: LuaEngine): void {
  const R = engine.runtime;
  const H = engine.helpers;
  const S = new LuaTable();
  const def = (name: string, f: LuaFunction): void => S.set(name, f);

  def('len', function (...a: unknown[]) {
    return [checkString(R, a[0], 1, 'len', a.length).length];
  });

  def('sub', function (s?: unknown, i?: unknown, j?: unknown) {
    const n = arguments.length;
    const str = typeof s === 'string' ? s : checkString(R, s, 1, 'sub', n);
    const l = str.length;
    let st = posrelat(i === undefined ? 1 : typeof i === 'number' ? Math.trunc(i) : checkInteger(R, i, 2, 'sub', n), l);
    let en = posrelat(j === undefined ? -1 : typeof j === 'number' ? Math.trunc(j) : checkInteger(R, j, 3, 'sub', n), l);
    if (st < 1) st = 1;
    if (en > l) en = l;
    return [st <= en ? str.slice(st - 1, en) : ''];
  });

  def('upper', function (...a: unknown[]) {
    const s = checkString(R, a[0], 1, 'upper', a.length);
    return [s.replace(/[a-z]+/g, (m) => m.toUpperCase())];
  });
  def('lower', function (...a: unknown[]) {
    const s = checkString(R, a[0], 1, 'lower', a.length);
    return [s.replace(/[A-Z]+/g, (m) => m.toLowerCase())];
  });

  def('rep', function (...a: unknown[]) {
    const s = checkString(R, a[0], 1, 'rep', a.length);
    const n = checkInteger(R, a[1], 2, 'rep', a.length);
    if (n <= 0 || s === '') return [''];
    if (s.length * n > 0x1fffffe8) R.error('not enough memory');
    return [s.repeat(n)];
  });

  def('reverse', function (...a: unknown[]) {
    const s = checkString(R, a[0], 1, 'reverse', a.length);
    let out = '';
    for (let i = s.length - 1; i >= 0; i--) out += s[i];
    return [out];
  });

  def('byte', function (...a: unknown[]) {
    const s = checkString(R, a[0], 1, 'byte', a.length);
    const l = s.length;
    let i = posrelat(optInteger(R, a[1], 2, 'byte', 1, a.length), l);
    const jd = a[2] === undefined ? i : checkInteger(R, a[2], 3, 'byte', a.length);
    let j = posrelat(jd, l);
    if (i <= 0) i = 1;
    if (j > l) j = l;
    if (i > j) return NONE;
    const n = j - i + 1;
    if (n >= 8000) R.error('string slice too long');
    const out = new Array<unknown>(n);
    for (let k = 0; k < n; k++) out[k] = s.charCodeAt(i - 1 + k);
    return out;
  });

  def('char', function (...a: unknown[]) {
    let out = '';
    for (let i = 0; i < a.length; i++) {
      const c = checkInteger(R, a[i], i + 1, 'char', a.length);
      if (c < 0 || c > 255) argError(R, i + 1, 'char', 'invalid value');
      out += String.fromCharCode(c);
    }
    return [out];
  });

  def('format', function (...a: unknown[]) {
    return [stringFormat(R, a)];
  });

  // Lua's dump gives bytecode; loadstring refuses bytecode (as Redis's does), so a marker is all it needs
  def('dump', function (...a: unknown[]) {
    if (typeof a[0] !== 'function') typeErrorArg(R, 1, 'dump', 'function', a[0], a.length);
    return ['\x1bLuaQ\x00\x01\x04\x08\x04\x08\x00'];
  });

  function findAux(a: unknown[], find: boolean): unknown[] {
    const fname = find ? 'find' : 'match';
    const s = checkString(R, a[0], 1, fname, a.length);
    const p = checkString(R, a[1], 2, fname, a.length);
    const ls = s.length;
    let init = posrelat(optInteger(R, a[2], 3, fname, 1, a.length), ls) - 1;
    if (init < 0) init = 0;
    else if (init > ls) init = ls;
    const plain = a[3];
    if (find && ((plain !== undefined && plain !== false) || !hasSpecials(p))) {
      const idx = s.indexOf(p, init);
      if (idx >= 0) return [idx + 1, idx + p.length];
      return [undefined];
    }
    const anchor = p.charCodeAt(0) === 94;
    const ms = new MatchState(R, s, p);
    const p0 = anchor ? 1 : 0;
    let s1 = init;
    const lit = anchor ? -1 : firstLiteral(p, p0);
    do {
      if (lit >= 0) {
        s1 = s.indexOf(String.fromCharCode(lit), s1);
        if (s1 < 0) break;
      }
      ms.level = 0;
      const e = ms.match(s1, p0);
      if (e !== -1) {
        if (find) return [s1 + 1, e, ...ms.captures(-1, -1, false)];
        return ms.captures(s1, e, true);
      }
      s1++;
    } while (s1 <= ls && !anchor);
    return [undefined];
  }

  def('find', function (...a: unknown[]) {
    return findAux(a, true);
  });
  def('match', function (...a: unknown[]) {
    return findAux(a, false);
  });

  def('gmatch', function (...a: unknown[]) {
    const s = checkString(R, a[0], 1, 'gmatch', a.length);
    const p = checkString(R, a[1], 2, 'gmatch', a.length);
    let pos = 0;
    const ms = new MatchState(R, s, p);
    const lit = firstLiteral(p, 0);
    const litCh = lit >= 0 ? String.fromCharCode(lit) : '';
    const it: LuaFunction = () => {
      for (let src = pos; src <= s.length; src++) {
        if (lit >= 0) {
          src = s.indexOf(litCh, src);
          if (src < 0) break;
        }
        ms.level = 0;
        const e = ms.match(src, 0);
        if (e !== -1) {
          pos = e === src ? e + 1 : e;
          return ms.captures(src, e, true);
        }
      }
      pos = s.length + 1;
      return [undefined];
    };
    return [it];
  });

  /**
   * gsub as one generator body: the plain form runs it with plain callbacks (it never yields then); the
   * generator form (resumable code) calls a function replacement or an __index through generators.
   */
  function* gsub(gen: boolean, a: unknown[]): Generator<unknown[], unknown[], unknown[]> {
    const src = checkString(R, a[0], 1, 'gsub', a.length);
    const p = checkString(R, a[1], 2, 'gsub', a.length);
    const repl = a[2];
    const tr = typeof repl;
    if (!(tr === 'number' || tr === 'string' || tr === 'function' || repl instanceof LuaTable)) {
      argError(R, 3, 'gsub', `string/function/table expected, got ${a.length < 3 ? 'no value' : typeName(repl)}`);
    }
    const maxS = optInteger(R, a[3], 4, 'gsub', src.length + 1, a.length);
    const anchor = p.charCodeAt(0) === 94;
    const p0 = anchor ? 1 : 0;
    const ms = new MatchState(R, src, p);
    const replStr = tr === 'number' ? numberToString(repl as number) : tr === 'string' ? (repl as string) : '';
    let s = 0;
    let n = 0;
    let out = '';
    while (n < maxS) {
      ms.level = 0;
      const e = ms.match(s, p0);
      if (e !== -1) {
        n++;
        if (tr === 'function') {
          const caps = ms.captures(s, e, true);
          R.at = '';
          out += replValue((gen ? yield* H.gcallB(repl, '', caps) : engine.callValue(repl, caps))[0], s, e);
        } else if (tr !== 'string' && tr !== 'number') {
          const cap = ms.capture(0, s, e);
          let v: unknown;
          if (gen) {
            v = H.rawIdx(repl, cap);
            if (v === H.MISS) v = yield* H.gindex(repl, cap, R.at);
          } else v = H.index(repl, cap, R.at);
          out += replValue(v, s, e);
        } else out += addValue(ms, s, e);
      }
      if (e !== -1 && e > s) s = e;
      else if (s < src.length) out += src[s++];
      else break;
      if (anchor) break;
    }
    out += src.slice(s);
    return [out, n];

    function addValue(m: MatchState, st: number, e: number): string {
      {
        if (!replStr.includes('%')) return replStr;
        let r = '';
        for (let i = 0; i < replStr.length; i++) {
          const c = replStr[i] as string;
          if (c !== '%') {
            r += c;
            continue;
          }
          i++;
          const d = replStr[i] ?? '';
          if (!/[0-9]/.test(d)) r += d;
          else if (d === '0') r += src.slice(st, e);
          else {
            const v = m.capture(d.charCodeAt(0) - 49, st, e);
            r += typeof v === 'number' ? numberToString(v) : (v as string);
          }
        }
        return r;
      }
    }

    function replValue(v: unknown, st: number, e: number): string {
      if (v === undefined || v === false) return src.slice(st, e);
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return numberToString(v);
      return R.error(`invalid replacement value (a ${typeName(v)})`);
    }
  }
  def(
    'gsub',
    withGen((...a: unknown[]) => gsub(false, a).next(NONE).value, (...a: unknown[]) => gsub(true, a)),
  );

  engine.globals.set('string', S);
  const meta = new LuaTable();
  meta.set('__index', S);
  R.stringMeta = meta;
  void typeErrorArg;
}

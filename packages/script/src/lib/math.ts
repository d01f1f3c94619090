// The Lua 5.1 math library (abs ... tanh, fmod/mod, modf, frexp/ldexp, huge, pi) with math.random and
// math.randomseed replaced as Redis does: a 48-bit lrand48 generator (same sequence on every platform),
// process-wide state starting from lrand48's default seed, reseeded only by math.randomseed.
import type { LuaEngine } from '../engine.js';
import { type LuaFunction, LuaTable } from '../value.js';
import { argError, checkInt, checkNumber } from './args.js';

// ---- lrand48 (state X = hi * 2^24 + lo, 48 bits) ----
let randHi = 0x1234ab;
let randLo = 0xcd330e;
const A_HI = 0x5de;
const A_LO = 0xece66d;
const TWO24 = 16777216;

export function lrand48(): number {
  const p = randLo * A_LO + 0xb;
  const lo = p % TWO24;
  const carry = Math.floor(p / TWO24);
  const hi = (randHi * A_LO + randLo * A_HI + carry) % TWO24;
  randHi = hi;
  randLo = lo;
  return hi * 128 + Math.floor(lo / 131072);
}

export function srand48(seed: number): void {
  const s = seed >>> 0;
  // X = seed << 16 | 0x330e
  randHi = Math.floor(s / 256);
  randLo = (s % 256) * 65536 + 0x330e;
}

const LRAND48_MAX = 2147483647;

export function installMath(engine: LuaEngine): void {
  const R = engine.runtime;
  const M = new LuaTable();
  const def = (name: string, f: LuaFunction): void => M.set(name, f);
  const one = (name: string, fn: (x: number) => number): void =>
    def(name, function (...a: unknown[]) {
      return [fn(checkNumber(R, a[0], 1, name, a.length))];
    });
  one('abs', Math.abs);
  one('ceil', Math.ceil);
  one('floor', Math.floor);
  one('sqrt', Math.sqrt);
  one('sin', Math.sin);
  one('cos', Math.cos);
  one('tan', Math.tan);
  one('asin', Math.asin);
  one('acos', Math.acos);
  one('atan', Math.atan);
  one('exp', Math.exp);
  one('log', Math.log);
  one('log10', Math.log10);
  one('sinh', Math.sinh);
  one('cosh', Math.cosh);
  one('tanh', Math.tanh);
  one('deg', (x) => x * (180 / Math.PI));
  one('rad', (x) => x * (Math.PI / 180));
  const two = (name: string, fn: (x: number, y: number) => number): void =>
    def(name, function (...a: unknown[]) {
      return [fn(checkNumber(R, a[0], 1, name, a.length), checkNumber(R, a[1], 2, name, a.length))];
    });
  two('atan2', Math.atan2);
  two('pow', (x, y) => {
    if (y !== y) return x === 1 ? 1 : NaN;
    if ((x === 1 || x === -1) && !Number.isFinite(y)) return 1;
    return Math.pow(x, y);
  });
  two('fmod', (x, y) => x % y);
  two('mod', (x, y) => x % y);
  two('ldexp', (m, e) => ldexp(m, Math.trunc(e)));
  def('modf', function (...a: unknown[]) {
    const x = checkNumber(R, a[0], 1, 'modf', a.length);
    if (!Number.isFinite(x)) return x !== x ? [x, x] : [x, 0];
    const ip = x >= 0 ? Math.floor(x) : Math.ceil(x);
    return [ip, x - ip];
  });
  def('frexp', function (...a: unknown[]) {
    const x = checkNumber(R, a[0], 1, 'frexp', a.length);
    if (x === 0 || !Number.isFinite(x)) return [x, 0];
    let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
    let m = x * Math.pow(2, -e);
    while (Math.abs(m) < 0.5) {
      m *= 2;
      e--;
    }
    while (Math.abs(m) >= 1) {
      m /= 2;
      e++;
    }
    return [m, e];
  });
  const minmax = (name: string, better: (x: number, y: number) => boolean): void =>
    def(name, function (...a: unknown[]) {
      let r = checkNumber(R, a[0], 1, name, a.length);
      for (let i = 1; i < a.length; i++) {
        const v = checkNumber(R, a[i], i + 1, name, a.length);
        if (better(v, r)) r = v;
      }
      return [r];
    });
  minmax('max', (x, y) => x > y);
  minmax('min', (x, y) => x < y);
  M.set('huge', Infinity);
  M.set('pi', Math.PI);

  def('random', function (...a: unknown[]) {
    const r = (lrand48() % LRAND48_MAX) / LRAND48_MAX;
    switch (a.length) {
      case 0:
        return [r];
      case 1: {
        const u = checkInt(R, a[0], 1, 'random', a.length);
        if (!(1 <= u)) argError(R, 1, 'random', 'interval is empty');
        return [Math.floor(r * u) + 1];
      }
      case 2: {
        const l = checkInt(R, a[0], 1, 'random', a.length);
        const u = checkInt(R, a[1], 2, 'random', a.length);
        if (!(l <= u)) argError(R, 2, 'random', 'interval is empty');
        return [Math.floor(r * (u - l + 1)) + l];
      }
      default:
        return R.error('wrong number of arguments');
    }
  });
  def('randomseed', function (...a: unknown[]) {
    srand48(checkInt(R, a[0], 1, 'randomseed', a.length));
    return [];
  });

  engine.globals.set('math', M);
}

function ldexp(m: number, e: number): number {
  if (e > 1023) {
    m *= Math.pow(2, 1023);
    e -= 1023;
    if (e > 1023) return m * Infinity;
  } else if (e < -1022) {
    m *= Math.pow(2, -1022);
    e += 1022;
    if (e < -1022) {
      m *= Math.pow(2, -1022);
      e += 1022;
    }
  }
  return m * Math.pow(2, e);
}

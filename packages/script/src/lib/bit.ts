// LuaBitOp (the `bit` library Redis ships): 32-bit operations on Lua numbers. Arguments are normalized like
// LuaBitOp's tobit (round to nearest, ties to even, then keep the low 32 bits as a signed integer).
import type { LuaEngine } from '../engine.js';
import { type LuaFunction, LuaTable } from '../value.js';
import { checkNumber } from './args.js';

export function tobit(x: number): number {
  if (!Number.isFinite(x)) return 0;
  let r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) r -= 1;
  return r | 0;
}

export function installBit(engine: LuaEngine): void {
  const R = engine.runtime;
  const B = new LuaTable();
  const arg = (a: unknown[], i: number, name: string): number => tobit(checkNumber(R, a[i], i + 1, name, a.length));
  const def = (name: string, f: LuaFunction): void => B.set(name, f);
  def('tobit', (...a: unknown[]) => arg(a, 0, 'tobit'));
  def('bnot', (...a: unknown[]) => ~arg(a, 0, 'bnot'));
  const fold = (name: string, op: (x: number, y: number) => number): void =>
    def(name, (...a: unknown[]) => {
      let r = arg(a, 0, name);
      for (let i = 1; i < a.length; i++) r = op(r, arg(a, i, name));
      return r;
    });
  fold('band', (x, y) => x & y);
  fold('bor', (x, y) => x | y);
  fold('bxor', (x, y) => x ^ y);
  def('lshift', (...a: unknown[]) => arg(a, 0, 'lshift') << (arg(a, 1, 'lshift') & 31));
  def('rshift', (...a: unknown[]) => (arg(a, 0, 'rshift') >>> (arg(a, 1, 'rshift') & 31)) | 0);
  def('arshift', (...a: unknown[]) => arg(a, 0, 'arshift') >> (arg(a, 1, 'arshift') & 31));
  def('rol', (...a: unknown[]) => {
    const x = arg(a, 0, 'rol');
    const n = arg(a, 1, 'rol') & 31;
    return ((x << n) | (x >>> (32 - n))) | 0;
  });
  def('ror', (...a: unknown[]) => {
    const x = arg(a, 0, 'ror');
    const n = arg(a, 1, 'ror') & 31;
    return ((x >>> n) | (x << (32 - n))) | 0;
  });
  def('bswap', (...a: unknown[]) => {
    const x = arg(a, 0, 'bswap');
    return ((x >>> 24) | ((x >> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24)) | 0;
  });
  def('tohex', (...a: unknown[]) => {
    const x = arg(a, 0, 'tohex');
    let n = a[1] === undefined ? 8 : arg(a, 1, 'tohex');
    let upper = false;
    if (n < 0) {
      n = -n;
      upper = true;
    }
    if (n > 8) n = 8;
    let s = (x >>> 0).toString(16).padStart(8, '0').slice(8 - n);
    if (upper) s = s.toUpperCase();
    return s;
  });
  engine.globals.set('bit', B);
}

// cmsgpack as Redis ships it (lua-cmsgpack 0.4): pack(...) -> MessagePack bytes (integers in the smallest
// encoding, floats as float32 when exact, tables as arrays when keyed 1..n, nesting capped at 16 -> nil),
// unpack / unpack_one / unpack_limit with lua-cmsgpack's error texts.
import type { LuaEngine } from '../engine.js';
import { LuaError, LuaTable } from '../value.js';
import { argError, checkInteger, checkString } from './args.js';

const MAX_NESTING = 16;
const f32 = new Float32Array(1);

function be(n: number, bytes: number): string {
  let s = '';
  for (let i = bytes - 1; i >= 0; i--) s += String.fromCharCode(Number((BigInt(n) >> BigInt(i * 8)) & 0xffn));
  return s;
}

function encodeNumber(x: number): string {
  if (Number.isInteger(x) && x >= -(2 ** 63) && x < 2 ** 64) {
    if (x >= 0) {
      if (x <= 127) return String.fromCharCode(x);
      if (x <= 0xff) return '\xcc' + be(x, 1);
      if (x <= 0xffff) return '\xcd' + be(x, 2);
      if (x <= 0xffffffff) return '\xce' + be(x, 4);
      return '\xcf' + be(x, 8);
    }
    if (x >= -32) return String.fromCharCode(x & 0xff);
    if (x >= -128) return '\xd0' + String.fromCharCode(x & 0xff);
    if (x >= -32768) return '\xd1' + be(x & 0xffff, 2);
    if (x >= -2147483648) return '\xd2' + be(x >>> 0, 4);
    return '\xd3' + be(Number(BigInt.asUintN(64, BigInt(x))), 8);
  }
  f32[0] = x;
  if (f32[0] === x || (x !== x)) {
    const b = Buffer.alloc(4);
    b.writeFloatBE(x);
    return '\xca' + b.toString('latin1');
  }
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return '\xcb' + b.toString('latin1');
}

function isArray(t: LuaTable): number {
  let count = 0;
  let max = 0;
  let k: unknown = undefined;
  for (;;) {
    const e = t.next(k);
    if (e === undefined) break;
    k = e[0];
    if (typeof k !== 'number' || !Number.isInteger(k) || k <= 0) return -1;
    count++;
    if (k > max) max = k;
  }
  return max === count ? max : -1;
}

function encode(v: unknown, level: number): string {
  switch (typeof v) {
    case 'string': {
      const n = v.length;
      if (n < 32) return String.fromCharCode(0xa0 | n) + v;
      if (n <= 0xff) return '\xd9' + be(n, 1) + v;
      if (n <= 0xffff) return '\xda' + be(n, 2) + v;
      return '\xdb' + be(n, 4) + v;
    }
    case 'boolean':
      return v ? '\xc3' : '\xc2';
    case 'number':
      return encodeNumber(v);
    default:
      break;
  }
  if (!(v instanceof LuaTable) || level >= MAX_NESTING) return '\xc0';
  const n = isArray(v);
  let out: string;
  if (n >= 0) {
    out = n < 16 ? String.fromCharCode(0x90 | n) : n <= 0xffff ? '\xdc' + be(n, 2) : '\xdd' + be(n, 4);
    for (let i = 1; i <= n; i++) out += encode(v.get(i), level + 1);
    return out;
  }
  const parts: string[] = [];
  let count = 0;
  let k: unknown = undefined;
  for (;;) {
    const e = v.next(k);
    if (e === undefined) break;
    k = e[0];
    parts.push(encode(e[0], level + 1), encode(e[1], level + 1));
    count++;
  }
  out = count < 16 ? String.fromCharCode(0x80 | count) : count <= 0xffff ? '\xde' + be(count, 2) : '\xdf' + be(count, 4);
  return out + parts.join('');
}

class Decoder {
  p = 0;
  constructor(readonly s: string) {}
  need(n: number): void {
    if (this.p + n > this.s.length) throw new Error('short');
  }
  uint(n: number): number {
    this.need(n);
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.s.charCodeAt(this.p++);
    return v;
  }
  int(n: number): number {
    this.need(n);
    let v = 0n;
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(this.s.charCodeAt(this.p++));
    return Number(BigInt.asIntN(n * 8, v));
  }
  bytes(n: number): string {
    this.need(n);
    const r = this.s.slice(this.p, this.p + n);
    this.p += n;
    return r;
  }
  float(n: number): number {
    const b = Buffer.from(this.bytes(n), 'latin1');
    return n === 4 ? b.readFloatBE() : b.readDoubleBE();
  }
  array(n: number): LuaTable {
    const t = new LuaTable();
    for (let i = 1; i <= n; i++) t.set(i, this.value());
    return t;
  }
  map(n: number): LuaTable {
    const t = new LuaTable();
    for (let i = 0; i < n; i++) {
      const k = this.value();
      const v = this.value();
      if (k !== undefined && !(typeof k === 'number' && k !== k)) t.set(k, v);
    }
    return t;
  }
  value(): unknown {
    this.need(1);
    const c = this.s.charCodeAt(this.p++);
    if (c <= 0x7f) return c;
    if (c >= 0xe0) return c - 256;
    if ((c & 0xe0) === 0xa0) return this.bytes(c & 0x1f);
    if ((c & 0xf0) === 0x90) return this.array(c & 0x0f);
    if ((c & 0xf0) === 0x80) return this.map(c & 0x0f);
    switch (c) {
      case 0xc0: return undefined;
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xc4: return this.bytes(this.uint(1));
      case 0xc5: return this.bytes(this.uint(2));
      case 0xc6: return this.bytes(this.uint(4));
      case 0xca: return this.float(4);
      case 0xcb: return this.float(8);
      case 0xcc: return this.uint(1);
      case 0xcd: return this.uint(2);
      case 0xce: return this.uint(4);
      case 0xcf: return this.uint(8);
      case 0xd0: return this.int(1);
      case 0xd1: return this.int(2);
      case 0xd2: return this.int(4);
      case 0xd3: return this.int(8);
      case 0xd9: return this.bytes(this.uint(1));
      case 0xda: return this.bytes(this.uint(2));
      case 0xdb: return this.bytes(this.uint(4));
      case 0xdc: return this.array(this.uint(2));
      case 0xdd: return this.array(this.uint(4));
      case 0xde: return this.map(this.uint(2));
      case 0xdf: return this.map(this.uint(4));
      default:
        throw new Error('bad');
    }
  }
}

export function installCmsgpack(engine: LuaEngine): void {
  const R = engine.runtime;
  const M = new LuaTable();

  function unpackFrom(s: string, offset: number, limit: number): unknown[] {
    const d = new Decoder(s);
    d.p = offset;
    const out: unknown[] = [];
    try {
      while (d.p < s.length && (limit === 0 || out.length < limit)) out.push(d.value());
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      if (e instanceof LuaError) throw e;
      if (e.message === 'short') R.error('Missing bytes in input.');
      R.error('Bad data format in input.');
    }
    if (limit === 0) return out;
    return [d.p >= s.length ? -1 : d.p, ...out];
  }

  M.set('pack', (...a: unknown[]) => {
    if (a.length === 0) argError(R, 0, 'pack', 'MessagePack pack needs input.');
    let out = '';
    for (const v of a) out += encode(v, 0);
    return out;
  });
  M.set('unpack', (...a: unknown[]) => unpackFrom(checkString(R, a[0], 1, 'unpack', a.length), 0, 0));
  M.set('unpack_one', (...a: unknown[]) => {
    const s = checkString(R, a[0], 1, 'unpack_one', a.length);
    const off = a[1] === undefined ? 0 : checkInteger(R, a[1], 2, 'unpack_one', a.length);
    if (off < 0) R.error('Offset must be 0 or greater');
    return unpackFrom(s, off, 1);
  });
  M.set('unpack_limit', (...a: unknown[]) => {
    const s = checkString(R, a[0], 1, 'unpack_limit', a.length);
    const limit = a[1] === undefined ? 0 : checkInteger(R, a[1], 2, 'unpack_limit', a.length);
    const off = a[2] === undefined ? 0 : checkInteger(R, a[2], 3, 'unpack_limit', a.length);
    if (off < 0) R.error('Offset must be 0 or greater');
    if (limit < 0) R.error('Limit must be 0 or greater');
    return unpackFrom(s, off, limit);
  });
  M.set('_NAME', 'cmsgpack');
  M.set('_VERSION', 'lua-cmsgpack 0.4.0');
  engine.globals.set('cmsgpack', M);
}

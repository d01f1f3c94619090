// The `struct` library Redis ships (Roberto Ierusalimschy's struct): pack, unpack and size with the format
// options > < = ! x b B h H l L T i[n] I[n] f d s c[n], alignment, and its error texts. Native order is
// little endian, long and size_t are 8 bytes, int 4.
import type { LuaEngine } from '../engine.js';
import type { Runtime } from '../runtime.js';
import { LuaTable } from '../value.js';
import { argError, checkInteger, checkNumber, checkString } from './args.js';

const MAXINTSIZE = 32;
const MAXALIGN = 8;

interface Header {
  little: boolean;
  align: number;
}

class Fmt {
  i = 0;
  constructor(
    readonly R: Runtime,
    readonly s: string,
  ) {}
  num(def: number): number {
    const s = this.s;
    if (!/[0-9]/.test(s[this.i] ?? '')) return def;
    let a = 0;
    while (/[0-9]/.test(s[this.i] ?? '')) {
      a = a * 10 + (s.charCodeAt(this.i++) - 48);
      if (a > 2147483647) this.R.error('integral size overflow');
    }
    return a;
  }
  optsize(opt: string): number {
    switch (opt) {
      case 'B': case 'b': return 1;
      case 'H': case 'h': return 2;
      case 'L': case 'l': case 'T': return 8;
      case 'f': return 4;
      case 'd': return 8;
      case 'x': return 1;
      case 'c': return this.num(1);
      case 'i': case 'I': {
        const sz = this.num(4);
        if (sz > MAXINTSIZE) this.R.error(`integral size ${sz} is larger than limit of ${MAXINTSIZE}`);
        return sz;
      }
      default:
        return 0;
    }
  }
}

function toAlign(len: number, h: Header, opt: string, size: number): number {
  if (size === 0 || opt === 'c') return 0;
  if (size > h.align) size = h.align;
  return (size - (len & (size - 1))) & (size - 1);
}

function control(R: Runtime, f: Fmt, opt: string, h: Header): void {
  switch (opt) {
    case ' ':
      return;
    case '>':
      h.little = false;
      return;
    case '<':
    case '=':
      h.little = true;
      return;
    case '!': {
      const a = f.num(MAXALIGN);
      if ((a & (a - 1)) !== 0) R.error(`alignment ${a} is not a power of 2`);
      h.align = a;
      return;
    }
    default:
      argError(R, 1, 'pack', `invalid format option '${opt}'`);
  }
}

function intBytes(n: number, size: number, little: boolean): string {
  let v: bigint;
  const t = Number.isFinite(n) ? Math.trunc(n) : 0;
  v = BigInt.asUintN(64, BigInt(t < -(2 ** 63) ? -(2 ** 63) : t >= 2 ** 64 ? 0 : t));
  const bytes: number[] = [];
  for (let i = 0; i < size; i++) {
    bytes.push(Number(v & 0xffn));
    v >>= 8n;
  }
  if (!little) bytes.reverse();
  return String.fromCharCode(...bytes);
}

function floatBytes(n: number, size: number, little: boolean): string {
  const buf = Buffer.alloc(size);
  if (size === 4) {
    if (little) buf.writeFloatLE(n);
    else buf.writeFloatBE(n);
  } else if (little) buf.writeDoubleLE(n);
  else buf.writeDoubleBE(n);
  return buf.toString('latin1');
}

export function installStruct(engine: LuaEngine): void {
  const R = engine.runtime;
  const S = new LuaTable();

  S.set('pack', (...a: unknown[]) => {
    const f = new Fmt(R, checkString(R, a[0], 1, 'pack', a.length));
    const h: Header = { little: true, align: 1 };
    let arg = 1;
    let out = '';
    while (f.i < f.s.length) {
      const opt = f.s[f.i++] as string;
      let size = f.optsize(opt);
      const pad = toAlign(out.length, h, opt, size);
      out += '\0'.repeat(pad);
      switch (opt) {
        case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I':
          out += intBytes(checkNumber(R, a[arg], arg + 1, 'pack', a.length), size, h.little);
          arg++;
          break;
        case 'x':
          out += '\0';
          break;
        case 'f':
        case 'd':
          out += floatBytes(checkNumber(R, a[arg], arg + 1, 'pack', a.length), size, h.little);
          arg++;
          break;
        case 'c':
        case 's': {
          const s = checkString(R, a[arg], arg + 1, 'pack', a.length);
          arg++;
          if (size === 0) size = s.length;
          if (s.length < size) argError(R, arg, 'pack', 'string too short');
          out += s.slice(0, size);
          if (opt === 's') out += '\0';
          break;
        }
        default:
          control(R, f, opt, h);
      }
    }
    return out;
  });

  S.set('unpack', (...a: unknown[]) => {
    const f = new Fmt(R, checkString(R, a[0], 1, 'unpack', a.length));
    const data = checkString(R, a[1], 2, 'unpack', a.length);
    let pos = a[2] === undefined ? 1 : checkInteger(R, a[2], 3, 'unpack', a.length);
    if (!(pos > 0)) argError(R, 3, 'unpack', 'offset must be 1 or greater');
    pos--;
    const h: Header = { little: true, align: 1 };
    const out: unknown[] = [];
    const ld = data.length;
    while (f.i < f.s.length) {
      const opt = f.s[f.i++] as string;
      let size = f.optsize(opt);
      pos += toAlign(pos, h, opt, size);
      if (!(size <= ld && pos <= ld - size)) argError(R, 2, 'unpack', 'data string too short');
      switch (opt) {
        case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I': {
          let v = 0n;
          for (let k = 0; k < size; k++) {
            const byte = data.charCodeAt(h.little ? pos + size - 1 - k : pos + k);
            v = (v << 8n) | BigInt(byte);
          }
          if (opt === opt.toLowerCase() && size > 0) v = BigInt.asIntN(Math.min(size * 8, 64), v);
          else if (size > 8) v = BigInt.asUintN(64, v);
          out.push(Number(v));
          break;
        }
        case 'x':
          break;
        case 'f':
        case 'd': {
          const buf = Buffer.from(data.slice(pos, pos + size), 'latin1');
          out.push(size === 4 ? (h.little ? buf.readFloatLE() : buf.readFloatBE()) : h.little ? buf.readDoubleLE() : buf.readDoubleBE());
          break;
        }
        case 'c': {
          if (size === 0) {
            const prev = out[out.length - 1];
            if (out.length === 0 || typeof prev !== 'number') R.error("format 'c0' needs a previous size");
            size = prev as number;
            out.pop();
            if (!(size <= ld && pos <= ld - size)) argError(R, 2, 'unpack', 'data string too short');
          }
          out.push(data.slice(pos, pos + size));
          break;
        }
        case 's': {
          const e = data.indexOf('\0', pos);
          if (e < 0) R.error('unfinished string in data');
          size = e - pos + 1;
          out.push(data.slice(pos, e));
          break;
        }
        default:
          control(R, f, opt, h);
      }
      pos += size;
    }
    out.push(pos + 1);
    return out;
  });

  S.set('size', (...a: unknown[]) => {
    const f = new Fmt(R, checkString(R, a[0], 1, 'size', a.length));
    const h: Header = { little: true, align: 1 };
    let pos = 0;
    while (f.i < f.s.length) {
      const opt = f.s[f.i++] as string;
      const size = f.optsize(opt);
      pos += toAlign(pos, h, opt, size);
      if (opt === 's') argError(R, 1, 'size', 'options variable-length');
      else if (opt === 'c' && size === 0) argError(R, 1, 'size', 'options variable-length');
      if (!'bBhHlLTiIfdxc'.includes(opt)) control(R, f, opt, h);
      pos += size;
    }
    return pos;
  });
  engine.globals.set('struct', S);
}

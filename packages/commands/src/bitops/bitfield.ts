// BITFIELD key [GET type offset] [SET type offset value] [INCRBY type offset increment] [OVERFLOW WRAP|SAT|FAIL]...
// Signed (i1..i64) and unsigned (u1..u63) integers at any bit offset (`#N` = N * width), big-endian bit order as
// SETBIT. 64-bit arithmetic and overflow detection follow Redis's C code exactly (BigInt with int64 wrapping).
// bitfieldGeneric also serves BITFIELD_RO (GET only).
import { Encoding, ObjType } from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import type { CommandHandler } from '../types.js';
import { Err } from '../errors.js';
import { keyChanged, lookupRead, lookupWrite } from '../util/lookup.js';
import { parseInt64 } from '../util/number.js';
import { checkBitmapSize, parseBitOffset, storeBitmap } from './bitops-generic.js';

const OP_GET = 0;
const OP_SET = 1;
const OP_INCRBY = 2;
const OW_WRAP = 0;
const OW_SAT = 1;
const OW_FAIL = 2;

const TYPE_ERR = 'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.';

interface BitfieldOp {
  op: number;
  offset: number;
  value: bigint;
  overflow: number;
  bits: number;
  signed: boolean;
}

const i64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);

/** Reads `bits` bits (MSB first) starting at bit `offset` of `p` as an unsigned integer. */
function getUnsigned(p: Uint8Array, offset: number, bits: number): bigint {
  let byte = Math.floor(offset / 8);
  let bit = offset % 8;
  let hi = 0;
  let lo = 0;
  for (let j = 0; j < bits; j++) {
    const v = (p[byte]! >> (7 - bit)) & 1;
    hi = hi * 2 + (lo >>> 31);
    lo = ((lo << 1) | v) >>> 0;
    if (++bit === 8) {
      bit = 0;
      byte++;
    }
  }
  return hi === 0 ? BigInt(lo) : (BigInt(hi) << 32n) | BigInt(lo);
}

/** Writes the low `bits` bits of `value` (MSB first) at bit `offset` of `p`. */
function setUnsigned(p: Uint8Array, offset: number, bits: number, value: bigint): void {
  const v = u64(value);
  const lo = Number(v & 0xffffffffn);
  const hi = Number(v >> 32n);
  let byte = Math.floor(offset / 8);
  let bit = offset % 8;
  for (let j = bits - 1; j >= 0; j--) {
    const b = j >= 32 ? (hi >>> (j - 32)) & 1 : (lo >>> j) & 1;
    const mask = 1 << (7 - bit);
    p[byte] = b ? p[byte]! | mask : p[byte]! & ~mask;
    if (++bit === 8) {
      bit = 0;
      byte++;
    }
  }
}

function getValue(p: Uint8Array, offset: number, bits: number, signed: boolean): bigint {
  const u = getUnsigned(p, offset, bits);
  return signed ? BigInt.asIntN(bits, u) : u;
}

/** Redis's checkUnsignedBitfieldOverflow: [direction (0, 1, -1), value to store on WRAP/SAT]. */
function unsignedOverflow(value: bigint, incr: bigint, bits: number, ow: number): [number, bigint] {
  const max = (1n << BigInt(bits)) - 1n;
  const maxincr = i64(max - value);
  const minincr = i64(-value);
  const wrap = (): bigint => u64(value + incr) & max;
  if (value > max || (incr > 0n && incr > maxincr)) return [1, ow === OW_WRAP ? wrap() : max];
  if (incr < 0n && incr < minincr) return [-1, ow === OW_WRAP ? wrap() : 0n];
  return [0, 0n];
}

/** Redis's checkSignedBitfieldOverflow, int64 wrap-arounds included. */
function signedOverflow(value: bigint, incr: bigint, bits: number, ow: number): [number, bigint] {
  const max = (1n << BigInt(bits - 1)) - 1n;
  const min = -max - 1n;
  const maxincr = i64(max - value);
  const minincr = i64(min - value);
  const wrap = (): bigint => BigInt.asIntN(bits, value + incr);
  if (value > max || (bits !== 64 && incr > maxincr) || (value >= 0n && incr > 0n && incr > maxincr)) {
    return [1, ow === OW_WRAP ? wrap() : max];
  }
  if (value < min || (bits !== 64 && incr < minincr) || (value < 0n && incr < 0n && incr < minincr)) {
    return [-1, ow === OW_WRAP ? wrap() : min];
  }
  return [0, 0n];
}

/** Parses `i<1..64>` / `u<1..63>`; replies the error and returns null when invalid. */
function parseType(c: Client, e: Engine, arg: string): { signed: boolean; bits: number } | null {
  const first = arg.charCodeAt(0);
  const nul = arg.indexOf('\0');
  const n = first === 105 || first === 117 ? parseInt64(arg.slice(1, nul < 0 ? undefined : nul)) : null;
  const signed = first === 105;
  if (n === null || n < 1n || n > (signed ? 64n : 63n)) {
    e.replyError(c, TYPE_ERR);
    return null;
  }
  return { signed, bits: Number(n) };
}

export function bitfieldGeneric(c: Client, e: Engine, readonlyCommand: boolean): void {
  const argv = c.argv;
  const key = argv[1]!;
  const ops: BitfieldOp[] = [];
  let overflow = OW_WRAP;
  let readonly = true;
  let highest = 0;
  for (let j = 2; j < argv.length; j++) {
    const rem = argv.length - j - 1;
    const sub = argv[j]!.toLowerCase();
    let op: number;
    if (sub === 'get' && rem >= 2) op = OP_GET;
    else if (sub === 'set' && rem >= 3) op = OP_SET;
    else if (sub === 'incrby' && rem >= 3) op = OP_INCRBY;
    else if (sub === 'overflow' && rem >= 1) {
      const t = argv[++j]!.toLowerCase();
      if (t === 'wrap') overflow = OW_WRAP;
      else if (t === 'sat') overflow = OW_SAT;
      else if (t === 'fail') overflow = OW_FAIL;
      else {
        e.replyError(c, 'ERR Invalid OVERFLOW type specified');
        return;
      }
      continue;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
    const type = parseType(c, e, argv[j + 1]!);
    if (type === null) return;
    const offset = parseBitOffset(c, e, argv[j + 2]!, type.bits);
    if (offset === null) return;
    let value = 0n;
    if (op !== OP_GET) {
      readonly = false;
      if (highest < offset + type.bits - 1) highest = offset + type.bits - 1;
      const v = parseInt64(argv[j + 3]!);
      if (v === null) {
        e.replyError(c, Err.NOT_INTEGER);
        return;
      }
      value = v;
    }
    ops.push({ op, offset, value, overflow, bits: type.bits, signed: type.signed });
    j += op === OP_GET ? 2 : 3;
  }

  let src = '';
  let buf: Buffer | null = null;
  let existed = false;
  let grown = false;
  if (readonly) {
    const o = lookupRead<string>(c, e, key, ObjType.STRING);
    if (o === null) return;
    if (o !== undefined) src = o.ptr;
  } else {
    if (readonlyCommand) {
      e.replyError(c, 'ERR BITFIELD_RO only supports the GET subcommand');
      return;
    }
    const o = lookupWrite<string>(c, e, key, ObjType.STRING);
    if (o === null) return;
    if (!checkBitmapSize(c, e, highest)) return;
    existed = o !== undefined;
    if (o !== undefined) o.encoding = Encoding.RAW; // as Redis's dbUnshareStringValue
    const cur = o === undefined ? '' : o.ptr;
    const need = Math.floor(highest / 8) + 1;
    grown = need > cur.length;
    buf = Buffer.alloc(Math.max(need, cur.length));
    buf.write(cur, 0, 'latin1');
  }
  const dirty = !existed || grown;

  c.reply.arrayHeader(ops.length);
  let changes = 0;
  const tmp = new Uint8Array(9);
  for (const op of ops) {
    if (op.op === OP_GET) {
      const byte = Math.floor(op.offset / 8);
      tmp.fill(0);
      if (buf !== null) {
        for (let i = 0; i < 9 && byte + i < buf.length; i++) tmp[i] = buf[byte + i]!;
      } else {
        for (let i = 0; i < 9 && byte + i < src.length; i++) tmp[i] = src.charCodeAt(byte + i);
      }
      c.reply.integer(getValue(tmp, op.offset - byte * 8, op.bits, op.signed));
      continue;
    }
    const p = buf!;
    const oldval = getValue(p, op.offset, op.bits, op.signed);
    let newval: bigint;
    let ret: bigint;
    let ov: number;
    if (op.signed) {
      if (op.op === OP_INCRBY) {
        const [dir, limit] = signedOverflow(oldval, op.value, op.bits, op.overflow);
        ov = dir;
        newval = dir ? limit : oldval + op.value;
        ret = newval;
      } else {
        const [dir, limit] = signedOverflow(op.value, 0n, op.bits, op.overflow);
        ov = dir;
        newval = dir ? limit : op.value;
        ret = oldval;
      }
    } else {
      if (op.op === OP_INCRBY) {
        const [dir, limit] = unsignedOverflow(oldval, op.value, op.bits, op.overflow);
        ov = dir;
        newval = dir ? limit : u64(oldval + op.value);
        ret = newval;
      } else {
        const [dir, limit] = unsignedOverflow(u64(op.value), 0n, op.bits, op.overflow);
        ov = dir;
        newval = dir ? limit : u64(op.value);
        ret = oldval;
      }
    }
    if (ov !== 0 && op.overflow === OW_FAIL) {
      c.reply.null();
      continue;
    }
    c.reply.integer(i64(ret));
    setUnsigned(p, op.offset, op.bits, newval);
    if (dirty || oldval !== newval) changes++;
  }

  if (buf !== null && (dirty || changes > 0)) storeBitmap(c, key, buf.toString('latin1'), existed);
  if (changes > 0) keyChanged(c, e, key, '$', 'setbit', changes);
}

export const bitfieldCommand: CommandHandler = (c, e) => {
  bitfieldGeneric(c, e, false);
};

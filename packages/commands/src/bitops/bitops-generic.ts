// Shared machinery of the bitmap family (SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD): bit offset parsing with
// Redis's bounds (proto-max-bulk-len), the popcount table, first-set/clear-bit search, the start/end range rules of
// BITCOUNT/BITPOS, and storing a modified bitmap back as a raw string. Bitmaps are latin1 strings, one char a byte,
// bit 0 being the most significant bit of the first byte.
import { constants as bufferConstants } from 'node:buffer';
import { createObject, Encoding, ObjType } from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { parseInt64 } from '../util/number.js';

/** Number of set bits in each byte value. */
export const BITS_IN_BYTE: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let i = 1; i < 256; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();

/** The longest string V8 can hold (slightly under 512 MiB): a bitmap can never grow past it. */
export const MAX_JS_STRING = bufferConstants.MAX_STRING_LENGTH;

/**
 * Redis's getBitOffsetFromArgument: a non-negative int64 whose byte index is below proto-max-bulk-len. With
 * `bits` > 0 the `#N` form is accepted and means N*bits (wrapping as int64 arithmetic does in C).
 * Replies the error and returns null when invalid.
 */
export function parseBitOffset(c: Client, e: Engine, arg: string, bits = 0): number | null {
  const useHash = bits > 0 && arg.charCodeAt(0) === 35; /* '#' */
  let v = parseInt64(useHash ? arg.slice(1) : arg);
  if (v !== null && useHash) v = BigInt.asIntN(64, v * BigInt(bits));
  if (v === null || v < 0n || v >> 3n >= BigInt(e.config.getNumber('proto-max-bulk-len'))) {
    e.replyError(c, Err.BIT_OFFSET);
    return null;
  }
  return Number(v);
}

/** Number of set bits in bytes [start, end] (inclusive) of `s`. */
export function popcount(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i <= end; i++) n += BITS_IN_BYTE[s.charCodeAt(i)]!;
  return n;
}

/**
 * Redis's redisBitpos over `count` bytes of `s` from `from`: position (relative to `from`, in bits) of the first bit
 * equal to `bit`. No set bit: -1. No clear bit: count*8 (the string is thought of as zero padded on the right).
 */
export function firstBit(s: string, from: number, count: number, bit: number): number {
  const skip = bit ? 0 : 0xff;
  const end = from + count;
  for (let i = from; i < end; i++) {
    const b = s.charCodeAt(i);
    if (b !== skip) return (i - from) * 8 + firstBitInByte(b, bit);
  }
  return bit ? -1 : count * 8;
}

/** Index (0 = MSB) of the first bit equal to `bit` in a byte known to contain one. */
export function firstBitInByte(b: number, bit: number): number {
  const x = bit ? b : ~b & 0xff;
  return Math.clz32(x) - 24;
}

/** A resolved BITCOUNT/BITPOS range: byte bounds plus the masks of bits outside the range in the edge bytes. */
export interface BitRange {
  start: number;
  end: number;
  firstMask: number;
  lastMask: number;
}

/**
 * Redis's start/end normalisation for BITCOUNT/BITPOS: negative indexes count from the end, clamped into the string;
 * in BIT mode the bounds become bytes plus edge masks (bits of the first/last byte that lie outside the range).
 * `start > end` in the result means an empty range. Bounds arrive as int64 bigints.
 */
export function resolveBitRange(strlen: number, startArg: bigint, endArg: bigint, isBit: boolean): BitRange {
  const totlen = BigInt(isBit ? strlen * 8 : strlen);
  let start = startArg;
  let end = endArg;
  if (start < 0n) start = totlen + start;
  if (end < 0n) end = totlen + end;
  if (start < 0n) start = 0n;
  if (end < 0n) end = 0n;
  if (end >= totlen) end = totlen - 1n;
  let s = Number(start > totlen ? totlen : start);
  let en = Number(end);
  let firstMask = 0;
  let lastMask = 0;
  if (isBit && s <= en) {
    firstMask = ~((1 << (8 - (s & 7))) - 1) & 0xff;
    lastMask = (1 << (7 - (en & 7))) - 1;
    s = Math.floor(s / 8);
    en = Math.floor(en / 8);
  }
  return { start: s, end: en, firstMask, lastMask };
}

/**
 * Store a bitmap value the way Redis leaves it after a bit command: a raw-encoded string. The TTL of an existing
 * key is kept; a new key gets none.
 */
export function storeBitmap(c: Client, key: string, value: string, existed: boolean): void {
  const o = createObject(ObjType.STRING, Encoding.RAW, value);
  if (existed) c.db.set(key, o, { keepTtl: true });
  else c.db.set(key, o);
}

/** Zero-pads `s` to at least `len` bytes (Redis's sdsgrowzero). */
export function growZero(s: string, len: number): string {
  return s.length >= len ? s : s + '\0'.repeat(len - s.length);
}

/**
 * Redis's lookupStringForBitCommand size check: the bitmap must be able to reach bit `maxBit`. Replies the
 * proto-max-bulk-len error (and returns false) when the string that would need cannot exist in this process.
 */
export function checkBitmapSize(c: Client, e: Engine, maxBit: number): boolean {
  if (Math.floor(maxBit / 8) + 1 > MAX_JS_STRING) {
    e.replyError(c, Err.STRING_TOO_LONG);
    return false;
  }
  return true;
}

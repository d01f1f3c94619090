// HyperLogLog with Redis's exact byte representation, so values move between Redwing and Redis with GET/SET:
// a 16-byte header ("HYLL", encoding byte, 3 unused bytes, 8-byte little-endian cached cardinality whose top bit
// marks it stale) followed by either 16384 packed 6-bit registers (dense, 12288 bytes, LSB first) or the sparse
// run-length opcodes ZERO (00xxxxxx), XZERO (01xxxxxx xxxxxxxx) and VAL (1vvvvvxx). Elements are hashed with
// MurmurHash64A (seed 0xadc83b19): the low 14 bits pick the register, the run of zeros above them (+1) is the value.
// The cardinality uses Ertl's improved estimator (sigma/tau) as Redis 7.0 does. 64-bit math is done on 32-bit halves.
// Also the command glue shared by PF*: typed lookup with Redis's HLL validation, storing a value back.
import { createObject, Encoding, ObjType } from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';

export const HLL_P = 14;
export const HLL_Q = 64 - HLL_P;
export const HLL_REGISTERS = 1 << HLL_P;
export const HLL_BITS = 6;
export const HLL_REGISTER_MAX = (1 << HLL_BITS) - 1;
export const HLL_HDR_SIZE = 16;
export const HLL_DENSE_SIZE = HLL_HDR_SIZE + Math.floor((HLL_REGISTERS * HLL_BITS + 7) / 8);
export const HLL_DENSE = 0;
export const HLL_SPARSE = 1;
export const HLL_MAX_ENCODING = 1;

const SPARSE_VAL_MAX_VALUE = 32;
const SPARSE_VAL_MAX_LEN = 4;
const SPARSE_ZERO_MAX_LEN = 64;
const SPARSE_XZERO_MAX_LEN = 16384;
const ALPHA_INF = 0.7213475204444817; // 0.5 / ln(2), the double Redis uses

export const ERR_INVALID_HLL = 'INVALIDOBJ Corrupted HLL object detected';
export const ERR_NOT_HLL = 'WRONGTYPE Key is not a valid HyperLogLog string value.';

// ---------------------------------------------------------------- MurmurHash64A on (hi, lo) 32-bit halves

const M_HI = 0xc6a4a793 | 0;
const M_LO = 0x5bd1e995 | 0;
const SEED = 0xadc83b19 | 0;

/** Result of the 64-bit helpers: [hi, lo] as int32 bit patterns (a typed array avoids boxing doubles). */
const R = new Int32Array(2);

/** (ah:al) * (bh:bl) mod 2^64 into R, on 16-bit limbs so every partial sum stays below 2^32. */
function mul64(ah: number, al: number, bh: number, bl: number): void {
  const a48 = ah >>> 16;
  const a32 = ah & 0xffff;
  const a16 = al >>> 16;
  const a00 = al & 0xffff;
  const b48 = bh >>> 16;
  const b32 = bh & 0xffff;
  const b16 = bl >>> 16;
  const b00 = bl & 0xffff;
  let c00 = a00 * b00;
  let c16 = c00 >>> 16;
  c00 &= 0xffff;
  c16 += a16 * b00;
  let c32 = c16 >>> 16;
  c16 &= 0xffff;
  c16 += a00 * b16;
  c32 += c16 >>> 16;
  c16 &= 0xffff;
  c32 += a32 * b00;
  let c48 = c32 >>> 16;
  c32 &= 0xffff;
  c32 += a16 * b16;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c32 += a00 * b32;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c48 += a48 * b00 + a32 * b16 + a16 * b32 + a00 * b48;
  c48 &= 0xffff;
  R[1] = (c16 << 16) | c00;
  R[0] = (c48 << 16) | c32;
}

/** Mixes one 8-byte block k into h: k *= m; k ^= k >> 47; k *= m; h ^= k; h *= m. Result in R. */
function block(hHi: number, hLo: number, kHi: number, kLo: number): void {
  mul64(kHi, kLo, M_HI, M_LO);
  const k2Hi = R[0]!;
  const k2Lo = R[1]! ^ (k2Hi >>> 15);
  mul64(k2Hi, k2Lo, M_HI, M_LO);
  mul64(hHi ^ R[0]!, hLo ^ R[1]!, M_HI, M_LO);
}

/** h ^= h >> 47; h *= m; h ^= h >> 47. Result in R. */
function finish(hHi: number, hLo: number): void {
  mul64(hHi, hLo ^ (hHi >>> 15), M_HI, M_LO);
  R[1] = R[1]! ^ (R[0]! >>> 15);
}

/** MurmurHash64A of a latin1 string (one char a byte), as Redis computes it; result in R. */
export function murmurString(s: string, seed = SEED): void {
  const len = s.length;
  mul64(0, len, M_HI, M_LO);
  let hHi = R[0]!;
  let hLo = R[1]! ^ seed;
  const nblocks = len - (len & 7);
  let i = 0;
  for (; i < nblocks; i += 8) {
    const kLo = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 8) | (s.charCodeAt(i + 2) << 16) | (s.charCodeAt(i + 3) << 24);
    const kHi = s.charCodeAt(i + 4) | (s.charCodeAt(i + 5) << 8) | (s.charCodeAt(i + 6) << 16) | (s.charCodeAt(i + 7) << 24);
    block(hHi, hLo, kHi, kLo);
    hHi = R[0]!;
    hLo = R[1]!;
  }
  const rem = len & 7;
  if (rem > 0) {
    if (rem >= 7) hHi ^= s.charCodeAt(i + 6) << 16;
    if (rem >= 6) hHi ^= s.charCodeAt(i + 5) << 8;
    if (rem >= 5) hHi ^= s.charCodeAt(i + 4);
    if (rem >= 4) hLo ^= s.charCodeAt(i + 3) << 24;
    if (rem >= 3) hLo ^= s.charCodeAt(i + 2) << 16;
    if (rem >= 2) hLo ^= s.charCodeAt(i + 1) << 8;
    hLo ^= s.charCodeAt(i);
    mul64(hHi, hLo, M_HI, M_LO);
    hHi = R[0]!;
    hLo = R[1]!;
  }
  finish(hHi, hLo);
}

/** MurmurHash64A of the 8 little-endian bytes of the uint64 hi:lo (PFSELFTEST's elements); result in R. */
function murmurU64(hi: number, lo: number): void {
  mul64(0, 8, M_HI, M_LO);
  block(R[0]!, R[1]! ^ SEED, hi, lo);
  finish(R[0]!, R[1]!);
}

/** The 64-bit hash of a string as a bigint (for tests). */
export function murmurHash64A(s: string, seed = SEED): bigint {
  murmurString(s, seed | 0);
  return (BigInt(R[0]! >>> 0) << 32n) | BigInt(R[1]! >>> 0);
}

/** Register index of the last hashed element (set by patLen). */
let patIndex = 0;

/** From the hash in R: register index into patIndex; returns the length of the 00..1 pattern (1..Q+1). */
function patLen(): number {
  const hHi = R[0]!;
  const hLo = R[1]!;
  patIndex = hLo & (HLL_REGISTERS - 1);
  const lo = (hLo >>> HLL_P) | (hHi << (32 - HLL_P));
  if (lo !== 0) return 32 - Math.clz32(lo & -lo);
  const hi = (hHi >>> HLL_P) | (1 << (HLL_Q - 32));
  return 32 + 32 - Math.clz32(hi & -hi);
}

/** [register index, count] for an element (for tests and PFDEBUG-style checks). */
export function hllPatLen(ele: string): [number, number] {
  murmurString(ele);
  const n = patLen();
  return [patIndex, n];
}

// ---------------------------------------------------------------- the working value

/** A mutable HLL value: bytes [0, len) are the representation; b[len] is kept 0 (as the sds terminator). */
export interface Hll {
  b: Uint8Array;
  len: number;
}

export function hllFromString(s: string): Hll {
  const b = new Uint8Array(s.length + 8);
  Buffer.from(b.buffer, b.byteOffset, b.length).write(s, 0, 'latin1');
  return { b, len: s.length };
}

/** A read-only view of an HLL string (no room to grow: for counting and merging only). */
export function hllView(s: string): Hll {
  return { b: Buffer.from(s, 'latin1'), len: s.length };
}

export function hllToString(h: Hll): string {
  return Buffer.from(h.b.buffer, h.b.byteOffset, h.len).toString('latin1');
}

/** A new empty HLL: sparse, one XZERO opcode covering all 16384 registers. */
export function createHll(): Hll {
  const len = HLL_HDR_SIZE + Math.ceil(HLL_REGISTERS / SPARSE_XZERO_MAX_LEN) * 2;
  const b = new Uint8Array(len + 8);
  b.set([72, 89, 76, 76], 0); // "HYLL"
  b[4] = HLL_SPARSE;
  let p = HLL_HDR_SIZE;
  for (let left = HLL_REGISTERS; left > 0; ) {
    const n = Math.min(left, SPARSE_XZERO_MAX_LEN);
    setXzero(b, p, n);
    p += 2;
    left -= n;
  }
  return { b, len };
}

/** Redis's isHLLObjectOrReply checks on the string: header, magic, known encoding, exact dense size. */
export function isValidHllString(s: string): boolean {
  if (s.length < HLL_HDR_SIZE) return false;
  if (s.charCodeAt(0) !== 72 || s.charCodeAt(1) !== 89 || s.charCodeAt(2) !== 76 || s.charCodeAt(3) !== 76) return false;
  const enc = s.charCodeAt(4);
  if (enc > HLL_MAX_ENCODING) return false;
  return !(enc === HLL_DENSE && s.length !== HLL_DENSE_SIZE);
}

export function hllEncoding(h: Hll): number {
  return h.b[4]!;
}

export function invalidateCache(h: Hll): void {
  h.b[15] = h.b[15]! | 0x80;
}

/** The cached cardinality of a valid HLL string, or -1 when it is marked stale. */
export function cachedCard(s: string): number | bigint {
  if (s.charCodeAt(15) & 0x80) return -1;
  const lo = (s.charCodeAt(8) | (s.charCodeAt(9) << 8) | (s.charCodeAt(10) << 16) | (s.charCodeAt(11) << 24)) >>> 0;
  const hi = (s.charCodeAt(12) | (s.charCodeAt(13) << 8) | (s.charCodeAt(14) << 16) | (s.charCodeAt(15) << 24)) >>> 0;
  return hi < 0x200000 ? hi * 4294967296 + lo : (BigInt(hi) << 32n) | BigInt(lo);
}

/** `s` with its cached cardinality set to `card` (valid). */
export function withCachedCard(s: string, card: number): string {
  let bytes = '';
  let v = card;
  for (let i = 0; i < 8; i++) {
    bytes += String.fromCharCode(v % 256);
    v = Math.floor(v / 256);
  }
  return s.slice(0, 8) + bytes + s.slice(16);
}

function ensureRoom(h: Hll, extra: number): void {
  if (h.len + extra + 1 <= h.b.length) return;
  const nb = new Uint8Array(Math.max(h.b.length * 2, h.len + extra + 16));
  nb.set(h.b.subarray(0, h.len));
  h.b = nb;
}

// ---------------------------------------------------------------- dense registers

/** Register `reg` of the dense registers starting at byte `base` of `p`. */
export function denseGet(p: Uint8Array, base: number, reg: number): number {
  const bitpos = reg * HLL_BITS;
  const byte = base + (bitpos >>> 3);
  const fb = bitpos & 7;
  return ((p[byte]! >> fb) | ((p[byte + 1] ?? 0) << (8 - fb))) & HLL_REGISTER_MAX;
}

export function denseSetRegister(p: Uint8Array, base: number, reg: number, val: number): void {
  const bitpos = reg * HLL_BITS;
  const byte = base + (bitpos >>> 3);
  const fb = bitpos & 7;
  const fb8 = 8 - fb;
  p[byte] = (p[byte]! & ~(HLL_REGISTER_MAX << fb)) | (val << fb);
  if (byte + 1 < p.length) p[byte + 1] = (p[byte + 1]! & ~(HLL_REGISTER_MAX >> fb8)) | (val >> fb8);
}

/** Raises register `reg` to `count` if lower; 1 if changed. */
function denseSet(p: Uint8Array, reg: number, count: number): number {
  if (count > denseGet(p, HLL_HDR_SIZE, reg)) {
    denseSetRegister(p, HLL_HDR_SIZE, reg, count);
    return 1;
  }
  return 0;
}

// ---------------------------------------------------------------- sparse opcodes

const isZero = (op: number): boolean => (op & 0xc0) === 0;
const isXzero = (op: number): boolean => (op & 0xc0) === 0x40;
const zeroLen = (op: number): number => (op & 0x3f) + 1;
const xzeroLen = (op: number, next: number): number => (((op & 0x3f) << 8) | next) + 1;
const valValue = (op: number): number => ((op >> 2) & 0x1f) + 1;
const valLen = (op: number): number => (op & 3) + 1;
const valOp = (val: number, len: number): number => (((val - 1) << 2) | (len - 1)) | 0x80;

function setXzero(b: Uint8Array, p: number, len: number): void {
  const l = len - 1;
  b[p] = (l >> 8) | 0x40;
  b[p + 1] = l & 0xff;
}

/** Converts a sparse HLL to dense in place (the header, cached cardinality included, is kept). False if corrupt. */
export function sparseToDense(h: Hll): boolean {
  const src = h.b;
  if (src[4] === HLL_DENSE) return true;
  const d = new Uint8Array(HLL_DENSE_SIZE + 1);
  d.set(src.subarray(0, HLL_HDR_SIZE));
  d[4] = HLL_DENSE;
  let idx = 0;
  let p = HLL_HDR_SIZE;
  const end = h.len;
  while (p < end) {
    const op = src[p]!;
    if (isZero(op)) {
      idx += zeroLen(op);
      p++;
    } else if (isXzero(op)) {
      idx += xzeroLen(op, src[p + 1]!);
      p += 2;
    } else {
      let run = valLen(op);
      const val = valValue(op);
      if (run + idx > HLL_REGISTERS) break;
      while (run--) denseSetRegister(d, HLL_HDR_SIZE, idx++, val);
      p++;
    }
  }
  if (idx !== HLL_REGISTERS) return false;
  d[HLL_DENSE_SIZE] = 0;
  h.b = d;
  h.len = HLL_DENSE_SIZE;
  return true;
}

function promote(h: Hll, index: number, count: number): number {
  if (!sparseToDense(h)) return -1;
  denseSet(h.b, index, count);
  return 1;
}

/**
 * Raises register `index` of a sparse HLL to `count` if lower, editing the opcodes in place as Redis does (split
 * the covering opcode, then merge equal neighbouring VAL opcodes). Promotes to dense when the value does not fit a
 * VAL opcode or the representation would exceed `maxBytes`. Returns 1 (changed), 0 (unchanged), -1 (corrupt).
 */
export function sparseSet(h: Hll, index: number, count: number, maxBytes: number): number {
  if (count > SPARSE_VAL_MAX_VALUE) return promote(h, index, count);
  ensureRoom(h, 3);
  const b = h.b;
  let end = h.len;
  let p = HLL_HDR_SIZE;
  let first = 0;
  let prev = -1;
  let span = 0;
  while (p < end) {
    const op = b[p]!;
    let oplen = 1;
    if (isZero(op)) span = zeroLen(op);
    else if (op & 0x80) span = valLen(op);
    else {
      span = xzeroLen(op, b[p + 1]!);
      oplen = 2;
    }
    if (index <= first + span - 1) break;
    prev = p;
    p += oplen;
    first += span;
  }
  if (span === 0 || p >= end) return -1;

  const op = b[p]!;
  const xz = isXzero(op);
  let next = xz ? p + 2 : p + 1;
  if (next >= end) next = -1;
  const zero = isZero(op);
  const runlen = zero ? zeroLen(op) : xz ? xzeroLen(op, b[p + 1]!) : valLen(op);

  let simple = false;
  if (!zero && !xz) {
    if (valValue(op) >= count) return 0;
    if (runlen === 1) simple = true;
  } else if (zero && runlen === 1) {
    simple = true;
  }

  if (simple) {
    b[p] = valOp(count, 1);
  } else {
    const seq: number[] = [];
    const last = first + span - 1;
    const zeros = (len: number): void => {
      if (len > SPARSE_ZERO_MAX_LEN) {
        const l = len - 1;
        seq.push((l >> 8) | 0x40, l & 0xff);
      } else {
        seq.push(len - 1);
      }
    };
    if (zero || xz) {
      if (index !== first) zeros(index - first);
      seq.push(valOp(count, 1));
      if (index !== last) zeros(last - index);
    } else {
      const cur = valValue(op);
      if (index !== first) seq.push(valOp(cur, index - first));
      seq.push(valOp(count, 1));
      if (index !== last) seq.push(valOp(cur, last - index));
    }
    const delta = seq.length - (xz ? 2 : 1);
    if (delta > 0 && h.len + delta > maxBytes) return promote(h, index, count);
    if (delta !== 0 && next >= 0) b.copyWithin(next + delta, next, end);
    h.len += delta;
    b[h.len] = 0;
    for (let i = 0; i < seq.length; i++) b[p + i] = seq[i]!;
    end += delta;
  }

  // Merge adjacent VAL opcodes of the same value, scanning up to 5 opcodes from the previous one.
  p = prev >= 0 ? prev : HLL_HDR_SIZE;
  let scan = 5;
  while (p < end && scan-- > 0) {
    const o = b[p]!;
    if (isXzero(o)) {
      p += 2;
      continue;
    }
    if (isZero(o)) {
      p++;
      continue;
    }
    if (p + 1 < end && b[p + 1]! & 0x80) {
      const v1 = valValue(o);
      const o2 = b[p + 1]!;
      if (v1 === valValue(o2)) {
        const len = valLen(o) + valLen(o2);
        if (len <= SPARSE_VAL_MAX_LEN) {
          b[p + 1] = valOp(v1, len);
          b.copyWithin(p, p + 1, end);
          h.len--;
          end--;
          b[h.len] = 0;
          continue;
        }
      }
    }
    p++;
  }
  invalidateCache(h);
  return 1;
}

/** PFADD of one element: 1 if a register changed, 0 if not, -1 if the value is corrupt. */
export function hllAdd(h: Hll, ele: string, maxBytes: number): number {
  murmurString(ele);
  const count = patLen();
  return addHashed(h, patIndex, count, maxBytes);
}

function addHashed(h: Hll, index: number, count: number, maxBytes: number): number {
  const enc = h.b[4];
  if (enc === HLL_DENSE) return denseSet(h.b, index, count);
  if (enc === HLL_SPARSE) return sparseSet(h, index, count, maxBytes);
  return -1;
}

// ---------------------------------------------------------------- counting and merging

/** Register histogram of a valid HLL (64 slots); returns null when a sparse HLL does not cover exactly 16384. */
export function hllHistogram(h: Hll): Int32Array | null {
  const histo = new Int32Array(64);
  const b = h.b;
  if (b[4] === HLL_DENSE) {
    for (let reg = 0, p = HLL_HDR_SIZE; reg < HLL_REGISTERS; reg += 4, p += 3) {
      const b0 = b[p]!;
      const b1 = b[p + 1]!;
      const b2 = b[p + 2]!;
      histo[b0 & 63]!++;
      histo[((b0 >> 6) | (b1 << 2)) & 63]!++;
      histo[((b1 >> 4) | (b2 << 4)) & 63]!++;
      histo[b2 >> 2]!++;
    }
    return histo;
  }
  let idx = 0;
  let p = HLL_HDR_SIZE;
  while (p < h.len) {
    const op = b[p]!;
    if (isZero(op)) {
      const n = zeroLen(op);
      idx += n;
      histo[0]! += n;
      p++;
    } else if (isXzero(op)) {
      const n = xzeroLen(op, b[p + 1]!);
      idx += n;
      histo[0]! += n;
      p += 2;
    } else {
      const n = valLen(op);
      idx += n;
      histo[valValue(op)]! += n;
      p++;
    }
  }
  return idx === HLL_REGISTERS ? histo : null;
}

/** Histogram of a raw register array (one byte a register), as PFCOUNT over several keys uses. */
export function rawHistogram(regs: Uint8Array): Int32Array {
  const histo = new Int32Array(64);
  if (regs.byteOffset % 4 === 0) {
    // Words of four zero registers are common in small and medium sets: count them in one step.
    const words = new Uint32Array(regs.buffer, regs.byteOffset, HLL_REGISTERS / 4);
    for (let w = 0; w < words.length; w++) {
      if (words[w] === 0) {
        histo[0]! += 4;
        continue;
      }
      const i = w * 4;
      histo[regs[i]! & 63]!++;
      histo[regs[i + 1]! & 63]!++;
      histo[regs[i + 2]! & 63]!++;
      histo[regs[i + 3]! & 63]!++;
    }
    return histo;
  }
  for (let i = 0; i < HLL_REGISTERS; i++) histo[regs[i]! & 63]!++;
  return histo;
}

function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  let zPrime: number;
  do {
    x *= x;
    zPrime = z;
    z += x * y;
    y += y;
  } while (zPrime !== z);
  return z;
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  let zPrime: number;
  do {
    x = Math.sqrt(x);
    zPrime = z;
    y *= 0.5;
    const d = 1 - x;
    z -= d * d * y;
  } while (zPrime !== z);
  return z / 3;
}

/** Ertl's improved estimator over a register histogram (Redis 7.0's hllCount). */
export function estimate(histo: Int32Array): number {
  const m = HLL_REGISTERS;
  let z = m * tau((m - histo[HLL_Q + 1]!) / m);
  for (let j = HLL_Q; j >= 1; j--) {
    z += histo[j]!;
    z *= 0.5;
  }
  z += m * sigma(histo[0]! / m);
  return Math.round((ALPHA_INF * m * m) / z);
}

/** max[i] = MAX(max[i], register i of h). False if a sparse HLL is corrupt. */
export function hllMerge(max: Uint8Array, h: Hll): boolean {
  const b = h.b;
  if (b[4] === HLL_DENSE) {
    for (let i = 0, p = HLL_HDR_SIZE; i < HLL_REGISTERS; i += 4, p += 3) {
      const b0 = b[p]!;
      const b1 = b[p + 1]!;
      const b2 = b[p + 2]!;
      const r0 = b0 & 63;
      const r1 = ((b0 >> 6) | (b1 << 2)) & 63;
      const r2 = ((b1 >> 4) | (b2 << 4)) & 63;
      const r3 = b2 >> 2;
      if (r0 > max[i]!) max[i] = r0;
      if (r1 > max[i + 1]!) max[i + 1] = r1;
      if (r2 > max[i + 2]!) max[i + 2] = r2;
      if (r3 > max[i + 3]!) max[i + 3] = r3;
    }
    return true;
  }
  let i = 0;
  let p = HLL_HDR_SIZE;
  while (p < h.len) {
    const op = b[p]!;
    if (isZero(op)) {
      i += zeroLen(op);
      p++;
    } else if (isXzero(op)) {
      i += xzeroLen(op, b[p + 1]!);
      p += 2;
    } else {
      let run = valLen(op);
      const val = valValue(op);
      if (run + i > HLL_REGISTERS) break;
      while (run--) {
        if (val > max[i]!) max[i] = val;
        i++;
      }
      p++;
    }
  }
  return i === HLL_REGISTERS;
}

/** Writes merged registers into h (PFMERGE's destination step). */
export function hllSetRegisters(h: Hll, max: Uint8Array, maxBytes: number): void {
  for (let j = 0; j < HLL_REGISTERS; j++) {
    const v = max[j]!;
    if (v === 0) continue;
    const enc = h.b[4];
    if (enc === HLL_DENSE) denseSet(h.b, j, v);
    else if (enc === HLL_SPARSE) sparseSet(h, j, v, maxBytes);
  }
}

/** PFDEBUG DECODE's text: "z:N", "Z:N", "v:value,len" separated by spaces. */
export function decodeSparse(h: Hll): string {
  const out: string[] = [];
  const b = h.b;
  let p = HLL_HDR_SIZE;
  while (p < h.len) {
    const op = b[p]!;
    if (isZero(op)) {
      out.push(`z:${zeroLen(op)}`);
      p++;
    } else if (isXzero(op)) {
      out.push(`Z:${xzeroLen(op, b[p + 1]!)}`);
      p += 2;
    } else {
      out.push(`v:${valValue(op)},${valLen(op)}`);
      p++;
    }
  }
  return out.join(' ');
}

// ---------------------------------------------------------------- PFSELFTEST

/**
 * Redis's PFSELFTEST: dense register get/set round trips, then 10 million elements added to a dense and a sparse
 * HLL side by side, checking encodings, agreement and the error at each power of ten. Null on success.
 */
export function hllSelfTest(maxBytes: number): string | null {
  const dense = new Uint8Array(HLL_DENSE_SIZE + 1);
  const bytes = new Uint8Array(HLL_REGISTERS);
  for (let j = 0; j < 1000; j++) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const r = Math.floor(Math.random() * 64);
      bytes[i] = r;
      denseSetRegister(dense, HLL_HDR_SIZE, i, r);
    }
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const v = denseGet(dense, HLL_HDR_SIZE, i);
      if (v !== bytes[i]) return `TESTFAILED Register ${i} should be ${bytes[i]} but is ${v}`;
    }
  }
  dense.fill(0);
  dense[4] = HLL_DENSE;
  const dh: Hll = { b: dense, len: HLL_DENSE_SIZE };
  const sh = createHll();
  const relerr = 1.04 / Math.sqrt(HLL_REGISTERS);
  let checkpoint = 1;
  const seedHi = Math.floor(Math.random() * 4294967296) | 0;
  const seedLo = Math.floor(Math.random() * 4294967296) | 0;
  for (let j = 1; j <= 10000000; j++) {
    murmurU64(seedHi, j ^ seedLo);
    const count = patLen();
    const index = patIndex;
    denseSet(dense, index, count);
    addHashed(sh, index, count, maxBytes);
    if (j !== checkpoint) continue;
    if (j < maxBytes / 2 && sh.b[4] !== HLL_SPARSE) return 'TESTFAILED sparse encoding not used';
    const dc = estimate(hllHistogram(dh)!);
    const sHisto = hllHistogram(sh);
    if (sHisto === null || dc !== estimate(sHisto)) return 'TESTFAILED dense/sparse disagree';
    const abserr = Math.abs(checkpoint - dc);
    let maxerr = Math.ceil(relerr * 6 * checkpoint);
    if (j === 10) maxerr = 1;
    if (abserr > maxerr) return `TESTFAILED Too big error. card:${checkpoint} abserr:${abserr}`;
    checkpoint *= 10;
  }
  return null;
}

// ---------------------------------------------------------------- command glue

/**
 * Redis's lookup + isHLLObjectOrReply: the HLL string, undefined when the key is missing, or null when an error
 * (WRONGTYPE for other types, or "not a valid HyperLogLog string value") has been replied.
 */
export function lookupHll(c: Client, e: Engine, key: string, write = false): string | undefined | null {
  const o = write ? c.db.lookupWrite(key) : c.db.lookupRead(key);
  if (o === undefined) return undefined;
  if (o.type !== ObjType.STRING) {
    e.replyError(c, Err.WRONGTYPE);
    return null;
  }
  const s = o.ptr as string;
  if (o.encoding === Encoding.INT || !isValidHllString(s)) {
    e.replyError(c, ERR_NOT_HLL);
    return null;
  }
  if (write) o.encoding = Encoding.RAW; // a private object (lookupWrite): Redis unshares it into a raw string
  return s;
}

/** Stores an HLL value as Redis leaves it (a raw string), keeping the TTL of an existing key. */
export function storeHll(c: Client, key: string, value: string, existed: boolean): void {
  const o = createObject(ObjType.STRING, Encoding.RAW, value);
  if (existed) c.db.set(key, o, { keepTtl: true });
  else c.db.set(key, o);
}

export function sparseMaxBytes(e: Engine): number {
  return e.config.getNumber('hll-sparse-max-bytes');
}

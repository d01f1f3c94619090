// The compact containers found inside RDB values: listpack (write and read), and for older payloads ziplist and
// intset (read; intset also written). Elements are latin1 strings; integers are read back as decimal text, as
// Redis returns them. Readers throw RdbFormatError on anything malformed.
import { RdbFormatError } from './rdb-errors.js';

/** Redis's string2ll acceptance: canonical decimal int64 (no leading zeros or "+", "-0" refused). */
function toInt64(s: string): bigint | null {
  if (s.length === 0 || s.length > 20) return null;
  if (!/^(0|-?[1-9][0-9]*)$/.test(s)) return null;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
  return v;
}

function backlenSize(l: number): number {
  return l < 128 ? 1 : l < 16384 ? 2 : l < 2097152 ? 3 : l < 268435456 ? 4 : 5;
}

/** Builds a listpack (Redis 7 format) element by element. */
export class ListpackWriter {
  private parts: Buffer[] = [];
  private bytes = 0;
  private count = 0;

  push(s: string): void {
    const iv = toInt64(s);
    let enc: Buffer;
    if (iv !== null) {
      const v = iv;
      if (v >= 0n && v <= 127n) enc = Buffer.from([Number(v)]);
      else if (v >= -4096n && v <= 4095n) {
        const u = Number(v < 0n ? v + 8192n : v);
        enc = Buffer.from([0xc0 | (u >> 8), u & 0xff]);
      } else if (v >= -32768n && v <= 32767n) {
        enc = Buffer.alloc(3);
        enc[0] = 0xf1;
        enc.writeInt16LE(Number(v), 1);
      } else if (v >= -8388608n && v <= 8388607n) {
        enc = Buffer.alloc(4);
        enc[0] = 0xf2;
        enc.writeIntLE(Number(v), 1, 3);
      } else if (v >= -2147483648n && v <= 2147483647n) {
        enc = Buffer.alloc(5);
        enc[0] = 0xf3;
        enc.writeInt32LE(Number(v), 1);
      } else {
        enc = Buffer.alloc(9);
        enc[0] = 0xf4;
        enc.writeBigInt64LE(v, 1);
      }
    } else {
      const data = Buffer.from(s, 'latin1');
      const len = data.length;
      let hdr: Buffer;
      if (len < 64) hdr = Buffer.from([0x80 | len]);
      else if (len < 4096) hdr = Buffer.from([0xe0 | (len >> 8), len & 0xff]);
      else {
        hdr = Buffer.alloc(5);
        hdr[0] = 0xf0;
        hdr.writeUInt32LE(len, 1);
      }
      enc = Buffer.concat([hdr, data]);
    }
    const l = enc.length;
    const bl = Buffer.alloc(backlenSize(l));
    // backlen: the entry length in 7-bit groups, most significant first; every byte but the first carries bit 128
    // (read backwards from the next entry, the low group comes first)
    let rest = l;
    for (let i = bl.length - 1; i >= 0; i--) {
      bl[i] = (rest & 127) | (i === 0 ? 0 : 128);
      rest = Math.floor(rest / 128);
    }
    this.parts.push(enc, bl);
    this.bytes += enc.length + bl.length;
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  finish(): Buffer {
    const total = 6 + this.bytes + 1;
    const head = Buffer.alloc(6);
    head.writeUInt32LE(total, 0);
    head.writeUInt16LE(this.count < 65535 ? this.count : 65535, 4);
    return Buffer.concat([head, ...this.parts, Buffer.from([0xff])]);
  }
}

/** All elements of a listpack, in order. */
export function readListpack(lp: Buffer): string[] {
  if (lp.length < 7) throw new RdbFormatError('listpack too short');
  const total = lp.readUInt32LE(0);
  if (total !== lp.length || lp[lp.length - 1] !== 0xff) throw new RdbFormatError('listpack size');
  const declared = lp.readUInt16LE(4);
  const out: string[] = [];
  let p = 6;
  const end = lp.length - 1;
  while (p < end) {
    const b = lp[p]!;
    const start = p;
    let val: string;
    if ((b & 0x80) === 0) {
      val = String(b);
      p += 1;
    } else if ((b & 0xc0) === 0x80) {
      const len = b & 0x3f;
      val = lp.toString('latin1', p + 1, p + 1 + len);
      p += 1 + len;
    } else if ((b & 0xe0) === 0xc0) {
      if (p + 1 >= end) throw new RdbFormatError('listpack int13');
      let u = ((b & 0x1f) << 8) | lp[p + 1]!;
      if (u >= 4096) u -= 8192;
      val = String(u);
      p += 2;
    } else if ((b & 0xf0) === 0xe0) {
      if (p + 1 >= end) throw new RdbFormatError('listpack str12');
      const len = ((b & 0x0f) << 8) | lp[p + 1]!;
      val = lp.toString('latin1', p + 2, p + 2 + len);
      p += 2 + len;
    } else if (b === 0xf0) {
      if (p + 5 > end) throw new RdbFormatError('listpack str32');
      const len = lp.readUInt32LE(p + 1);
      val = lp.toString('latin1', p + 5, p + 5 + len);
      p += 5 + len;
    } else if (b === 0xf1) {
      if (p + 3 > end) throw new RdbFormatError('listpack int16');
      val = String(lp.readInt16LE(p + 1));
      p += 3;
    } else if (b === 0xf2) {
      if (p + 4 > end) throw new RdbFormatError('listpack int24');
      val = String(lp.readIntLE(p + 1, 3));
      p += 4;
    } else if (b === 0xf3) {
      if (p + 5 > end) throw new RdbFormatError('listpack int32');
      val = String(lp.readInt32LE(p + 1));
      p += 5;
    } else if (b === 0xf4) {
      if (p + 9 > end) throw new RdbFormatError('listpack int64');
      val = lp.readBigInt64LE(p + 1).toString();
      p += 9;
    } else throw new RdbFormatError('listpack encoding');
    if (p > end) throw new RdbFormatError('listpack entry overflow');
    p += backlenSize(p - start);
    if (p > end) throw new RdbFormatError('listpack backlen overflow');
    out.push(val);
  }
  if (declared !== 65535 && declared !== out.length) throw new RdbFormatError('listpack count');
  return out;
}

/** All elements of a ziplist (the pre-7.0 container), in order. */
export function readZiplist(zl: Buffer): string[] {
  if (zl.length < 11) throw new RdbFormatError('ziplist too short');
  if (zl.readUInt32LE(0) !== zl.length || zl[zl.length - 1] !== 0xff) throw new RdbFormatError('ziplist size');
  const out: string[] = [];
  let p = 10;
  const end = zl.length - 1;
  while (p < end) {
    p += zl[p] === 0xfe ? 5 : 1; // prevlen
    if (p >= end) throw new RdbFormatError('ziplist prevlen');
    const b = zl[p]!;
    const hi = b >> 6;
    if (hi === 0) {
      const len = b & 0x3f;
      out.push(zl.toString('latin1', p + 1, p + 1 + len));
      p += 1 + len;
    } else if (hi === 1) {
      const len = ((b & 0x3f) << 8) | zl[p + 1]!;
      out.push(zl.toString('latin1', p + 2, p + 2 + len));
      p += 2 + len;
    } else if (b === 0x80) {
      const len = zl.readUInt32BE(p + 1);
      out.push(zl.toString('latin1', p + 5, p + 5 + len));
      p += 5 + len;
    } else if (b === 0xc0) {
      out.push(String(zl.readInt16LE(p + 1)));
      p += 3;
    } else if (b === 0xd0) {
      out.push(String(zl.readInt32LE(p + 1)));
      p += 5;
    } else if (b === 0xe0) {
      out.push(zl.readBigInt64LE(p + 1).toString());
      p += 9;
    } else if (b === 0xf0) {
      out.push(String(zl.readIntLE(p + 1, 3)));
      p += 4;
    } else if (b === 0xfe) {
      out.push(String(zl.readInt8(p + 1)));
      p += 2;
    } else if (b >= 0xf1 && b <= 0xfd) {
      out.push(String((b & 0x0f) - 1));
      p += 1;
    } else throw new RdbFormatError('ziplist encoding');
    if (p > end) throw new RdbFormatError('ziplist entry overflow');
  }
  return out;
}

/** Members of an intset, in its (ascending) order. */
export function readIntset(is: Buffer): string[] {
  if (is.length < 8) throw new RdbFormatError('intset too short');
  const width = is.readUInt32LE(0);
  const n = is.readUInt32LE(4);
  if ((width !== 2 && width !== 4 && width !== 8) || 8 + width * n !== is.length) throw new RdbFormatError('intset size');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = 8 + i * width;
    out.push(width === 2 ? String(is.readInt16LE(at)) : width === 4 ? String(is.readInt32LE(at)) : is.readBigInt64LE(at).toString());
  }
  return out;
}

/** An intset of canonical int64 members (any order), with the narrowest width that holds them. */
export function writeIntset(members: readonly string[]): Buffer {
  const vals = members.map((m) => BigInt(m)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let width = 2;
  for (const v of vals) {
    if (v < -2147483648n || v > 2147483647n) width = 8;
    else if ((v < -32768n || v > 32767n) && width < 4) width = 4;
  }
  const buf = Buffer.alloc(8 + width * vals.length);
  buf.writeUInt32LE(width, 0);
  buf.writeUInt32LE(vals.length, 4);
  vals.forEach((v, i) => {
    const at = 8 + i * width;
    if (width === 2) buf.writeInt16LE(Number(v), at);
    else if (width === 4) buf.writeInt32LE(Number(v), at);
    else buf.writeBigInt64LE(v, at);
  });
  return buf;
}

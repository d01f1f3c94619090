// ReplyWriter: the server side of replies. Appends RESP2 or RESP3 replies into one growable Buffer (no allocation
// per reply), downgrading RESP3-only types for RESP2 clients exactly as Redis 7.0 does, with deferred aggregate
// lengths (Redis's addReplyDeferredLen) and take() handing out all pending bytes for one socket write.

import { fast } from './fast-buffer.js';
import { formatDouble } from './format-double.js';

export type RespVersion = 2 | 3;

export interface ReplyWriterOptions {
  protocol?: RespVersion;
  /** Initial buffer size in bytes, default 16 KiB. */
  initialSize?: number;
}

const CR = 13;
const LF = 10;
const SMALL_STRING = 48;

/** Thrown by take() when a deferred length was never set: a bug in the caller. */
export class DeferredLengthError extends Error {
  readonly code = 'EDEFERRED';
}

export class ReplyWriter {
  protocol: RespVersion;
  private buf: Buffer;
  private len = 0;
  private readonly initialSize: number;
  // deferred headers: insertion offsets (kept current as earlier insertions shift them), and whether set
  private defOff: number[] = [];
  private defSet: boolean[] = [];
  private unresolved = 0;

  constructor(opts: ReplyWriterOptions = {}) {
    this.protocol = opts.protocol ?? 2;
    this.initialSize = Math.max(64, opts.initialSize ?? 16 * 1024);
    this.buf = Buffer.allocUnsafe(this.initialSize);
  }

  /** Bytes pending. */
  get length(): number {
    return this.len;
  }

  private grow(n: number): void {
    let cap = this.buf.length * 2;
    if (cap < this.len + n) cap = this.len + n;
    const nb = Buffer.allocUnsafe(cap);
    this.buf.copy(nb, 0, 0, this.len);
    this.buf = nb;
  }

  /** Writes the decimal digits of a safe integer at this.len (room must exist). */
  private digits(n: number): void {
    const buf = this.buf;
    if (n < 0) {
      buf[this.len++] = 45;
      n = -n;
    }
    if (n < 10) {
      buf[this.len++] = 48 + n;
      return;
    }
    if (n < 100) {
      buf[this.len++] = 48 + ((n / 10) | 0);
      buf[this.len++] = 48 + (n % 10);
      return;
    }
    if (n <= 2147483647) {
      let w = 3;
      for (let t = 1000; t <= n && w < 10; t *= 10) w++;
      let p = this.len + w;
      this.len = p;
      while (n >= 10) {
        const q = (n / 10) | 0;
        buf[--p] = 48 + (n - q * 10);
        n = q;
      }
      buf[--p] = 48 + n;
      return;
    }
    this.len += fast(buf).latin1Write(String(n), this.len, 24);
  }

  /** prefix byte, number, CRLF */
  private header(prefix: number, n: number): void {
    if (this.len + 24 > this.buf.length) this.grow(24);
    this.buf[this.len++] = prefix;
    this.digits(n);
    this.buf[this.len++] = CR;
    this.buf[this.len++] = LF;
  }

  /** prefix byte, latin1 text with CR/LF replaced by spaces, CRLF */
  private line(prefix: number, s: string): void {
    const n = s.length;
    if (this.len + n + 3 > this.buf.length) this.grow(n + 3);
    const buf = this.buf;
    let p = this.len;
    buf[p++] = prefix;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      buf[p++] = c === CR || c === LF ? 32 : c;
    }
    buf[p++] = CR;
    buf[p++] = LF;
    this.len = p;
  }

  private bulkText(prefix: number, s: string): void {
    const n = s.length;
    if (this.len + n + 24 > this.buf.length) this.grow(n + 24);
    const buf = this.buf;
    buf[this.len++] = prefix;
    this.digits(n);
    let p = this.len;
    buf[p++] = CR;
    buf[p++] = LF;
    if (n <= SMALL_STRING) {
      for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    } else {
      p += fast(buf).latin1Write(s, p, n);
    }
    buf[p++] = CR;
    buf[p++] = LF;
    this.len = p;
  }

  /** "+s\r\n" (s is latin1; CR/LF become spaces so the stream stays well-formed). */
  simple(s: string): void {
    this.line(43, s);
  }

  /** "-s\r\n"; s is the full text including the code, e.g. "ERR syntax error". */
  error(s: string): void {
    this.line(45, s);
  }

  integer(n: number | bigint): void {
    if (typeof n === 'number' && Number.isSafeInteger(n)) {
      this.header(58, n);
    } else {
      const s = typeof n === 'bigint' ? n.toString() : Number.isFinite(n) ? BigInt(Math.trunc(n)).toString() : '0';
      this.line(58, s);
    }
  }

  /** A bulk string; a string is written as latin1 bytes. */
  bulk(s: string | Buffer): void {
    if (typeof s === 'string') {
      this.bulkText(36, s);
      return;
    }
    const n = s.length;
    if (this.len + n + 24 > this.buf.length) this.grow(n + 24);
    const buf = this.buf;
    buf[this.len++] = 36;
    this.digits(n);
    buf[this.len++] = CR;
    buf[this.len++] = LF;
    if (n <= SMALL_STRING) {
      let p = this.len;
      for (let i = 0; i < n; i++) buf[p++] = s[i]!;
      this.len = p;
    } else {
      this.len += s.copy(buf, this.len);
    }
    buf[this.len++] = CR;
    buf[this.len++] = LF;
  }

  /** RESP3 "_", RESP2 null bulk "$-1". */
  null(): void {
    this.raw(this.protocol === 3 ? '_\r\n' : '$-1\r\n');
  }

  /** RESP3 "_", RESP2 null array "*-1". */
  nullArray(): void {
    this.raw(this.protocol === 3 ? '_\r\n' : '*-1\r\n');
  }

  arrayHeader(n: number): void {
    this.header(42, n);
  }

  /** n pairs: RESP3 "%n", RESP2 "*2n". */
  mapHeader(n: number): void {
    if (this.protocol === 3) this.header(37, n);
    else this.header(42, n * 2);
  }

  setHeader(n: number): void {
    this.header(this.protocol === 3 ? 126 : 42, n);
  }

  pushHeader(n: number): void {
    this.header(this.protocol === 3 ? 62 : 42, n);
  }

  /** RESP3 "|n" (n pairs); RESP2 has no attributes and nothing is written. */
  attributeHeader(n: number): void {
    if (this.protocol === 3) this.header(124, n);
  }

  /** RESP3 ",<%.17g>", RESP2 a bulk string of the same text. */
  double(d: number): void {
    const s = formatDouble(d);
    if (this.protocol === 3) this.line(44, s);
    else this.bulkText(36, s);
  }

  /** RESP3 "#t"/"#f", RESP2 ":1"/":0". */
  boolean(b: boolean): void {
    if (this.protocol === 3) this.raw(b ? '#t\r\n' : '#f\r\n');
    else this.raw(b ? ':1\r\n' : ':0\r\n');
  }

  /** RESP3 "(s", RESP2 a bulk string. */
  bigNumber(s: string): void {
    if (this.protocol === 3) this.line(40, s);
    else this.bulkText(36, s);
  }

  /** RESP3 verbatim string "=len\r\nfmt:text\r\n" (format is 3 characters, default "txt"), RESP2 a bulk string. */
  verbatim(s: string, format = 'txt'): void {
    if (this.protocol === 3) this.bulkText(61, `${format}:${s}`);
    else this.bulkText(36, s);
  }

  /** Appends raw bytes (a string is written as latin1). */
  raw(b: Buffer | string): void {
    const n = b.length;
    if (this.len + n > this.buf.length) this.grow(n);
    if (typeof b === 'string') {
      const buf = this.buf;
      let p = this.len;
      if (n <= SMALL_STRING) for (let i = 0; i < n; i++) buf[p++] = b.charCodeAt(i);
      else p += fast(buf).latin1Write(b, p, n);
      this.len = p;
    } else {
      this.len += b.copy(this.buf, this.len);
    }
  }

  private defer(): number {
    this.defOff.push(this.len);
    this.defSet.push(false);
    this.unresolved++;
    return this.defOff.length - 1;
  }

  private setDeferred(handle: number, prefix: number, n: number): void {
    const off = this.defOff[handle];
    if (off === undefined || this.defSet[handle] !== false) {
      throw new DeferredLengthError(`unknown or already set deferred handle ${handle}`);
    }
    this.defSet[handle] = true;
    this.unresolved--;
    // write the header at the end, then rotate it into place
    const start = this.len;
    this.header(prefix, n);
    const hlen = this.len - start;
    const buf = this.buf;
    if (start > off) {
      const tmp = Buffer.from(buf.subarray(start, start + hlen));
      buf.copyWithin(off + hlen, off, start);
      tmp.copy(buf, off);
    }
    for (let i = 0; i < this.defOff.length; i++) {
      const o = this.defOff[i]!;
      if (!this.defSet[i] && (o > off || (o === off && i > handle))) this.defOff[i] = o + hlen;
    }
  }

  deferArray(): number {
    return this.defer();
  }

  setDeferredArray(handle: number, n: number): void {
    this.setDeferred(handle, 42, n);
  }

  deferMap(): number {
    return this.defer();
  }

  /** n = number of pairs. */
  setDeferredMap(handle: number, n: number): void {
    if (this.protocol === 3) this.setDeferred(handle, 37, n);
    else this.setDeferred(handle, 42, n * 2);
  }

  deferSet(): number {
    return this.defer();
  }

  setDeferredSet(handle: number, n: number): void {
    this.setDeferred(handle, this.protocol === 3 ? 126 : 42, n);
  }

  /** All pending bytes for one socket write; the writer starts empty and never touches the returned Buffer again. */
  /**
   * Drop everything written after the first `length` bytes (a reply the client asked not to get, e.g. CLIENT REPLY
   * OFF/SKIP). Deferred headers written after that point are dropped too; one still open before it is a bug.
   */
  truncate(length: number): void {
    if (length < 0 || length > this.len) throw new RangeError(`truncate(${length}) outside 0..${this.len}`);
    let keep = 0;
    while (keep < this.defOff.length && (this.defOff[keep] as number) < length) keep++;
    for (let i = keep; i < this.defSet.length; i++) if (!this.defSet[i]) this.unresolved--;
    this.defOff.length = keep;
    this.defSet.length = keep;
    this.len = length;
  }

  /**
   * The bytes written since the last take()/reset() as a view into the writer's own buffer, without copying:
   * valid only until the next write, take() or reset(). For callers that read a reply in place (scripts
   * reading their redis.call replies); take() hands the bytes over instead.
   */
  view(): Buffer {
    if (this.unresolved > 0) throw new DeferredLengthError(`${this.unresolved} deferred length(s) never set`);
    return this.buf.subarray(0, this.len);
  }

  take(): Buffer {
    if (this.unresolved > 0) throw new DeferredLengthError(`${this.unresolved} deferred length(s) never set`);
    const len = this.len;
    this.len = 0;
    this.defOff = [];
    this.defSet = [];
    if (len * 2 < this.buf.length) {
      const out = Buffer.allocUnsafe(len);
      this.buf.copy(out, 0, 0, len);
      return out;
    }
    const out = this.buf.subarray(0, len);
    this.buf = Buffer.allocUnsafe(this.initialSize);
    return out;
  }

  /** Drops pending bytes and deferred handles. */
  reset(): void {
    this.len = 0;
    this.defOff = [];
    this.defSet = [];
    this.unresolved = 0;
  }
}

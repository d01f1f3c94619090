// ReplyParser: the client side of RESP. Turns a stream of RESP2/RESP3 replies into JS values: every type including
// streamed strings ($?) and streamed aggregates (*? ... .), push (>) and attributes (|). Incremental and
// chunk-agnostic; aggregates are built with an explicit stack so a reply split across chunks is never re-parsed.
// Error replies are ReplyError values; a malformed stream is a ProtocolError handed to onError.

import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { ProtocolError, ReplyError } from './errors.js';
import { fast, view, viewOf } from './fast-buffer.js';

export interface ReplyParserOptions {
  /** One complete top-level reply. */
  onReply: (v: unknown) => void;
  /** A malformed stream; afterwards the parser refuses input until reset(). Without it, feed throws the error. */
  onError?: (e: Error) => void;
  /** RESP3 push messages (>) at top level; without it they go to onReply as arrays. */
  onPush?: (v: unknown[]) => void;
  /** RESP3 attributes (|), delivered before the value they annotate; without it they are dropped. */
  onAttribute?: (v: unknown) => void;
  /** Bulk strings as Buffer or string (default 'string'). Buffers may be views of the fed chunks. */
  bulkAs?: 'buffer' | 'string';
  /** Maps as Map (default) or plain object (keys converted with String()). */
  mapAs?: 'map' | 'object';
  /** Sets as Set (default) or array. */
  setAs?: 'set' | 'array';
  /** Text decoding of strings (bulk strings in 'string' mode, simple strings, errors), default 'utf8'. */
  encoding?: 'utf8' | 'latin1';
  /** Largest accepted bulk length, default 512 MiB. */
  maxBulkLength?: number;
}

const EMPTY = Buffer.alloc(0);
const BIG = 32 * 1024;
/** Pending bytes completed from the next chunk in a small buffer (see consume()). */
const CARRY = 512;
const PREALLOC_MAX = 8 * 1024 * 1024;
/** Type bytes whose header is a short number: a longer line without CR is malformed. */
const NUMERIC_HEADER = new Uint8Array(256);
for (const c of '$!=;*~%>|:#_.') NUMERIC_HEADER[c.charCodeAt(0)] = 1;
/** A ReplyError without a stack trace: it would only show parser internals, and capturing it is slow. */
function replyError(message: string): ReplyError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const e = new ReplyError(message);
  Error.stackTraceLimit = limit;
  return e;
}

const WINDOW = 1024;
const SHORT_TEXT = 64;
const NON_ASCII = /[^\x00-\x7f]/;
const DOUBLE = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

const enum Kind {
  Array,
  Set,
  Map,
  Push,
  Attribute,
  StreamString,
}

interface Frame {
  kind: Kind;
  /** elements still expected (pairs count twice); -1 for a streamed aggregate */
  left: number;
  /** elements expected in all (pairs count twice); -1 for a streamed aggregate */
  total: number;
  /** allocated at the announced length and filled in order; grown by push for a streamed aggregate */
  items: unknown[];
  /** streamed string: collected parts */
  parts: Buffer[] | null;
}

export class ReplyParser {
  private readonly onReply: (v: unknown) => void;
  private readonly onErrorCb: ((e: Error) => void) | undefined;
  private readonly onPush: ((v: unknown[]) => void) | undefined;
  private readonly onAttribute: ((v: unknown) => void) | undefined;
  private readonly asBuffer: boolean;
  private readonly asObject: boolean;
  private readonly setAsArray: boolean;
  private readonly utf8: boolean;
  private readonly maxBulkLength: number;

  private buf: Buffer = EMPTY;
  private pos = 0;
  private end = 0;
  private owned = false;
  private scanned = 0;
  private stack: Frame[] = [];
  // a large bulk being collected: type byte, target length (data + CRLF), bytes so far
  private big: Buffer | null = null;
  private bigType = 0;
  private bigLen = 0;
  private bigFilled = 0;
  // a large bulk string in string mode: decoded piece by piece as it arrives (no copy into one buffer)
  private bigText: string | null = null;
  private bigDecoder: StringDecoder | null = null;
  private bigAscii = true;
  // decoded window of the input for short strings (see text())
  private winBuf: Buffer = EMPTY;
  private winStart = 0;
  private winEnd = 0;
  private winStr = '';
  private winOk = false;
  // whether all of asciiBuf (the input buffer) is ASCII, so that utf8 and latin1 decoding agree
  private asciiBuf: Buffer = EMPTY;
  private asciiAll = false;
  private failedFlag = false;
  /** bumped by reset() and fail(): a parse loop that sees it change after a callback stops at once */
  private gen = 0;
  private inStream = false;
  private running = false;
  private queued: Buffer[] = [];

  constructor(opts: ReplyParserOptions) {
    this.onReply = opts.onReply;
    this.onErrorCb = opts.onError;
    this.onPush = opts.onPush;
    this.onAttribute = opts.onAttribute;
    this.asBuffer = opts.bulkAs === 'buffer';
    this.asObject = opts.mapAs === 'object';
    this.setAsArray = opts.setAs === 'array';
    this.utf8 = opts.encoding !== 'latin1';
    this.maxBulkLength = opts.maxBulkLength ?? 512 * 1024 * 1024;
  }

  /** Bytes currently retained (unparsed input and a partial large bulk). */
  get bufferedBytes(): number {
    let n = this.end - this.pos + this.bigFilled;
    for (const q of this.queued) n += q.length;
    return n;
  }

  get failed(): boolean {
    return this.failedFlag;
  }

  /** Forget all state (e.g. after a reconnect). */
  reset(): void {
    this.gen++;
    this.buf = EMPTY;
    this.pos = this.end = this.scanned = 0;
    this.owned = false;
    this.stack = [];
    this.big = null;
    this.bigText = null;
    this.bigDecoder = null;
    this.bigFilled = this.bigLen = 0;
    this.failedFlag = false;
    this.inStream = false;
    this.winBuf = EMPTY;
    this.winStr = '';
    this.queued = [];
  }

  feed(chunk: Buffer): void {
    if (this.failedFlag || chunk.length === 0) return;
    if (this.running) {
      this.queued.push(chunk);
      return;
    }
    this.running = true;
    this.winBuf = this.asciiBuf = EMPTY; // the caller may reuse its chunk buffers between feeds
    try {
      this.consume(chunk);
      while (this.queued.length > 0 && !this.failedFlag) {
        const q = this.queued;
        this.queued = [];
        for (const c of q) this.append(c);
        this.parse();
      }
    } finally {
      this.running = false;
    }
    if (this.pos === this.end) {
      this.buf = EMPTY;
      this.pos = this.end = 0;
      this.owned = false;
    }
  }

  /**
   * Parses chunk after the pending bytes. When only a few bytes are pending (the start of a reply cut by the chunk
   * boundary), they are completed in a small buffer with the first CARRY bytes of chunk, and parsing goes on in
   * chunk itself, instead of copying all of chunk behind them.
   */
  private consume(chunk: Buffer): void {
    const pending = this.end - this.pos;
    if (pending > 0 && pending <= CARRY && chunk.length >= 4 * CARRY) {
      const gen = this.gen;
      const tmp = Buffer.allocUnsafe(pending + CARRY);
      this.buf.copy(tmp, 0, this.pos, this.end);
      chunk.copy(tmp, pending, 0, CARRY);
      this.buf = tmp;
      this.pos = 0;
      this.end = pending + CARRY;
      this.owned = true;
      this.parse();
      if (this.gen !== gen) return;
      if (this.pos >= pending) {
        // what is left of tmp is chunk[pos - pending, CARRY); a partial header scan stays valid
        this.buf = chunk;
        this.pos -= pending;
        this.end = chunk.length;
        this.owned = false;
      } else {
        this.append(chunk.subarray(CARRY));
      }
    } else {
      this.append(chunk);
    }
    this.parse();
  }

  // Data before `end` is never overwritten (no compaction), so Buffers handed out as views stay valid.
  private append(chunk: Buffer): void {
    const pending = this.end - this.pos;
    const n = chunk.length;
    if (pending === 0) {
      this.buf = chunk;
      this.pos = 0;
      this.end = n;
      this.owned = false;
      return;
    }
    if (this.owned && this.buf.length - this.end >= n) {
      chunk.copy(this.buf, this.end);
      this.end += n;
      return;
    }
    const need = pending + n;
    const nb = Buffer.allocUnsafe(need < 2 * pending ? 2 * pending : need);
    this.buf.copy(nb, 0, this.pos, this.end);
    chunk.copy(nb, pending);
    this.buf = nb;
    this.pos = 0;
    this.end = need;
    this.owned = true;
  }

  private fail(message: string): void {
    this.gen++;
    this.failedFlag = true;
    this.buf = EMPTY;
    this.pos = this.end = 0;
    this.stack = [];
    this.inStream = false;
    this.big = null;
    this.bigText = null;
    this.bigDecoder = null;
    this.bigFilled = 0;
    this.queued = [];
    const err = new ProtocolError(message);
    if (this.onErrorCb) this.onErrorCb(err);
    else throw err;
  }

  /**
   * Decodes buf[s, e). Short strings are cut with substring() from a decoded window of the input (one native
   * decode per window instead of one per value); such a string may keep its window (at most WINDOW chars) alive.
   */
  private text(buf: Buffer, s: number, e: number): string {
    if (e - s <= SHORT_TEXT) {
      if (buf !== this.winBuf || s < this.winStart || e > this.winEnd) {
        const we = s + WINDOW < this.end && buf === this.buf ? s + WINDOW : buf === this.buf ? this.end : e;
        this.winBuf = buf;
        this.winStart = s;
        this.winEnd = we;
        this.winStr = fast(buf).latin1Slice(s, we);
        if (this.utf8) {
          if (buf !== this.asciiBuf) {
            this.asciiBuf = buf;
            this.asciiAll = isAscii(buf === this.buf ? buf.subarray(0, this.end) : buf);
          }
          this.winOk = this.asciiAll || !NON_ASCII.test(this.winStr);
        } else {
          this.winOk = true;
        }
      }
      if (this.winOk) return this.winStr.substring(s - this.winStart, e - this.winStart);
    }
    return this.utf8 ? fast(buf).utf8Slice(s, e) : fast(buf).latin1Slice(s, e);
  }

  private blob(buf: Buffer, s: number, e: number): Buffer | string {
    return this.asBuffer ? view(buf, s, e) : this.text(buf, s, e);
  }

  /** Adds a finished value to the innermost aggregate, closing aggregates that become complete. */
  private emit(v: unknown): void {
    const stack = this.stack;
    for (;;) {
      if (stack.length === 0) {
        this.onReply(v);
        return;
      }
      const top = stack[stack.length - 1]!;
      if (top.kind === Kind.StreamString) {
        this.fail('streamed string expects ";" chunks');
        return;
      }
      if (top.left < 0) {
        top.items.push(v);
        return;
      }
      top.items[top.total - top.left] = v;
      if (--top.left > 0) return;
      stack.pop();
      if (this.finish(top)) return;
      v = this.value(top);
    }
  }

  /** True when the closed frame delivered itself elsewhere (attribute, top-level push). */
  private finish(f: Frame): boolean {
    if (f.kind === Kind.Attribute) {
      if (this.onAttribute) this.onAttribute(this.value(f));
      return true;
    }
    if (f.kind === Kind.Push && this.stack.length === 0 && this.onPush) {
      this.onPush(f.items);
      return true;
    }
    return false;
  }

  private value(f: Frame): unknown {
    const items = f.items;
    switch (f.kind) {
      case Kind.Array:
      case Kind.Push:
        return items;
      case Kind.Set:
        return this.setAsArray ? items : new Set(items);
      case Kind.StreamString: {
        const all = Buffer.concat(f.parts ?? []);
        return this.blob(all, 0, all.length);
      }
      default: {
        if (this.asObject) {
          const o: Record<string, unknown> = {};
          for (let i = 0; i + 1 < items.length; i += 2) o[String(items[i])] = items[i + 1];
          return o;
        }
        const m = new Map<unknown, unknown>();
        for (let i = 0; i + 1 < items.length; i += 2) m.set(items[i], items[i + 1]);
        return m;
      }
    }
  }

  private open(kind: Kind, n: number): void {
    if (n === 0) {
      const f: Frame = { kind, left: 0, total: 0, items: [], parts: null };
      if (!this.finish(f)) this.emit(this.value(f));
      return;
    }
    const total = kind === Kind.Map || kind === Kind.Attribute ? (n < 0 ? -1 : n * 2) : n;
    // a claimed length is only trusted up to what could be in memory soon; beyond it the array grows as filled
    this.stack.push({ kind, left: total, total, items: total < 0 ? [] : total <= 4096 ? new Array<unknown>(total) : [], parts: null });
  }

  /** Adds buf[s, e) to a large bulk string being decoded; returns the bytes used, or -1 after a failure. */
  private addBigText(buf: Buffer, s: number, e: number): number {
    const take = Math.min(e - s, this.bigLen - this.bigFilled);
    const dataLeft = this.bigLen - 2 - this.bigFilled;
    const nData = dataLeft > 0 ? Math.min(take, dataLeft) : 0;
    if (nData > 0) {
      const piece = buf.subarray(s, s + nData);
      // while everything so far was ASCII the decoder holds no partial character, and ASCII decodes as latin1
      if (this.bigDecoder === null || (this.bigAscii && (this.bigAscii = isAscii(piece)))) {
        this.bigText += fast(buf).latin1Slice(s, s + nData);
      } else {
        this.bigText += this.bigDecoder.write(piece);
      }
    }
    for (let i = nData; i < take; i++) {
      const k = this.bigFilled + i - (this.bigLen - 2);
      if (buf[s + i] !== (k === 0 ? 13 : 10)) {
        this.fail('expected CRLF after bulk');
        return -1;
      }
    }
    this.bigFilled += take;
    if (this.bigFilled === this.bigLen) {
      const text = this.bigText! + (this.bigDecoder ? this.bigDecoder.end() : '');
      this.bigText = null;
      this.bigDecoder = null;
      this.bigFilled = this.bigLen = 0;
      this.emit(text);
    }
    return take;
  }

  private finishBig(): void {
    const big = this.big!;
    const len = this.bigLen - 2;
    const type = this.bigType;
    if (big[len] !== 13 || big[len + 1] !== 10) return this.fail('expected CRLF after bulk');
    this.big = null;
    this.bigFilled = this.bigLen = 0;
    this.blobDone(type, big, 0, len);
  }

  /** A complete blob of the given type byte in buf[s, s+len). */
  private blobDone(type: number, buf: Buffer, s: number, len: number): void {
    if (type === 36) {
      this.emit(this.blob(buf, s, s + len));
    } else if (type === 33) {
      this.emit(replyError(this.text(buf, s, s + len)));
    } else if (type === 61) {
      if (len < 4 || buf[s + 3] !== 58) return this.fail('invalid verbatim string');
      this.emit(this.blob(buf, s + 4, s + len));
    } else {
      // ';' streamed string chunk
      const top = this.stack[this.stack.length - 1]!;
      top.parts!.push(this.asBuffer ? buf.subarray(s, s + len) : Buffer.from(buf.subarray(s, s + len)));
    }
  }

  private parse(): void {
    const gen = this.gen;
    const buf = this.buf;
    const end = this.end;
    let pos = this.pos;
    if (this.bigText !== null) {
      const used = this.addBigText(buf, pos, end);
      if (used < 0) return;
      this.pos = pos += used;
      if (this.bigText !== null || this.gen !== gen) return;
    }
    if (this.big !== null) {
      let big = this.big;
      const want = this.bigLen - this.bigFilled;
      const avail = end - pos;
      const n = avail < want ? avail : want;
      if (this.bigFilled + n > big.length) {
        let cap = big.length * 2;
        if (cap > this.bigLen) cap = this.bigLen;
        if (cap < this.bigFilled + n) cap = this.bigFilled + n;
        const nb = Buffer.allocUnsafe(cap);
        big.copy(nb, 0, 0, this.bigFilled);
        this.big = big = nb;
      }
      buf.copy(big, this.bigFilled, pos, pos + n);
      this.bigFilled += n;
      pos += n;
      this.pos = pos;
      if (this.bigFilled < this.bigLen) return;
      this.finishBig();
      if (this.gen !== gen) return;
    }
    const maxBulk = this.maxBulkLength;
    // views of buf are made from these (reading them per view would cost as much as the view)
    const ab = buf.buffer as ArrayBuffer;
    const base = buf.byteOffset;
    let fastOk = this.scanned === 0 && !this.inStream;
    while (pos < end) {
      if (fastOk && this.stack.length === 0) {
        pos = this.topLevel(buf, ab, base, pos, end);
        if (pos < 0) return;
        if (pos >= end) break;
      }
      const type = buf[pos]!;
      // fast paths: ":<int>", "$<len>" with the whole bulk present, "*<count>" with as many elements as present
      if (fastOk && (type === 58 || type === 36 || type === 42)) {
        let q = pos + 1;
        let neg = false;
        if (type === 58 && q < end && buf[q] === 45) {
          neg = true;
          q++;
        }
        const first = q;
        let v = 0;
        for (; q < end; q++) {
          const c = buf[q]!;
          if (c < 48 || c > 57) break;
          v = v * 10 + (c - 48);
        }
        if (q > first && q - first <= 15 && q + 1 < end && buf[q] === 13 && buf[q + 1] === 10) {
          const next = q + 2;
          if (type === 58) {
            this.pos = pos = next;
            if (this.stack.length === 0) this.onReply(neg ? -v : v);
            else this.emit(neg ? -v : v);
            if (this.gen !== gen) return;
            continue;
          }
          if (type === 36) {
            if (v <= maxBulk && end - next >= v + 2 && buf[next + v] === 13 && buf[next + v + 1] === 10) {
              this.pos = pos = next + v + 2;
              this.emit(this.asBuffer ? viewOf(ab, base + next, v) : this.text(buf, next, next + v));
              if (this.gen !== gen) return;
              continue;
            }
          } else if (v > 0 && v <= 0x7fffffff) {
            this.pos = pos = this.array(buf, ab, base, next, end, v);
            if (this.gen !== gen) return;
            continue;
          }
        }
      }
      let cr = pos + 1 + this.scanned;
      while (cr < end && buf[cr] !== 13) cr++;
      if (cr + 1 >= end) {
        if (cr === end && end - pos > 24 && NUMERIC_HEADER[type] === 1) return this.fail('invalid length');
        this.scanned = (cr < end ? cr : end) - pos - 1;
        break;
      }
      this.scanned = 0;
      if (buf[cr + 1] !== 10) return this.fail('expected CRLF');
      const next = cr + 2;
      const hs = pos + 1;
      if (this.inStream && type !== 59) return this.fail('expected ";" in streamed string');
      switch (type) {
        case 36: // $ bulk string
        case 33: // ! blob error
        case 61: // = verbatim string
        case 59: {
          // ; streamed string chunk
          if (type === 59 && !this.inStream) return this.fail("unexpected ';'");
          if (type === 36 && cr === hs + 1 && buf[hs] === 63) {
            this.stack.push({ kind: Kind.StreamString, left: -1, total: -1, items: [], parts: [] });
            this.inStream = true;
            pos = next;
            break;
          }
          const len = this.count(buf, hs, cr);
          if (len === -1 && type === 36) {
            this.pos = pos = next;
            this.emit(null);
            break;
          }
          if (!(len >= 0 && len <= this.maxBulkLength)) return this.fail('invalid bulk length');
          if (type === 59 && len === 0) {
            this.pos = pos = next;
            this.inStream = false;
            this.emit(this.value(this.stack.pop()!));
            break;
          }
          if (end - next >= len + 2) {
            if (buf[next + len] !== 13 || buf[next + len + 1] !== 10) return this.fail('expected CRLF after bulk');
            this.pos = pos = next + len + 2;
            this.blobDone(type, buf, next, len);
            break;
          }
          if (len + 2 >= BIG && type === 36 && !this.asBuffer) {
            this.bigText = '';
            this.bigDecoder = this.utf8 ? new StringDecoder('utf8') : null;
            this.bigAscii = true;
            this.bigLen = len + 2;
            this.bigFilled = 0;
            this.pos = next;
            if (this.addBigText(buf, next, end) >= 0) this.pos = end;
            return;
          }
          if (len + 2 >= BIG) {
            const target = len + 2;
            const have = end - next;
            let cap = 2 * have > PREALLOC_MAX ? 2 * have : PREALLOC_MAX;
            if (cap > target) cap = target;
            const big = Buffer.allocUnsafe(cap);
            buf.copy(big, 0, next, end);
            this.big = big;
            this.bigType = type;
            this.bigLen = target;
            this.bigFilled = have;
            this.pos = end;
            return;
          }
          this.pos = pos;
          return;
        }
        case 42: // * array
        case 126: // ~ set
        case 37: // % map
        case 62: // > push
        case 124: {
          // | attribute
          const kind =
            type === 42 ? Kind.Array : type === 126 ? Kind.Set : type === 37 ? Kind.Map : type === 62 ? Kind.Push : Kind.Attribute;
          this.pos = pos = next;
          if (cr === hs + 1 && buf[hs] === 63) {
            this.open(kind, -1); // "?": streamed aggregate
            break;
          }
          const n = this.count(buf, hs, cr);
          if (n === -1 && type === 42) {
            this.emit(null);
            break;
          }
          if (!(n >= 0 && n <= 0x7fffffff)) return this.fail('invalid aggregate length');
          this.open(kind, n);
          break;
        }
        case 43: // + simple string
          this.pos = pos = next;
          this.emit(this.text(buf, hs, cr));
          break;
        case 45: // - error
          this.pos = pos = next;
          this.emit(replyError(this.text(buf, hs, cr)));
          break;
        case 58: {
          // : integer
          const v = this.integer(buf, hs, cr);
          if (v === null) return this.fail('invalid integer');
          this.pos = pos = next;
          this.emit(v);
          break;
        }
        case 44: {
          // , double
          const t = fast(buf).latin1Slice(hs, cr);
          let v: number;
          if (t === 'inf' || t === '+inf') v = Infinity;
          else if (t === '-inf') v = -Infinity;
          else if (t === 'nan' || t === '-nan') v = NaN;
          else if (DOUBLE.test(t)) v = Number(t);
          else return this.fail('invalid double');
          this.pos = pos = next;
          this.emit(v);
          break;
        }
        case 40: {
          // ( big number
          const t = fast(buf).latin1Slice(hs, cr);
          if (!/^-?[0-9]+$/.test(t)) return this.fail('invalid big number');
          this.pos = pos = next;
          this.emit(BigInt(t));
          break;
        }
        case 35: {
          // # boolean
          const c = buf[hs];
          if (cr !== hs + 1 || (c !== 116 && c !== 102)) return this.fail('invalid boolean');
          this.pos = pos = next;
          this.emit(c === 116);
          break;
        }
        case 95: // _ null
          if (cr !== hs) return this.fail('invalid null');
          this.pos = pos = next;
          this.emit(null);
          break;
        case 46: {
          // . end of a streamed aggregate
          const top = this.stack[this.stack.length - 1];
          if (cr !== hs || top === undefined || top.left !== -1) return this.fail("unexpected '.'");
          if ((top.kind === Kind.Map || top.kind === Kind.Attribute) && top.items.length % 2 !== 0) {
            return this.fail('odd number of elements in streamed map');
          }
          this.pos = pos = next;
          this.stack.pop();
          if (!this.finish(top)) this.emit(this.value(top));
          break;
        }
        default:
          return this.fail('unknown type byte');
      }
      if (this.gen !== gen) return;
      fastOk = !this.inStream;
    }
    this.pos = pos;
  }

  /**
   * Top-level integers, complete bulk strings and arrays from p on, in a loop of their own (the common case of a
   * client reading replies); returns where it stopped, or -1 when a callback reset the parser or made it fail.
   */
  private topLevel(buf: Buffer, ab: ArrayBuffer, base: number, p: number, end: number): number {
    const gen = this.gen;
    const maxBulk = this.maxBulkLength;
    while (p < end) {
      const type = buf[p]!;
      if (type !== 58 && type !== 36 && type !== 42) break;
      let q = p + 1;
      let neg = false;
      if (type === 58 && q < end && buf[q] === 45) {
        neg = true;
        q++;
      }
      const first = q;
      let v = 0;
      for (; q < end; q++) {
        const c = buf[q]!;
        if (c < 48 || c > 57) break; // this form of the test is measurably the fastest
        v = v * 10 + (c - 48);
      }
      if (!(q > first && q - first <= 15 && q + 1 < end && buf[q] === 13 && buf[q + 1] === 10)) break;
      const next = q + 2;
      if (type === 58) {
        this.pos = p = next;
        this.onReply(neg ? -v : v);
      } else if (type === 36) {
        if (!(v <= maxBulk && end - next >= v + 2 && buf[next + v] === 13 && buf[next + v + 1] === 10)) break;
        this.pos = p = next + v + 2;
        this.onReply(this.asBuffer ? viewOf(ab, base + next, v) : this.text(buf, next, next + v));
      } else {
        if (!(v > 0 && v <= 0x7fffffff)) break;
        this.pos = p = this.array(buf, ab, base, next, end, v);
        if (this.stack.length !== 0) break;
      }
      if (this.gen !== gen) return -1;
    }
    return p;
  }

  /**
   * An array of n > 0 elements whose header ends at p: reads the elements that are short bulk strings, null bulks
   * and integers in a plain loop while they are complete in buf[p, end). The array is delivered when all are;
   * otherwise it becomes an open frame holding those read so far, and the general loop goes on from the returned
   * position (the same state as if it had read them one by one).
   */
  private array(buf: Buffer, ab: ArrayBuffer, base: number, p: number, end: number, n: number): number {
    const items = new Array<unknown>(n <= 4096 ? n : 0);
    const asBuffer = this.asBuffer;
    const maxBulk = this.maxBulkLength;
    let i = 0;
    while (i < n && p < end) {
      const type = buf[p]!;
      if (type !== 36 && type !== 58) break;
      let q = p + 1;
      let neg = false;
      if (q < end && buf[q] === 45) {
        neg = true;
        q++;
      }
      const first = q;
      let v = 0;
      for (; q < end; q++) {
        const c = buf[q]!;
        if (c < 48 || c > 57) break; // this form of the test is measurably the fastest
        v = v * 10 + (c - 48);
      }
      if (!(q > first && q - first <= 15 && q + 1 < end && buf[q] === 13 && buf[q + 1] === 10)) break;
      const next = q + 2;
      if (type === 58) {
        items[i++] = neg ? -v : v;
        p = next;
      } else if (neg) {
        if (v !== 1) break;
        items[i++] = null;
        p = next;
      } else {
        if (!(v <= maxBulk && end - next >= v + 2 && buf[next + v] === 13 && buf[next + v + 1] === 10)) break;
        items[i++] = asBuffer ? viewOf(ab, base + next, v) : this.text(buf, next, next + v);
        p = next + v + 2;
      }
    }
    if (i === n) {
      if (this.stack.length === 0) this.onReply(items);
      else this.emit(items);
    } else {
      this.stack.push({ kind: Kind.Array, left: n - i, total: n, items, parts: null });
    }
    return p;
  }

  /** An integer reply: a number when exact, else a bigint; null when malformed. */
  private integer(buf: Buffer, s: number, e: number): number | bigint | null {
    if (e - s <= 15) {
      const v = this.count(buf, s, e);
      return v === v ? v : null;
    }
    const t = fast(buf).latin1Slice(s, e);
    if (!/^-?[0-9]+$/.test(t)) return null;
    const b = BigInt(t);
    return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
  }

  /** A header number in buf[s, e): digits with an optional '-'; NaN when malformed. */
  private count(buf: Buffer, s: number, e: number): number {
    if (s >= e || e - s > 20) return NaN;
    let p = s;
    let neg = false;
    if (buf[p] === 45) {
      neg = true;
      if (++p === e) return NaN;
    }
    let v = 0;
    for (; p < e; p++) {
      const c = buf[p]!;
      if (c < 48 || c > 57) return NaN;
      v = v * 10 + (c - 48);
    }
    return neg ? -v : v;
  }
}

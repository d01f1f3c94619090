// RequestParser: the server side of RESP. Turns the bytes a client sends into complete commands, multibulk
// (`*N\r\n$len\r\n...`) or inline (`SET k v\r\n`), following Redis 7.0's processMultibulkBuffer/processInlineBuffer:
// same limits, same error texts, same number syntax (string2ll). Incremental and chunk-agnostic: a request split at
// any byte boundary parses the same. After a protocol error the parser is poisoned and ignores further input.

import { ProtocolError } from './errors.js';
import { fast } from './fast-buffer.js';
import { splitInlineArgs } from './split-args.js';

export interface RequestParserOptions {
  /** One complete command (never empty). Buffers are fresh copies; strings are latin1 (one char per byte). */
  onCommand: (args: Buffer[] | string[]) => void;
  /** A protocol error; after it the parser refuses input (feed is a no-op). */
  onError: (err: ProtocolError) => void;
  /** 'buffer' (default) delivers each argument as a Buffer, 'latin1' as a latin1 string. */
  argType?: 'buffer' | 'latin1';
  /** Longest inline request / count line, default 64 KiB (Redis's PROTO_INLINE_MAX_SIZE). */
  maxInlineSize?: number;
  /** proto-max-bulk-len, default 512 MiB. */
  maxBulkLength?: number;
  /** Default true. When false: more than 10 arguments or a bulk over 16384 bytes is an error. */
  authenticated?: boolean;
  /** Largest accepted multibulk count, default 1024*1024. */
  maxMultibulkLength?: number;
}

const INT_MAX = 2147483647;
/** Bulks at least this long that are not yet complete are collected in one preallocated buffer. */
const BIG_ARG = 32 * 1024;
const UNAUTH_MAX_ARGS = 10;
/**
 * Arguments shorter than this are cut with substring() from one decoded string of the input. V8 copies
 * substrings shorter than 13 characters (longer ones would be slices that keep the whole input alive).
 */
const SHORT_ARG = 13;
const UNAUTH_MAX_BULK = 16384;
const EMPTY = Buffer.alloc(0);

/**
 * Redis's string2ll over buf[s, e): no '+', no spaces, no leading zeros, no "-0", at most 20 characters and within
 * the signed 64-bit range. Returns NaN when invalid. Values beyond 2^53 are approximate (only compared to limits).
 */
export function parseRedisInteger(buf: Buffer, s: number, e: number): number {
  const len = e - s;
  if (len <= 0 || len >= 21) return NaN;
  let p = s;
  let c = buf[p]!;
  if (len === 1 && c === 48) return 0;
  let neg = false;
  if (c === 45) {
    neg = true;
    p++;
    if (p === e) return NaN;
    c = buf[p]!;
  }
  if (c < 49 || c > 57) return NaN;
  const first = p;
  let v = c - 48;
  for (p++; p < e; p++) {
    c = buf[p]!;
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + (c - 48);
  }
  const digits = e - first;
  if (digits > 19) return NaN;
  if (digits === 19) {
    const text = buf.toString('latin1', first, e);
    if (text > (neg ? '9223372036854775808' : '9223372036854775807')) return NaN;
  }
  return neg ? -v : v;
}

export class RequestParser {
  authenticated: boolean;
  maxBulkLength: number;
  private readonly onCommand: (args: Buffer[] | string[]) => void;
  private readonly onError: (err: ProtocolError) => void;
  private readonly latin1: boolean;
  private readonly maxInlineSize: number;
  private readonly maxMultibulkLength: number;

  // unconsumed input: buf[pos, end); `owned` when buf is our allocation (room after end may be written)
  private buf: Buffer = EMPTY;
  private pos = 0;
  private end = 0;
  private owned = false;
  // how far past pos the current terminator search already looked (avoids rescans on trickled input)
  private scanned = 0;
  // a NUL byte was met before the terminator: like C's strchr, the search can never succeed
  private scanBlocked = false;

  // multibulk state: arguments still expected, the current bulk's length (-1: header not read yet)
  private left = 0;
  private bulkLen = -1;
  private args: (Buffer | string)[] = [];
  private argBytes = 0;
  // a large bulk collected in a buffer of exactly bulkLen + 2 bytes
  private big: Buffer | null = null;
  private bigFilled = 0;

  private paused = false;
  private running = false;
  private queued: Buffer[] = [];
  private failedFlag = false;

  constructor(opts: RequestParserOptions) {
    this.onCommand = opts.onCommand;
    this.onError = opts.onError;
    this.latin1 = opts.argType === 'latin1';
    this.maxInlineSize = opts.maxInlineSize ?? 64 * 1024;
    this.maxBulkLength = opts.maxBulkLength ?? 512 * 1024 * 1024;
    this.authenticated = opts.authenticated ?? true;
    this.maxMultibulkLength = opts.maxMultibulkLength ?? 1024 * 1024;
  }

  /** Bytes currently retained: unparsed input, the partial large bulk, and arguments of an unfinished command. */
  get bufferedBytes(): number {
    let n = this.end - this.pos + this.bigFilled + this.argBytes;
    for (const q of this.queued) n += q.length;
    return n;
  }

  get failed(): boolean {
    return this.failedFlag;
  }

  feed(chunk: Buffer): void {
    if (this.failedFlag || chunk.length === 0) return;
    if (this.running) {
      this.queued.push(chunk);
      return;
    }
    this.append(chunk);
    if (!this.paused) this.run();
  }

  /** Stop delivering commands (input is still buffered). Safe to call from inside onCommand. */
  pause(): void {
    this.paused = true;
  }

  /** Deliver buffered commands and continue normally. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (!this.running && !this.failedFlag) this.run();
  }

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
    let nb: Buffer;
    if (this.owned && this.buf.length >= need) {
      nb = this.buf;
      nb.copyWithin(0, this.pos, this.end);
    } else {
      nb = Buffer.allocUnsafe(need < 2 * pending ? 2 * pending : need);
      this.buf.copy(nb, 0, this.pos, this.end);
    }
    chunk.copy(nb, pending);
    this.buf = nb;
    this.pos = 0;
    this.end = need;
    this.owned = true;
  }

  private run(): void {
    this.running = true;
    try {
      for (;;) {
        if (!this.paused && !this.failedFlag) this.parse();
        if (this.queued.length === 0 || this.failedFlag) break;
        const q = this.queued;
        this.queued = [];
        for (const c of q) this.append(c);
      }
    } finally {
      this.running = false;
    }
    if (this.pos === this.end && !this.failedFlag) {
      this.buf = EMPTY;
      this.pos = this.end = 0;
      this.owned = false;
    }
  }

  private fail(message: string): void {
    this.failedFlag = true;
    this.buf = EMPTY;
    this.pos = this.end = 0;
    this.args = [];
    this.argBytes = 0;
    this.big = null;
    this.bigFilled = 0;
    this.queued = [];
    this.onError(new ProtocolError(message));
  }

  /** Finds `term` from pos (resuming an earlier search); -1 when absent or blocked by a NUL byte. */
  private find(buf: Buffer, pos: number, end: number, term: number): number {
    if (this.scanBlocked) return -1;
    for (let i = pos + this.scanned; i < end; i++) {
      const c = buf[i];
      if (c === term) {
        this.scanned = i - pos;
        return i;
      }
      if (c === 0) {
        this.scanBlocked = true;
        return -1;
      }
    }
    this.scanned = end - pos;
    return -1;
  }

  private parse(): void {
    const buf = this.buf;
    const end = this.end;
    const latin1 = this.latin1;
    const fb = fast(buf);
    let pos = this.pos;
    // latin1 text of buf[strStart, strEnd), decoded at most once per call, for short arguments
    let str = '';
    let strStart = 0;
    let strEnd = -1;
    while (!this.paused) {
      if (this.big !== null) {
        const big = this.big;
        const want = big.length - this.bigFilled;
        const n = end - pos < want ? end - pos : want;
        if (n > 0) {
          buf.copy(big, this.bigFilled, pos, pos + n);
          pos += n;
          this.bigFilled += n;
        }
        if (this.bigFilled < big.length) break;
        const len = big.length - 2;
        this.big = null;
        this.bigFilled = 0;
        this.args.push(latin1 ? fast(big).latin1Slice(0, len) : big.subarray(0, len));
        this.argBytes += len;
        this.bulkLen = -1;
        this.left--;
        if (this.left === 0) {
          this.pos = pos;
          this.deliver();
          continue;
        }
      }
      let left = this.left;
      if (left === 0) {
        if (pos >= end) break;
        if (buf[pos] !== 42) {
          // inline request
          const lf = this.find(buf, pos, end, 10);
          if (lf < 0) {
            if (end - pos > this.maxInlineSize) return this.fail('too big inline request');
            break;
          }
          const lineEnd = lf > pos && buf[lf - 1] === 13 ? lf - 1 : lf;
          const words = splitInlineArgs(buf, pos, lineEnd);
          if (words === null) return this.fail('unbalanced quotes in request');
          pos = lf + 1;
          this.scanned = 0;
          if (words.length === 0) continue;
          this.pos = pos;
          this.onCommand(latin1 ? words : words.map((w) => Buffer.from(w, 'latin1')));
          continue;
        }
        // multibulk count; fast path for "*<1..7 digits>\r?" with no leading zero
        let n = -1;
        if (this.scanned === 0 && pos + 3 < end) {
          let q = pos + 1;
          let c = buf[q]!;
          if (c >= 49 && c <= 57) {
            let v = c - 48;
            c = buf[++q]!;
            while (c >= 48 && c <= 57 && q < pos + 8) {
              v = v * 10 + (c - 48);
              if (++q >= end) break;
              c = buf[q]!;
            }
            if (c === 13 && q + 1 < end) {
              n = v;
              pos = q + 2;
            }
          }
        }
        if (n < 0) {
          const cr = this.find(buf, pos, end, 13);
          if (cr < 0) {
            if (end - pos > this.maxInlineSize) return this.fail('too big mbulk count string');
            break;
          }
          if (cr > end - 2) break;
          n = parseRedisInteger(buf, pos + 1, cr);
          pos = cr + 2;
          this.scanned = 0;
        }
        if (!(n <= INT_MAX && n <= this.maxMultibulkLength)) return this.fail('invalid multibulk length');
        if (n > UNAUTH_MAX_ARGS && !this.authenticated) return this.fail('unauthenticated multibulk length');
        if (n <= 0) continue;
        left = n;
      }
      // bulk arguments
      const args = this.args;
      let bulkLen = this.bulkLen;
      let argBytes = this.argBytes;
      while (left > 0) {
        if (bulkLen < 0) {
          // fast path: "$<digits>\r?" with a plain positive number within the limits
          if (buf[pos] === 36 && this.scanned === 0 && pos + 3 < end) {
            let q = pos + 1;
            let c = buf[q]!;
            if (c >= 49 && c <= 57) {
              let v = c - 48;
              c = buf[++q]!;
              while (c >= 48 && c <= 57 && q < pos + 16) {
                v = v * 10 + (c - 48);
                if (++q >= end) break;
                c = buf[q]!;
              }
              if (c === 13 && q + 1 < end && v <= this.maxBulkLength && (v <= UNAUTH_MAX_BULK || this.authenticated)) {
                bulkLen = v;
                pos = q + 2;
              }
            }
          }
          if (bulkLen < 0) {
            const cr = this.find(buf, pos, end, 13);
            if (cr < 0) {
              if (end - pos > this.maxInlineSize) return this.fail('too big bulk count string');
              break;
            }
            if (cr > end - 2) break;
            const b = buf[pos]!;
            if (b !== 36) {
              const shown = b === 13 || b === 10 ? ' ' : String.fromCharCode(b);
              return this.fail(`expected '$', got '${shown}'`);
            }
            const v = parseRedisInteger(buf, pos + 1, cr);
            if (!(v >= 0 && v <= this.maxBulkLength)) return this.fail('invalid bulk length');
            if (v > UNAUTH_MAX_BULK && !this.authenticated) return this.fail('unauthenticated bulk length');
            bulkLen = v;
            pos = cr + 2;
            this.scanned = 0;
          }
        }
        if (end - pos >= bulkLen + 2) {
          if (latin1) {
            if (bulkLen < SHORT_ARG) {
              // cut from one decoded copy of the input; V8 copies substrings this short (no retention)
              if (pos + bulkLen > strEnd) {
                str = fb.latin1Slice(pos, end);
                strStart = pos;
                strEnd = end;
              }
              args.push(str.substring(pos - strStart, pos - strStart + bulkLen));
            } else {
              args.push(fb.latin1Slice(pos, pos + bulkLen));
            }
          } else {
            const a = Buffer.allocUnsafe(bulkLen);
            buf.copy(a, 0, pos, pos + bulkLen);
            args.push(a);
          }
          argBytes += bulkLen;
          pos += bulkLen + 2;
          bulkLen = -1;
          left--;
        } else {
          if (bulkLen >= BIG_ARG) {
            const big = Buffer.allocUnsafe(bulkLen + 2);
            buf.copy(big, 0, pos, end);
            this.bigFilled = end - pos;
            this.big = big;
            pos = end;
          }
          break;
        }
      }
      this.left = left;
      this.bulkLen = bulkLen;
      this.argBytes = argBytes;
      if (left > 0) break;
      this.pos = pos;
      this.deliver();
    }
    this.pos = pos;
  }

  private deliver(): void {
    const args = this.args;
    this.args = [];
    this.argBytes = 0;
    this.onCommand(args as Buffer[] | string[]);
  }
}

// The list type: ListValue, a growable power-of-two ring buffer of latin1 strings, and its registered ops.
// Why one ring and not chunks: push/pop at both ends are O(1) amortized, index/LSET are O(1), ranges are a
// contiguous walk, and the middle edits Redis offers (LINSERT, LREM, LPOS) already cost O(n) for their search,
// so shifting the smaller side of the ring adds no asymptotic cost. Redis 7.0 reports every list as `quicklist`
// (listpack-encoded lists arrived in 7.2), so the encoding never changes. Indexes here are 0-based and in range:
// the command layer normalizes negative indexes. Emptied lists are the caller's to delete.
import {
  createObject,
  Encoding,
  ObjType,
  registerTypeOps,
  ROBJECT_BYTES,
  type RObject,
} from '../object.js';

const MIN_CAPACITY = 4;

function capacityFor(n: number): number {
  let cap = MIN_CAPACITY;
  while (cap < n) cap *= 2;
  return cap;
}

/**
 * A packed array of `cap` undefined slots. Built by push, not `new Array(cap)`: V8 makes large pre-sized arrays
 * dictionary-mode (hash table elements), which is many times slower to index.
 */
function allocSlots(cap: number): (string | undefined)[] {
  const a: (string | undefined)[] = [];
  for (let i = 0; i < cap; i++) a.push(undefined);
  return a;
}

export class ListValue {
  /** Ring storage; empty slots hold undefined so released strings can be collected. */
  private buf: (string | undefined)[];
  private mask: number;
  private head = 0;
  private len = 0;
  /** Sum of the lengths (bytes) of all elements, kept for the O(1) memory estimate. */
  private bytes = 0;

  constructor(capacity = MIN_CAPACITY) {
    const cap = capacityFor(capacity);
    this.buf = allocSlots(cap);
    this.mask = cap - 1;
  }

  /** A list holding `values` in order (head first). */
  static from(values: readonly string[]): ListValue {
    const l = new ListValue(values.length);
    const buf = l.buf;
    let bytes = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      buf[i] = v;
      bytes += v.length;
    }
    l.len = values.length;
    l.bytes = bytes;
    return l;
  }

  get length(): number {
    return this.len;
  }

  /** Total bytes of all elements. */
  get byteLength(): number {
    return this.bytes;
  }

  /** Slots allocated (for memory estimates). */
  get capacity(): number {
    return this.mask + 1;
  }

  // ---- Ends ----

  pushTail(v: string): void {
    if (this.len > this.mask) this.resize((this.mask + 1) * 2);
    this.buf[(this.head + this.len) & this.mask] = v;
    this.len++;
    this.bytes += v.length;
  }

  pushHead(v: string): void {
    if (this.len > this.mask) this.resize((this.mask + 1) * 2);
    const h = (this.head - 1) & this.mask;
    this.buf[h] = v;
    this.head = h;
    this.len++;
    this.bytes += v.length;
  }

  popHead(): string | undefined {
    if (this.len === 0) return undefined;
    const h = this.head;
    const v = this.buf[h]!;
    this.buf[h] = undefined;
    this.head = (h + 1) & this.mask;
    this.len--;
    this.bytes -= v.length;
    this.maybeShrink();
    return v;
  }

  popTail(): string | undefined {
    if (this.len === 0) return undefined;
    const i = (this.head + this.len - 1) & this.mask;
    const v = this.buf[i]!;
    this.buf[i] = undefined;
    this.len--;
    this.bytes -= v.length;
    this.maybeShrink();
    return v;
  }

  /** Push at the head (`head` true) or the tail. */
  push(v: string, head: boolean): void {
    if (head) this.pushHead(v);
    else this.pushTail(v);
  }

  /** Pop from the head (`head` true) or the tail. */
  pop(head: boolean): string | undefined {
    return head ? this.popHead() : this.popTail();
  }

  // ---- Random access (0 <= i < length) ----

  /** The element at index i (0-based, must be in range). */
  at(i: number): string {
    return this.buf[(this.head + i) & this.mask]!;
  }

  /** The element at index i, Redis-style (negative counts from the tail), or undefined when out of range. */
  index(i: number): string | undefined {
    const n = this.len;
    if (i < 0) i += n;
    if (i < 0 || i >= n) return undefined;
    return this.buf[(this.head + i) & this.mask];
  }

  /** Replaces the element at index i (in range). */
  set(i: number, v: string): void {
    const p = (this.head + i) & this.mask;
    this.bytes += v.length - this.buf[p]!.length;
    this.buf[p] = v;
  }

  /** First index of `v` at or after `from`, or -1. */
  indexOf(v: string, from = 0): number {
    for (let i = from; i < this.len; i++) if (this.buf[(this.head + i) & this.mask] === v) return i;
    return -1;
  }

  /** Elements [start, stop] (inclusive, in range) as a new array. */
  slice(start: number, stop: number): string[] {
    const out: string[] = [];
    for (let i = start; i <= stop; i++) out.push(this.buf[(this.head + i) & this.mask]!);
    return out;
  }

  toArray(): string[] {
    return this.len === 0 ? [] : this.slice(0, this.len - 1);
  }

  // ---- Middle edits ----

  /** Inserts `v` so that it ends up at index i (0 <= i <= length), shifting the smaller side. */
  insertAt(i: number, v: string): void {
    if (this.len > this.mask) this.resize((this.mask + 1) * 2);
    const buf = this.buf;
    const mask = this.mask;
    if (i < this.len - i) {
      // move [0, i) one slot towards the head
      const h = (this.head - 1) & mask;
      for (let k = 0; k < i; k++) buf[(h + k) & mask] = buf[(h + k + 1) & mask];
      this.head = h;
    } else {
      // move [i, len) one slot towards the tail
      const h = this.head;
      for (let k = this.len; k > i; k--) buf[(h + k) & mask] = buf[(h + k - 1) & mask];
    }
    buf[(this.head + i) & mask] = v;
    this.len++;
    this.bytes += v.length;
  }

  /** Removes the element at index i (in range) and returns it, shifting the smaller side. */
  removeAt(i: number): string {
    const buf = this.buf;
    const mask = this.mask;
    const h = this.head;
    const v = buf[(h + i) & mask]!;
    if (i < this.len - 1 - i) {
      for (let k = i; k > 0; k--) buf[(h + k) & mask] = buf[(h + k - 1) & mask];
      buf[h] = undefined;
      this.head = (h + 1) & mask;
    } else {
      for (let k = i; k < this.len - 1; k++) buf[(h + k) & mask] = buf[(h + k + 1) & mask];
      buf[(h + this.len - 1) & mask] = undefined;
    }
    this.len--;
    this.bytes -= v.length;
    this.maybeShrink();
    return v;
  }

  /**
   * LREM: removes elements equal to `v`: all when count is 0, the first `count` from the head when count > 0,
   * the first `-count` from the tail when count < 0. Returns how many were removed. One pass, O(n).
   */
  removeValue(v: string, count: number): number {
    const buf = this.buf;
    const mask = this.mask;
    const h = this.head;
    const n = this.len;
    let removed = 0;
    if (count >= 0) {
      const limit = count === 0 ? Infinity : count;
      let w = 0;
      for (let r = 0; r < n; r++) {
        const x = buf[(h + r) & mask]!;
        if (removed < limit && x === v) {
          removed++;
          continue;
        }
        if (w !== r) buf[(h + w) & mask] = x;
        w++;
      }
      for (let k = w; k < n; k++) buf[(h + k) & mask] = undefined;
    } else {
      const limit = -count;
      let w = n - 1;
      for (let r = n - 1; r >= 0; r--) {
        const x = buf[(h + r) & mask]!;
        if (removed < limit && x === v) {
          removed++;
          continue;
        }
        if (w !== r) buf[(h + w) & mask] = x;
        w--;
      }
      for (let k = 0; k <= w; k++) buf[(h + k) & mask] = undefined;
      this.head = (h + removed) & mask;
    }
    if (removed > 0) {
      this.len = n - removed;
      this.bytes -= removed * v.length;
      this.maybeShrink();
    }
    return removed;
  }

  /** LTRIM: keeps only [start, stop] (inclusive); an empty range (start > stop or out of bounds) empties the list. */
  trim(start: number, stop: number): void {
    const n = this.len;
    if (start < 0) start = 0;
    if (stop >= n) stop = n - 1;
    if (start > stop) {
      this.clear();
      return;
    }
    const buf = this.buf;
    const mask = this.mask;
    const h = this.head;
    let bytes = this.bytes;
    for (let k = 0; k < start; k++) {
      const p = (h + k) & mask;
      bytes -= buf[p]!.length;
      buf[p] = undefined;
    }
    for (let k = stop + 1; k < n; k++) {
      const p = (h + k) & mask;
      bytes -= buf[p]!.length;
      buf[p] = undefined;
    }
    this.bytes = bytes;
    this.head = (h + start) & mask;
    this.len = stop - start + 1;
    this.maybeShrink();
  }

  clear(): void {
    this.buf = allocSlots(MIN_CAPACITY);
    this.mask = MIN_CAPACITY - 1;
    this.head = 0;
    this.len = 0;
    this.bytes = 0;
  }

  /** A private copy (strings are immutable, so they are shared). */
  clone(): ListValue {
    const c = new ListValue(1);
    c.buf = this.buf.slice();
    c.mask = this.mask;
    c.head = this.head;
    c.len = this.len;
    c.bytes = this.bytes;
    return c;
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (let i = 0; i < this.len; i++) yield this.buf[(this.head + i) & this.mask]!;
  }

  // ---- Storage ----

  private maybeShrink(): void {
    const cap = this.mask + 1;
    if (cap > 64 && this.len < cap >>> 2) this.resize(capacityFor(this.len * 2));
  }

  private resize(cap: number): void {
    const old = this.buf;
    const mask = this.mask;
    const h = this.head;
    const n = this.len;
    const buf: (string | undefined)[] = [];
    for (let i = 0; i < n; i++) buf.push(old[(h + i) & mask]);
    for (let i = n; i < cap; i++) buf.push(undefined);
    this.buf = buf;
    this.mask = cap - 1;
    this.head = 0;
  }
}

// ---- Objects and ops ----

/** Bytes of the ListValue object (header + 5 fields) plus its array's header. */
const LIST_HEADER_BYTES = 56 + 32;
/** Estimated per-element overhead besides its slot: a V8 string header (16) + average padding (4). */
const PER_ELEMENT_BYTES = 20;

/** A new list object (encoding quicklist, as Redis 7.0 reports for every list). */
export function createListObject(values?: readonly string[]): RObject<ListValue> {
  const l = values === undefined ? new ListValue() : ListValue.from(values);
  return createObject(ObjType.LIST, Encoding.QUICKLIST, l);
}

/** The ListValue behind a list object. */
export function listValue(o: RObject): ListValue {
  return o.ptr as ListValue;
}

/** Estimated bytes held by a list object, O(1). */
export function listMemory(o: RObject): number {
  const l = o.ptr as ListValue;
  return ROBJECT_BYTES + LIST_HEADER_BYTES + 8 * l.capacity + PER_ELEMENT_BYTES * l.length + l.byteLength;
}

registerTypeOps(ObjType.LIST, {
  dup(o: RObject): RObject {
    return createObject(ObjType.LIST, o.encoding, (o.ptr as ListValue).clone());
  },
  memory: listMemory,
});

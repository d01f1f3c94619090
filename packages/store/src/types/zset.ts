// The sorted set type: a skiplist ordered by (score, member) with span counts (rank in O(log n)) plus a Map
// member -> node (score lookup in O(1)). Members are latin1 strings compared bytewise; scores are doubles
// (+/-inf allowed, NaN never stored). One structure backs both encodings; the RObject's encoding (listpack or
// skiplist) follows Redis's size rules (zset-max-listpack-entries/value) and decides only what is reported
// and how ZSCAN walks. Level 0 links live in the node itself; higher levels in a small array (25% of nodes).
// Callers: the zset command family (and ZSCAN's stable cursor order); this file never sees a client.
import {
  createObject,
  Encoding,
  ObjType,
  registerTypeOps,
  ROBJECT_BYTES,
  stringBytes,
  type RObject,
} from '../object.js';

/** Redis's ZSKIPLIST_MAXLEVEL and ZSKIPLIST_P. */
export const ZSKIPLIST_MAXLEVEL = 32;
const ZSKIPLIST_P = 0.25;

export class ZNode {
  member: string;
  score: number;
  /** Previous node at level 0 (null for the first node). */
  prev: ZNode | null = null;
  /** Next node at level 0. */
  next: ZNode | null = null;
  /** Levels 1..h-1 as pairs [forward, span, forward, span, ...]; null when the node has height 1. */
  up: (ZNode | null | number)[] | null;
  /** Position in the ZSCAN slot array, -1 when not tracked. */
  slot = -1;
  constructor(member: string, score: number, height: number) {
    this.member = member;
    this.score = score;
    if (height > 1) {
      const up: (ZNode | null | number)[] = new Array<ZNode | null | number>((height - 1) * 2);
      for (let i = 0; i < up.length; i += 2) {
        up[i] = null;
        up[i + 1] = 0;
      }
      this.up = up;
    } else {
      this.up = null;
    }
  }
}

/** A score interval, Redis's zrangespec: [min, max] with optional exclusive ends. */
export interface ScoreRange {
  min: number;
  max: number;
  minex: boolean;
  maxex: boolean;
}

/** One end of a lex interval: `inf` -1 is "-" (before everything), +1 is "+" (after everything), 0 a value. */
export interface LexBound {
  value: string;
  ex: boolean;
  inf: -1 | 0 | 1;
}
export interface LexRange {
  min: LexBound;
  max: LexBound;
}

// ---- Range predicates (exported for the command layer's walks) ----

export function scoreGteMin(v: number, r: ScoreRange): boolean {
  return r.minex ? v > r.min : v >= r.min;
}
export function scoreLteMax(v: number, r: ScoreRange): boolean {
  return r.maxex ? v < r.max : v <= r.max;
}
export function lexGteMin(v: string, r: LexRange): boolean {
  const b = r.min;
  if (b.inf !== 0) return b.inf < 0;
  return b.ex ? v > b.value : v >= b.value;
}
export function lexLteMax(v: string, r: LexRange): boolean {
  const b = r.max;
  if (b.inf !== 0) return b.inf > 0;
  return b.ex ? v < b.value : v <= b.value;
}
function cmpBounds(a: LexBound, b: LexBound): number {
  if (a.inf === b.inf && a.inf !== 0) return 0;
  if (a.inf === -1 || b.inf === 1) return -1;
  if (a.inf === 1 || b.inf === -1) return 1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

function randomLevel(): number {
  let level = 1;
  while (level < ZSKIPLIST_MAXLEVEL && Math.random() < ZSKIPLIST_P) level++;
  return level;
}

const SCAN_STEP_SHIFT = 6;
const SCAN_HISTORY = 16;
const TWO32 = 4294967296;
interface ScanCompaction {
  epoch: number;
  table: Int32Array;
  oldLength: number;
  newLength: number;
}

/** Bytes estimated per element besides the member text: node, score box, level-array share, Map slot, string header (measured: ~176 + member length per element at 10^6 members on Node 20). */
export const ZSET_NODE_BYTES = 160;
const ZSET_BASE_BYTES = 256;

export class ZSet {
  readonly dict = new Map<string, ZNode>();
  private readonly header: ZNode;
  tail: ZNode | null = null;
  length = 0;
  level = 1;
  /** Sum of member lengths (memory estimate). */
  memberBytes = 0;
  /** Rank (0-based) of the node the last firstIn... / lastIn... call returned. */
  foundRank = 0;
  private readonly update: ZNode[] = new Array<ZNode>(ZSKIPLIST_MAXLEVEL);
  private readonly rankBuf: number[] = new Array<number>(ZSKIPLIST_MAXLEVEL).fill(0);
  // ZSCAN order (allocated by the first scan on this set; then maintained).
  private slots: (ZNode | undefined)[] | null = null;
  private slotLive = 0;
  private epoch = 1;
  private history: ScanCompaction[] = [];

  constructor() {
    this.header = new ZNode('', -Infinity, 1);
    this.header.up = [];
  }

  get size(): number {
    return this.length;
  }

  // ---- Level accessors (level 0 is inline; its span is always 1) ----

  private fwd(x: ZNode, i: number): ZNode | null {
    return i === 0 ? x.next : (x.up![2 * i - 2] as ZNode | null);
  }
  private setFwd(x: ZNode, i: number, v: ZNode | null): void {
    if (i === 0) x.next = v;
    else x.up![2 * i - 2] = v;
  }
  private span(x: ZNode, i: number): number {
    return i === 0 ? 1 : (x.up![2 * i - 1] as number);
  }
  private setSpan(x: ZNode, i: number, v: number): void {
    if (i !== 0) x.up![2 * i - 1] = v;
  }

  /** First node in order, or null. */
  first(): ZNode | null {
    return this.header.next;
  }
  last(): ZNode | null {
    return this.tail;
  }

  // ---- Lookup ----

  get(member: string): ZNode | undefined {
    return this.dict.get(member);
  }

  score(member: string): number | undefined {
    return this.dict.get(member)?.score;
  }

  has(member: string): boolean {
    return this.dict.has(member);
  }

  // ---- Insert / delete / update ----

  /** Inserts a member that must not be present. Returns its node. */
  insert(member: string, score: number): ZNode {
    const update = this.update;
    const rank = this.rankBuf;
    let x = this.header;
    const level = this.level;
    for (let i = level - 1; i >= 0; i--) {
      rank[i] = i === level - 1 ? 0 : rank[i + 1]!;
      for (;;) {
        const f = this.fwd(x, i);
        if (f === null || !(f.score < score || (f.score === score && f.member < member))) break;
        rank[i]! += this.span(x, i);
        x = f;
      }
      update[i] = x;
    }
    const lvl = randomLevel();
    const header = this.header;
    if (lvl > level) {
      const up = header.up!;
      for (let i = level; i < lvl; i++) {
        while (up.length < 2 * i) up.push(null, 0);
        rank[i] = 0;
        update[i] = header;
        up[2 * i - 2] = null;
        up[2 * i - 1] = this.length;
      }
      this.level = lvl;
    }
    const n = new ZNode(member, score, lvl);
    const r0 = rank[0]!;
    for (let i = 0; i < lvl; i++) {
      const u = update[i]!;
      this.setFwd(n, i, this.fwd(u, i));
      this.setFwd(u, i, n);
      if (i > 0) {
        this.setSpan(n, i, this.span(u, i) - (r0 - rank[i]!));
        this.setSpan(u, i, r0 - rank[i]! + 1);
      }
    }
    for (let i = lvl; i < this.level; i++) {
      const u = update[i]!;
      this.setSpan(u, i, this.span(u, i) + 1);
    }
    const u0 = update[0]!;
    n.prev = u0 === header ? null : u0;
    if (n.next !== null) n.next.prev = n;
    else this.tail = n;
    this.length++;
    this.memberBytes += member.length;
    this.dict.set(member, n);
    if (this.slots !== null) this.trackSlot(n);
    return n;
  }

  /** Unlinks `x` given the update vector filled by findUpdate. */
  private unlink(x: ZNode): void {
    const update = this.update;
    for (let i = 0; i < this.level; i++) {
      const u = update[i]!;
      if (this.fwd(u, i) === x) {
        this.setSpan(u, i, this.span(u, i) + (i === 0 ? 0 : this.span(x, i)) - 1);
        this.setFwd(u, i, this.fwd(x, i));
      } else {
        this.setSpan(u, i, this.span(u, i) - 1);
      }
    }
    if (x.next !== null) x.next.prev = x.prev;
    else this.tail = x.prev;
    const up = this.header.up!;
    while (this.level > 1 && up[2 * (this.level - 1) - 2] === null) this.level--;
    this.length--;
  }

  /** Fills this.update for the position of (score, member); returns the node there if it is that member. */
  private findUpdate(score: number, member: string): ZNode | null {
    const update = this.update;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = this.fwd(x, i);
        if (f === null || !(f.score < score || (f.score === score && f.member < member))) break;
        x = f;
      }
      update[i] = x;
    }
    const f = x.next;
    return f !== null && f.score === score && f.member === member ? f : null;
  }

  private dropNode(x: ZNode): void {
    this.dict.delete(x.member);
    this.memberBytes -= x.member.length;
    if (x.slot >= 0) this.untrackSlot(x);
  }

  /** Removes a member; returns whether it was present. */
  delete(member: string): boolean {
    const node = this.dict.get(member);
    if (node === undefined) return false;
    const x = this.findUpdate(node.score, member);
    if (x === null) throw new Error('zset: skiplist and dict disagree');
    this.unlink(x);
    this.dropNode(x);
    return true;
  }

  /** Changes the score of a present member (Redis's zslUpdateScore: in place when the order is unchanged). */
  updateScore(node: ZNode, score: number): ZNode {
    const p = node.prev;
    const nx = node.next;
    if ((p === null || p.score < score) && (nx === null || nx.score > score)) {
      node.score = score;
      return node;
    }
    const x = this.findUpdate(node.score, node.member);
    if (x !== node) throw new Error('zset: skiplist and dict disagree');
    this.unlink(x);
    this.dropNode(x);
    return this.insert(node.member, score);
  }

  /** Adds or sets a score (no flags). Returns true if the member was added. */
  set(member: string, score: number): boolean {
    const node = this.dict.get(member);
    if (node === undefined) {
      this.insert(member, score);
      return true;
    }
    if (node.score !== score) this.updateScore(node, score);
    return false;
  }

  // ---- Rank ----

  /** 0-based rank of a member in ascending order, or -1. */
  rank(member: string): number {
    const node = this.dict.get(member);
    if (node === undefined) return -1;
    return this.rankOf(node.score, member);
  }

  private rankOf(score: number, member: string): number {
    let x = this.header;
    let r = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = this.fwd(x, i);
        if (f === null || !(f.score < score || (f.score === score && f.member <= member))) break;
        r += this.span(x, i);
        x = f;
      }
      if (x !== this.header && x.member === member && x.score === score) return r - 1;
    }
    return -1;
  }

  /** The node at a 0-based rank, or null when out of range. */
  byRank(rank: number): ZNode | null {
    if (rank < 0 || rank >= this.length) return null;
    const target = rank + 1;
    let x = this.header;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = this.fwd(x, i);
        if (f === null) break;
        const s = this.span(x, i);
        if (traversed + s > target) break;
        traversed += s;
        x = f;
      }
      if (traversed === target) return x;
    }
    return null;
  }

  // ---- Score ranges ----

  isInRange(r: ScoreRange): boolean {
    if (r.min > r.max || (r.min === r.max && (r.minex || r.maxex))) return false;
    const t = this.tail;
    if (t === null || !scoreGteMin(t.score, r)) return false;
    const f = this.header.next;
    return f !== null && scoreLteMax(f.score, r);
  }

  /** First node in range (sets foundRank), or null. */
  firstInRange(r: ScoreRange): ZNode | null {
    if (!this.isInRange(r)) return null;
    let x = this.header;
    let rk = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = this.fwd(x, i);
        if (f === null || scoreGteMin(f.score, r)) break;
        rk += this.span(x, i);
        x = f;
      }
    }
    const n = x.next;
    if (n === null || !scoreLteMax(n.score, r)) return null;
    this.foundRank = rk;
    return n;
  }

  /** Last node in range (sets foundRank), or null. */
  lastInRange(r: ScoreRange): ZNode | null {
    if (!this.isInRange(r)) return null;
    let x = this.header;
    let rk = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = this.fwd(x, i);
        if (f === null || !scoreLteMax(f.score, r)) break;
        rk += this.span(x, i);
        x = f;
      }
    }
    if (x === this.header || !scoreGteMin(x.score, r)) return null;
    this.foundRank = rk - 1;
    return x;
  }

  /** Elements with a score in range. */
  countInRange(r: ScoreRange): number {
    const f = this.firstInRange(r);
    if (f === null) return 0;
    const a = this.foundRank;
    const l = this.lastInRange(r);
    return l === null ? this.length - a : this.foundRank - a + 1;
  }

  // ---- Lex ranges ----

  isInLexRange(r: LexRange): boolean {
    const c = cmpBounds(r.min, r.max);
    if (c > 0 || (c === 0 && (r.min.ex || r.max.ex))) return false;
    const t = this.tail;
    if (t === null || !lexGteMin(t.member, r)) return false;
    const f = this.header.next;
    return f !== null && lexLteMax(f.member, r);
  }

  firstInLexRange(r: LexRange): ZNode | null {
    if (!this.isInLexRange(r)) return null;
    let x = this.header;
    let rk = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = this.fwd(x, i);
        if (f === null || lexGteMin(f.member, r)) break;
        rk += this.span(x, i);
        x = f;
      }
    }
    const n = x.next;
    if (n === null || !lexLteMax(n.member, r)) return null;
    this.foundRank = rk;
    return n;
  }

  lastInLexRange(r: LexRange): ZNode | null {
    if (!this.isInLexRange(r)) return null;
    let x = this.header;
    let rk = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = this.fwd(x, i);
        if (f === null || !lexLteMax(f.member, r)) break;
        rk += this.span(x, i);
        x = f;
      }
    }
    if (x === this.header || !lexGteMin(x.member, r)) return null;
    this.foundRank = rk - 1;
    return x;
  }

  /**
   * Listpack-style lex lookups (Redis's zzlFirstInLexRange / zzlLastInLexRange): a linear walk from one end. They
   * agree with the skiplist search when all scores are equal; with mixed scores Redis's answers differ by encoding,
   * and small (listpack-encoded) sets use these to answer as Redis does.
   */
  firstInLexRangeLinear(r: LexRange): ZNode | null {
    if (!this.isInLexRange(r)) return null;
    let rk = 0;
    for (let n = this.header.next; n !== null; n = n.next, rk++) {
      if (lexGteMin(n.member, r)) {
        if (!lexLteMax(n.member, r)) return null;
        this.foundRank = rk;
        return n;
      }
    }
    return null;
  }

  lastInLexRangeLinear(r: LexRange): ZNode | null {
    if (!this.isInLexRange(r)) return null;
    let rk = this.length - 1;
    for (let n = this.tail; n !== null; n = n.prev, rk--) {
      if (lexLteMax(n.member, r)) {
        if (!lexGteMin(n.member, r)) return null;
        this.foundRank = rk;
        return n;
      }
    }
    return null;
  }

  /** ZLEXCOUNT as Redis counts in a listpack: from the first in range, forward while <= max. */
  countInLexRangeLinear(r: LexRange): number {
    let n = this.firstInLexRangeLinear(r);
    let count = 0;
    while (n !== null && lexLteMax(n.member, r)) {
      count++;
      n = n.next;
    }
    return count;
  }

  /** ZREMRANGEBYLEX as Redis does it in a listpack. */
  deleteRangeByLexLinear(r: LexRange): number {
    let n = this.firstInLexRangeLinear(r);
    let removed = 0;
    while (n !== null && lexLteMax(n.member, r)) {
      const next = n.next;
      this.delete(n.member);
      removed++;
      n = next;
    }
    return removed;
  }

  countInLexRange(r: LexRange): number {
    const f = this.firstInLexRange(r);
    if (f === null) return 0;
    const a = this.foundRank;
    const l = this.lastInLexRange(r);
    return l === null ? this.length - a : this.foundRank - a + 1;
  }

  // ---- Range deletion (return the count removed) ----

  /** Deletes ranks start..end (0-based, inclusive, already clamped). */
  deleteRangeByRank(start: number, end: number): number {
    const update = this.update;
    let x = this.header;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = this.fwd(x, i);
        if (f === null) break;
        const s = this.span(x, i);
        if (traversed + s > start) break;
        traversed += s;
        x = f;
      }
      update[i] = x;
    }
    let n = x.next;
    let removed = 0;
    let rk = start;
    while (n !== null && rk <= end) {
      const next = n.next;
      this.unlink(n);
      this.dropNode(n);
      removed++;
      rk++;
      n = next;
    }
    return removed;
  }

  deleteRangeByScore(r: ScoreRange): number {
    const update = this.update;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = this.fwd(x, i);
        if (f === null || scoreGteMin(f.score, r)) break;
        x = f;
      }
      update[i] = x;
    }
    let n = x.next;
    let removed = 0;
    while (n !== null && scoreLteMax(n.score, r)) {
      const next = n.next;
      this.unlink(n);
      this.dropNode(n);
      removed++;
      n = next;
    }
    return removed;
  }

  deleteRangeByLex(r: LexRange): number {
    const update = this.update;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = this.fwd(x, i);
        if (f === null || lexGteMin(f.member, r)) break;
        x = f;
      }
      update[i] = x;
    }
    let n = x.next;
    let removed = 0;
    while (n !== null && lexLteMax(n.member, r)) {
      const next = n.next;
      this.unlink(n);
      this.dropNode(n);
      removed++;
      n = next;
    }
    return removed;
  }

  // ---- Iteration, random, copy ----

  *[Symbol.iterator](): IterableIterator<ZNode> {
    for (let n = this.header.next; n !== null; n = n.next) yield n;
  }

  /** A uniformly random node (O(log n)), or null when empty. */
  randomNode(rnd: () => number = Math.random): ZNode | null {
    if (this.length === 0) return null;
    return this.byRank(Math.floor(rnd() * this.length));
  }

  /** A copy with the same members and scores. */
  clone(): ZSet {
    const z = new ZSet();
    for (let n = this.header.next; n !== null; n = n.next) z.insert(n.member, n.score);
    return z;
  }

  /** Rewrites -0 scores as 0 (what a listpack holds: integral scores are stored as integers). */
  normalizeZeros(): void {
    for (let n = this.header.next; n !== null; n = n.next) if (n.score === 0) n.score = 0;
  }

  /** Longest member length (O(n); used for encoding decisions of computed results). */
  maxMemberLength(): number {
    let m = 0;
    for (let n = this.header.next; n !== null; n = n.next) if (n.member.length > m) m = n.member.length;
    return m;
  }

  // ---- ZSCAN: stable slot order with Redis's guarantee ----

  private trackSlot(n: ZNode): void {
    const slots = this.slots!;
    n.slot = slots.length;
    slots.push(n);
    this.slotLive++;
  }

  private untrackSlot(n: ZNode): void {
    this.slots![n.slot] = undefined;
    n.slot = -1;
    this.slotLive--;
  }

  private compactSlots(): void {
    const slots = this.slots!;
    const len = slots.length;
    const table = new Int32Array((len >>> SCAN_STEP_SHIFT) + 1);
    let w = 0;
    for (let r = 0; r < len; r++) {
      if ((r & ((1 << SCAN_STEP_SHIFT) - 1)) === 0) table[r >>> SCAN_STEP_SHIFT] = w;
      const n = slots[r];
      if (n !== undefined) {
        n.slot = w;
        slots[w++] = n;
      }
    }
    slots.length = w;
    this.history.push({ epoch: this.epoch, table, oldLength: len, newLength: w });
    if (this.history.length > SCAN_HISTORY) this.history.shift();
    this.epoch = (this.epoch % (1 << 20)) + 1;
  }

  private cursorToIndex(cursor: bigint): number {
    if (cursor <= 0n || cursor >= 1n << 53n) return 0;
    const c = Number(cursor);
    const epoch = Math.floor(c / TWO32);
    let idx = c % TWO32;
    if (epoch === this.epoch) return idx;
    const h = this.history;
    let i = h.findIndex((x) => x.epoch === epoch);
    if (i < 0) return 0;
    for (; i < h.length; i++) {
      const comp = h[i]!;
      idx = idx >= comp.oldLength ? comp.newLength : comp.table[idx >>> SCAN_STEP_SHIFT]!;
    }
    return idx;
  }

  /**
   * One ZSCAN step over about `count` members from `cursor` (0n starts); returns the next cursor (0n when done).
   * A member present for the whole iteration is visited at least once, whatever is added or removed meanwhile.
   */
  scan(cursor: bigint, count: number, visit: (n: ZNode) => void): bigint {
    if (this.slots === null) {
      const slots: (ZNode | undefined)[] = [];
      this.slots = slots;
      for (let n = this.header.next; n !== null; n = n.next) {
        n.slot = slots.length;
        slots.push(n);
      }
      this.slotLive = slots.length;
    } else if (this.slots.length > 64 && this.slots.length - this.slotLive > this.slotLive) {
      this.compactSlots();
    }
    const slots = this.slots;
    let idx = this.cursorToIndex(cursor);
    const want = count > 0 ? count : 1;
    const maxExamined = want * 10;
    let emitted = 0;
    let examined = 0;
    while (idx < slots.length && emitted < want && examined < maxExamined) {
      const n = slots[idx++];
      examined++;
      if (n === undefined) continue;
      emitted++;
      visit(n);
    }
    return idx >= slots.length ? 0n : BigInt(this.epoch * TWO32 + idx);
  }
}

// ---- Objects and encodings ----

/** Thresholds that decide the reported encoding (Redis's zset-max-listpack-entries / -value). */
export interface ZsetLimits {
  maxEntries: number;
  maxValue: number;
}

/** A new empty zset object; `listpack` unless the limits say the first member already needs a skiplist. */
export function createZsetObject(limits: ZsetLimits, firstMemberLength = 0): RObject<ZSet> {
  const enc = limits.maxEntries === 0 || firstMemberLength > limits.maxValue ? Encoding.SKIPLIST : Encoding.LISTPACK;
  return createObject(ObjType.ZSET, enc, new ZSet());
}

/** Converts to `skiplist` when an insert of a member of `memberLength` bytes would exceed the listpack limits. */
export function zsetConvertBeforeAdd(o: RObject<ZSet>, memberLength: number, limits: ZsetLimits): void {
  if (o.encoding !== Encoding.LISTPACK) return;
  if (o.ptr.length + 1 > limits.maxEntries || memberLength > limits.maxValue) o.encoding = Encoding.SKIPLIST;
}

/** The encoding a computed result (ZUNIONSTORE, ZRANGESTORE, ...) gets: by its size and its longest member. */
export function zsetEncodingFor(z: ZSet, limits: ZsetLimits, maxMemberLength = z.maxMemberLength()): typeof Encoding.LISTPACK | typeof Encoding.SKIPLIST {
  return z.length <= limits.maxEntries && maxMemberLength <= limits.maxValue ? Encoding.LISTPACK : Encoding.SKIPLIST;
}

export const ZADD_NX = 1;
export const ZADD_XX = 2;
export const ZADD_GT = 4;
export const ZADD_LT = 8;
export const ZADD_INCR = 16;

export const ZADD_OUT_ADDED = 1;
export const ZADD_OUT_UPDATED = 2;
export const ZADD_OUT_NOP = 4;
export const ZADD_OUT_NAN = 8;

/** Result of zsetAdd: outcome flags and the member's score afterwards (for INCR). */
export interface ZaddResult {
  flags: number;
  score: number;
}

/**
 * Redis's zsetAdd: add or update with NX/XX/GT/LT/INCR semantics, converting the encoding first if needed.
 * `out.flags` gets ZADD_OUT_*; returns false (flags NAN) when the score or the incremented score is NaN.
 */
export function zsetAdd(o: RObject<ZSet>, score: number, member: string, flags: number, limits: ZsetLimits, out: ZaddResult): boolean {
  out.flags = 0;
  if (Number.isNaN(score)) {
    out.flags = ZADD_OUT_NAN;
    return false;
  }
  const z = o.ptr;
  const node = z.get(member);
  if (node !== undefined) {
    if (flags & ZADD_NX) {
      out.flags = ZADD_OUT_NOP;
      return true;
    }
    const cur = node.score;
    if (flags & ZADD_INCR) {
      score += cur;
      if (Number.isNaN(score)) {
        out.flags = ZADD_OUT_NAN;
        return false;
      }
    }
    if ((flags & ZADD_LT && score >= cur) || (flags & ZADD_GT && score <= cur)) {
      out.flags = ZADD_OUT_NOP;
      return true;
    }
    out.score = score;
    if (score !== cur) {
      z.updateScore(node, score === 0 && o.encoding === Encoding.LISTPACK ? 0 : score);
      out.flags = ZADD_OUT_UPDATED;
    }
    return true;
  }
  if (flags & ZADD_XX) {
    out.flags = ZADD_OUT_NOP;
    return true;
  }
  zsetConvertBeforeAdd(o, member.length, limits);
  // A listpack stores integral scores as integers, so -0 reads back as 0 there.
  z.insert(member, score === 0 && o.encoding === Encoding.LISTPACK ? 0 : score);
  out.score = score;
  out.flags = ZADD_OUT_ADDED;
  return true;
}

registerTypeOps(ObjType.ZSET, {
  dup(o: RObject): RObject {
    return createObject(ObjType.ZSET, o.encoding, (o.ptr as ZSet).clone());
  },
  memory(o: RObject): number {
    const z = o.ptr as ZSet;
    return ROBJECT_BYTES + ZSET_BASE_BYTES + z.length * (ZSET_NODE_BYTES + stringBytes(0)) + z.memberBytes;
  },
});

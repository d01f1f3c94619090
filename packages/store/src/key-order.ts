// KeyOrder: the insertion-ordered slot array behind SCAN, RANDOMKEY and eviction sampling. Deleting a key leaves
// a hole (nothing ever moves while a cursor could point past it); when holes outnumber live keys the array is
// compacted, which starts a new epoch and records an old->new index translation (a per-64-slot count plus a live
// bitmap), so a cursor from an earlier epoch is translated exactly to where its unvisited keys went. Hence Redis's SCAN guarantee: a key
// present for the whole iteration is returned at least once, however the keyspace grows or shrinks meanwhile.
// Cursor = epoch * 2^32 + index (epoch >= 1, so a live cursor is never 0).
import type { Entry } from './entry.js';

const STEP_SHIFT = 6; // translation table granularity: one row per 64 old slots
const HISTORY = 16; // compactions remembered for cursor translation
const EPOCH_MOD = 1 << 20;
const TWO32 = 4294967296;

interface Compaction {
  epoch: number; // the epoch that ended with this compaction
  table: Int32Array; // table[j] = live slots before old index j << STEP_SHIFT
  bits: Uint32Array; // bit i set = old slot i was live
  oldLength: number;
  newLength: number;
}

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Exact new index of the first slot at old index >= idx that was live at the compaction. */
function translate(comp: Compaction, idx: number): number {
  let n = comp.table[idx >>> STEP_SHIFT]!;
  const blockStart = idx & ~((1 << STEP_SHIFT) - 1);
  for (let w = blockStart >>> 5; w < idx >>> 5; w++) n += popcount32(comp.bits[w]!);
  const rem = idx & 31;
  if (rem !== 0) n += popcount32(comp.bits[idx >>> 5]! & ((1 << rem) - 1));
  return n;
}

export class KeyOrder {
  slots: (Entry | undefined)[] = [];
  live = 0;
  epoch = 1;
  /** >0 while a caller walks `slots` by index: compaction is deferred. */
  iterating = 0;
  private history: Compaction[] = [];

  push(e: Entry): void {
    e.pos = this.slots.length;
    this.slots.push(e);
    this.live++;
  }

  remove(e: Entry): void {
    this.slots[e.pos] = undefined;
    e.pos = -1;
    this.live--;
    if (this.iterating === 0) this.maybeCompact();
  }

  maybeCompact(): void {
    if (this.iterating !== 0) return;
    const len = this.slots.length;
    if (len - this.live > this.live && len > 64) this.compact();
  }

  clear(): void {
    this.slots = [];
    this.live = 0;
    this.history = [];
    this.epoch = (this.epoch % EPOCH_MOD) + 1;
  }

  private compact(): void {
    const slots = this.slots;
    const len = slots.length;
    const table = new Int32Array((len >>> STEP_SHIFT) + 1);
    const bits = new Uint32Array((len >>> 5) + 1);
    let w = 0;
    for (let r = 0; r < len; r++) {
      if ((r & ((1 << STEP_SHIFT) - 1)) === 0) table[r >>> STEP_SHIFT] = w;
      const e = slots[r];
      if (e !== undefined) {
        e.pos = w;
        slots[w++] = e;
        bits[r >>> 5]! |= 1 << (r & 31);
      }
    }
    slots.length = w;
    this.history.push({ epoch: this.epoch, table, bits, oldLength: len, newLength: w });
    if (this.history.length > HISTORY) this.history.shift();
    this.epoch = (this.epoch % EPOCH_MOD) + 1;
  }

  /** The slot index a cursor points at in the current epoch (0 for an unknown/too old epoch: restart, never skip). */
  cursorToIndex(cursor: bigint): number {
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
      idx = idx >= comp.oldLength ? comp.newLength : translate(comp, idx);
    }
    return idx;
  }

  indexToCursor(index: number): bigint {
    return BigInt(this.epoch * TWO32 + index);
  }
}

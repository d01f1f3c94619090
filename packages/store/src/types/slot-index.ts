// SlotIndex: the storage behind hashes and sets. A Map key -> slot number for O(1) lookup, plus a slot array in
// insertion order (`stride` strings per slot: the key, and for hashes its value) that gives O(1) uniform random
// picks (HRANDFIELD, SRANDMEMBER, SPOP) and stable positions for HSCAN/SSCAN cursors. Deleting leaves a hole;
// when holes outnumber live entries the array is compacted (order kept), which starts a new epoch. Once a scan
// has handed out a cursor, compactions are recorded so an old cursor translates to a position no later than where
// its unvisited entries went: an entry present for the whole scan is returned at least once (Redis's guarantee).
// Cursor = epoch * 2^32 + slot (epoch >= 1, so a cursor in progress is never 0). Never sees a client or a reply.

const STEP_SHIFT = 6; // translation table granularity: one row per 64 old slots
const HISTORY = 16; // compactions remembered for cursor translation
const EPOCH_MOD = 1 << 20;
const TWO32 = 4294967296;
const MIN_COMPACT_SLOTS = 16;

interface Compaction {
  epoch: number; // the epoch that ended with this compaction
  table: Int32Array; // table[j] = live slots before old slot j << STEP_SHIFT
  oldLength: number;
  newLength: number;
}

export abstract class SlotIndex {
  /** key -> slot number. */
  protected readonly index: Map<string, number>;
  /** Slot storage: slot s occupies data[s*stride .. s*stride+stride-1]; a hole holds undefined. */
  protected data: (string | undefined)[];
  /** Slots in use (live + holes). */
  protected slots = 0;
  /** Live entries. */
  protected live = 0;
  /** Sum of key lengths (bytes), for memory estimates and reply-size bounds. */
  protected keyBytes = 0;
  private epoch = 1;
  private history: Compaction[] | null = null;

  protected constructor(
    protected readonly stride: 1 | 2,
    from?: SlotIndex,
  ) {
    if (from === undefined) {
      this.index = new Map();
      this.data = [];
      return;
    }
    // an exact copy (same slots, epoch and scan history), so cursors handed out for the original stay valid
    // on the copy (copy-on-write under a snapshot must not break a scan in progress)
    this.index = new Map(from.index);
    this.data = from.data.slice();
    this.slots = from.slots;
    this.live = from.live;
    this.keyBytes = from.keyBytes;
    this.epoch = from.epoch;
    this.history = from.history === null ? null : from.history.slice();
  }

  /** Number of live entries. */
  get size(): number {
    return this.live;
  }

  /** Sum of the key lengths. */
  get keysByteLength(): number {
    return this.keyBytes;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  /** The slot holding `key`, or undefined. */
  slotOf(key: string): number | undefined {
    return this.index.get(key);
  }

  /** Slots in use (live + holes): live slot numbers are below this. */
  get slotCount(): number {
    return this.slots;
  }

  /** The key at a slot (undefined for a hole). */
  keyAt(slot: number): string | undefined {
    return this.data[slot * this.stride];
  }

  // ---- Mutation (for subclasses) ----

  /** Appends a new key (must be absent) and returns its slot. */
  protected appendKey(key: string): number {
    const s = this.slots++;
    this.index.set(key, s);
    this.data[s * this.stride] = key;
    this.live++;
    this.keyBytes += key.length;
    return s;
  }

  /** Removes a key; returns its slot before removal or -1 when absent. Values of the slot are cleared too. */
  protected removeKey(key: string): number {
    const s = this.index.get(key);
    if (s === undefined) return -1;
    this.index.delete(key);
    const stride = this.stride;
    const data = this.data;
    data[s * stride] = undefined;
    if (stride === 2) data[s * 2 + 1] = undefined;
    this.live--;
    this.keyBytes -= key.length;
    if (s === this.slots - 1) {
      // trailing holes can simply go: no live entry moves, so no cursor is affected
      let n = s;
      while (n > 0 && data[(n - 1) * stride] === undefined) n--;
      this.slots = n;
      data.length = n * stride;
    }
    // keep holes <= live entries: random picks then need at most 2 tries on average
    if (this.slots - this.live > this.live && this.slots > MIN_COMPACT_SLOTS) this.compact();
    return s;
  }

  protected clearAll(): void {
    this.index.clear();
    this.data = [];
    this.slots = 0;
    this.live = 0;
    this.keyBytes = 0;
    this.history = null;
    this.epoch = (this.epoch % EPOCH_MOD) + 1;
  }

  private compact(): void {
    const data = this.data;
    const stride = this.stride;
    const len = this.slots;
    const track = this.history !== null;
    const table = track ? new Int32Array((len >>> STEP_SHIFT) + 1) : null;
    let w = 0;
    for (let r = 0; r < len; r++) {
      if (table !== null && (r & ((1 << STEP_SHIFT) - 1)) === 0) table[r >>> STEP_SHIFT] = w;
      const k = data[r * stride];
      if (k === undefined) continue;
      if (w !== r) {
        this.index.set(k, w);
        data[w * stride] = k;
        if (stride === 2) data[w * 2 + 1] = data[r * 2 + 1];
      }
      w++;
    }
    data.length = w * stride;
    this.slots = w;
    if (table !== null) {
      const h = this.history!;
      h.push({ epoch: this.epoch, table, oldLength: len, newLength: w });
      if (h.length > HISTORY) h.shift();
    }
    this.epoch = (this.epoch % EPOCH_MOD) + 1;
  }

  // ---- Random picks ----

  /** A uniformly random live slot (the set must not be empty). `rand` returns [0,1). */
  randomSlot(rand: () => number): number {
    const n = this.slots;
    const data = this.data;
    const stride = this.stride;
    for (;;) {
      const s = Math.floor(rand() * n);
      if (data[s * stride] !== undefined) return s;
    }
  }

  /** The live slot numbers in slot order. */
  liveSlots(): number[] {
    const out = new Array<number>(this.live);
    const data = this.data;
    const stride = this.stride;
    let w = 0;
    for (let s = 0; s < this.slots; s++) if (data[s * stride] !== undefined) out[w++] = s;
    return out;
  }

  /**
   * `count` distinct random live slots (count <= size), in random order. Sparse picks with rejection when
   * count is small against the size, else a partial Fisher-Yates over all live slots.
   */
  distinctRandomSlots(count: number, rand: () => number): number[] {
    if (count * 3 <= this.live) {
      const seen = new Set<number>();
      const out: number[] = [];
      while (out.length < count) {
        const s = this.randomSlot(rand);
        if (seen.has(s)) continue;
        seen.add(s);
        out.push(s);
      }
      return out;
    }
    const all = this.liveSlots();
    const n = all.length;
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(rand() * (n - i));
      const t = all[i]!;
      all[i] = all[j]!;
      all[j] = t;
    }
    all.length = count;
    return all;
  }

  // ---- Scan ----

  /** The slot a cursor points at now (0 for an unknown or too old epoch: restart, never skip). */
  private cursorToSlot(cursor: bigint): number {
    if (cursor <= 0n || cursor >= 1n << 53n) return 0;
    const c = Number(cursor);
    const epoch = Math.floor(c / TWO32);
    let idx = c % TWO32;
    if (epoch === this.epoch) return idx;
    const h = this.history;
    if (h === null) return 0;
    let i = h.findIndex((x) => x.epoch === epoch);
    if (i < 0) return 0;
    for (; i < h.length; i++) {
      const comp = h[i]!;
      idx = idx >= comp.oldLength ? comp.newLength : comp.table[idx >>> STEP_SHIFT]!;
    }
    return idx;
  }

  /**
   * One SCAN step: visits about `count` live slots from the cursor on (at most 10x as many slots examined),
   * returns the next cursor (0 when done).
   */
  scanSlots(cursor: bigint, count: number, visit: (slot: number) => void): bigint {
    let s = this.cursorToSlot(cursor);
    const data = this.data;
    const stride = this.stride;
    const end = this.slots;
    let emitted = 0;
    let examined = 0;
    const maxExamined = count * 10;
    while (s < end && emitted < count && examined < maxExamined) {
      if (data[s * stride] !== undefined) {
        visit(s);
        emitted++;
      }
      s++;
      examined++;
    }
    if (s >= this.slots) return 0n;
    if (this.history === null) this.history = [];
    return BigInt(this.epoch * TWO32 + s);
  }
}

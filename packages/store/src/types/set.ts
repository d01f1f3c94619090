// The set type: SetValue (latin1 members) on a SlotIndex (Map + insertion-ordered slots: O(1) membership, uniform
// random members, HSCAN-style cursors), and the encodings Redis 7.0 reports: `intset` while every member is a
// canonical int64 and there are at most set-max-intset-entries (capped at 2^30) members, else `hashtable` for
// good. Redis 7.0 has no listpack sets (they came in 7.2, so set-max-listpack-* change nothing here). An intset
// iterates in ascending numeric order as Redis's does (a cached sorted copy); a hashtable in slot order.
// Emptied sets are the caller's to delete. Callers: the set command family, persistence, COPY (dup).
import type { StoreConfig } from '../config.js';
import {
  createObject,
  Encoding,
  isCanonicalInt64,
  ObjType,
  registerTypeOps,
  ROBJECT_BYTES,
  type RObject,
} from '../object.js';
import { SlotIndex } from './slot-index.js';

/** The threshold a set's encoding follows. */
export type SetLimits = Pick<StoreConfig, 'setMaxIntsetEntries'>;

/** Redis caps set-max-intset-entries at 2^30 (intset internals). */
export const INTSET_MAX_ENTRIES_CAP = 1 << 30;

/** Numeric order of two canonical int64 strings. */
export function compareInt64Strings(a: string, b: string): number {
  if (a.length < 16 && b.length < 16) return Number(a) - Number(b);
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export class SetValue extends SlotIndex {
  /** Members sorted numerically (intset order), built on demand, dropped on every change. */
  private sorted: string[] | null = null;

  constructor(from?: SetValue) {
    super(1, from);
  }

  /** Adds a member; returns true when it was new. */
  add(member: string): boolean {
    if (this.index.has(member)) return false;
    this.appendKey(member);
    this.sorted = null;
    return true;
  }

  /** Removes a member; returns whether it was there. */
  delete(member: string): boolean {
    if (this.removeKey(member) < 0) return false;
    this.sorted = null;
    return true;
  }

  clear(): void {
    this.clearAll();
    this.sorted = null;
  }

  /** The member at a live slot. */
  memberAt(slot: number): string {
    return this.data[slot]!;
  }

  /** Calls fn(member) in slot (insertion) order. fn must not mutate the set. */
  forEach(fn: (member: string) => void): void {
    const d = this.data;
    const n = this.slots;
    for (let i = 0; i < n; i++) {
      const m = d[i];
      if (m !== undefined) fn(m);
    }
  }

  /** Members in slot order (a new array). */
  members(): string[] {
    const out = new Array<string>(this.live);
    const d = this.data;
    let w = 0;
    for (let i = 0; i < this.slots; i++) {
      const m = d[i];
      if (m !== undefined) out[w++] = m;
    }
    return out;
  }

  /** Members in ascending numeric order (all members must be canonical int64s). Shared: do not mutate. */
  sortedIntMembers(): readonly string[] {
    if (this.sorted === null) this.sorted = this.members().sort(compareInt64Strings);
    return this.sorted;
  }

  clone(): SetValue {
    return new SetValue(this);
  }
}

// ---- Objects and encoding rules ----

/** An empty set object that starts as an intset (Redis's createIntsetObject, used by the STORE commands). */
export function createIntsetObject(): RObject<SetValue> {
  return createObject(ObjType.SET, Encoding.INTSET, new SetValue());
}

/** An empty set object whose encoding suits `first`, the member about to be added (Redis's setTypeCreate). */
export function createSetObject(first: string): RObject<SetValue> {
  const enc = isCanonicalInt64(first) ? Encoding.INTSET : Encoding.HASHTABLE;
  return createObject(ObjType.SET, enc, new SetValue());
}

/** Adds a member following Redis's setTypeAdd encoding rules. Returns true when it was new. */
export function setAdd(o: RObject<SetValue>, member: string, cfg: SetLimits): boolean {
  const s = o.ptr;
  if (o.encoding !== Encoding.INTSET) return s.add(member);
  if (!isCanonicalInt64(member)) {
    if (s.has(member)) return false;
    o.encoding = Encoding.HASHTABLE;
    return s.add(member);
  }
  if (!s.add(member)) return false;
  const max = Math.min(cfg.setMaxIntsetEntries, INTSET_MAX_ENTRIES_CAP);
  if (s.size > max) o.encoding = Encoding.HASHTABLE;
  return true;
}

/** Members in the order Redis iterates them: ascending numbers for an intset, else slot order. */
export function setMembersOrdered(o: RObject<SetValue>): readonly string[] {
  return o.encoding === Encoding.INTSET ? o.ptr.sortedIntMembers() : o.ptr.members();
}

/** Bytes per member beyond the string: Map entry, slot pointer and string header. */
export const SET_ENTRY_BYTES = 56;
const SET_BASE_BYTES = 96;

export function setMemory(o: RObject): number {
  const s = o.ptr as SetValue;
  return ROBJECT_BYTES + SET_BASE_BYTES + s.size * SET_ENTRY_BYTES + s.keysByteLength;
}

registerTypeOps(ObjType.SET, {
  dup(o: RObject): RObject {
    return createObject(ObjType.SET, o.encoding, (o.ptr as SetValue).clone());
  },
  memory: setMemory,
});

// The hash type: HashValue (field -> value, latin1 strings) on a SlotIndex (Map + insertion-ordered slots, so
// random fields and HSCAN cursors are cheap and correct), and the encoding rules Redis 7.0 reports: `listpack`
// while the hash has at most hash-max-listpack-entries fields and every field and value is at most
// hash-max-listpack-value bytes, then `hashtable` for good (never converted back). Emptied hashes are the
// caller's to delete. Callers: the hash command family, persistence, COPY (through the registered dup).
import type { StoreConfig } from '../config.js';
import {
  createObject,
  Encoding,
  ObjType,
  registerTypeOps,
  ROBJECT_BYTES,
  type RObject,
} from '../object.js';
import { SlotIndex } from './slot-index.js';

/** The thresholds a hash's encoding follows. */
export type HashLimits = Pick<StoreConfig, 'hashMaxListpackEntries' | 'hashMaxListpackValue'>;

export class HashValue extends SlotIndex {
  /** Sum of the value lengths (bytes). */
  private valBytes = 0;

  constructor(from?: HashValue) {
    super(2, from);
    if (from !== undefined) this.valBytes = from.valBytes;
  }

  /** Sum of the value lengths. */
  get valuesByteLength(): number {
    return this.valBytes;
  }

  get(field: string): string | undefined {
    const s = this.index.get(field);
    return s === undefined ? undefined : this.data[s * 2 + 1];
  }

  /** Sets field to value; returns true when the field is new. */
  set(field: string, value: string): boolean {
    const s = this.index.get(field);
    if (s !== undefined) {
      this.valBytes += value.length - this.data[s * 2 + 1]!.length;
      this.data[s * 2 + 1] = value;
      return false;
    }
    const n = this.appendKey(field);
    this.data[n * 2 + 1] = value;
    this.valBytes += value.length;
    return true;
  }

  /** Removes a field; returns whether it was there. */
  delete(field: string): boolean {
    const s = this.index.get(field);
    if (s === undefined) return false;
    this.valBytes -= this.data[s * 2 + 1]!.length;
    this.removeKey(field);
    return true;
  }

  clear(): void {
    this.clearAll();
    this.valBytes = 0;
  }

  /** The value at a live slot. */
  valueAt(slot: number): string {
    return this.data[slot * 2 + 1]!;
  }

  /** Calls fn(field, value) for every field, in slot (insertion) order. fn must not mutate the hash. */
  forEach(fn: (field: string, value: string) => void): void {
    const d = this.data;
    const n = this.slots * 2;
    for (let i = 0; i < n; i += 2) {
      const f = d[i];
      if (f !== undefined) fn(f, d[i + 1]!);
    }
  }

  fields(): string[] {
    const out = new Array<string>(this.live);
    let w = 0;
    this.forEach((f) => (out[w++] = f));
    return out;
  }

  values(): string[] {
    const out = new Array<string>(this.live);
    let w = 0;
    this.forEach((_f, v) => (out[w++] = v));
    return out;
  }

  clone(): HashValue {
    return new HashValue(this);
  }
}

// ---- Objects and encoding rules ----

/** A new empty hash object (encoding listpack). */
export function createHashObject(): RObject<HashValue> {
  return createObject(ObjType.HASH, Encoding.LISTPACK, new HashValue());
}

/**
 * Converts a listpack hash to hashtable when any of `strings` is longer than hash-max-listpack-value
 * (Redis's hashTypeTryConversion, checked before a write).
 */
export function hashTryConversion(o: RObject<HashValue>, strings: readonly string[], from: number, to: number, cfg: HashLimits): void {
  if (o.encoding !== Encoding.LISTPACK) return;
  const max = cfg.hashMaxListpackValue;
  for (let i = from; i <= to; i++) {
    if (strings[i]!.length > max) {
      o.encoding = Encoding.HASHTABLE;
      return;
    }
  }
}

/**
 * Sets field to value in a hash object following Redis's hashTypeSet: a long field or value, or more than
 * hash-max-listpack-entries fields, turn a listpack into a hashtable. Returns true when the field is new.
 */
export function hashSet(o: RObject<HashValue>, field: string, value: string, cfg: HashLimits): boolean {
  const h = o.ptr;
  if (o.encoding === Encoding.LISTPACK) {
    const max = cfg.hashMaxListpackValue;
    if (field.length > max || value.length > max) o.encoding = Encoding.HASHTABLE;
  }
  const created = h.set(field, value);
  if (created && o.encoding === Encoding.LISTPACK && h.size > cfg.hashMaxListpackEntries) o.encoding = Encoding.HASHTABLE;
  return created;
}

/** Bytes per field beyond the strings: Map entry, two slot pointers and two string headers. */
export const HASH_ENTRY_BYTES = 80;
const HASH_BASE_BYTES = 96;

export function hashMemory(o: RObject): number {
  const h = o.ptr as HashValue;
  return ROBJECT_BYTES + HASH_BASE_BYTES + h.size * HASH_ENTRY_BYTES + h.keysByteLength + h.valuesByteLength;
}

registerTypeOps(ObjType.HASH, {
  dup(o: RObject): RObject {
    return createObject(ObjType.HASH, o.encoding, (o.ptr as HashValue).clone());
  },
  memory: hashMemory,
});

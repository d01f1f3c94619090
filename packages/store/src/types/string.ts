// The string type: registered ops (dup, memory), the 512 MiB cap, integer helpers and tryObjectEncoding (which
// swaps a small integer for its shared object when eviction does not need per-object LRU/LFU data).
// Strings are latin1 JS strings (one char per byte); encodings int / embstr / raw follow Redis's rules.
import {
  createStringObject,
  decrRefCount,
  Encoding,
  ObjType,
  registerTypeOps,
  ROBJECT_BYTES,
  stringBytes,
  type RObject,
} from '../object.js';
import { OBJ_SHARED_INTEGERS, shared } from '../shared.js';

/** Largest string value (proto-max-bulk-len default, 512 MiB). */
export const STRING_MAX_BYTES = 512 * 1024 * 1024;

registerTypeOps(ObjType.STRING, {
  dup(o: RObject): RObject {
    // JS strings are immutable, so the copy can share the payload.
    const c = createStringObject(o.ptr as string);
    c.encoding = o.encoding;
    return c;
  },
  memory(o: RObject): number {
    return ROBJECT_BYTES + stringBytes((o.ptr as string).length);
  },
});

/** A string object from an integer (number or bigint); encoding int. */
export function createStringObjectFromInt(n: number | bigint): RObject<string> {
  return createStringObject(typeof n === 'bigint' ? n.toString() : String(n));
}

/**
 * Redis's tryObjectEncoding for strings: returns the shared integer object instead of `o` when `o` is an int-encoded
 * 0..9999 and `canShare` (pass false when maxmemory is set with an LRU/LFU policy, as Redis does). When it returns
 * a different object it has released `o` (the caller's reference moved to the shared one).
 */
export function tryObjectEncoding(o: RObject<string>, canShare: boolean): RObject<string> {
  if (!canShare || o.encoding !== Encoding.INT || o.refcount !== 1) return o;
  const s = o.ptr;
  if (s.length > 4 || s.charCodeAt(0) === 45) return o;
  const n = Number(s);
  if (n >= OBJ_SHARED_INTEGERS) return o;
  const so = shared.integers[n];
  if (so === undefined) return o;
  decrRefCount(o); // the caller's only reference moves to the shared object
  return so;
}

/** The string payload of a string object. */
export function stringValue(o: RObject): string {
  return o.ptr as string;
}

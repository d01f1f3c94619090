// The shared pool: never-freed, frozen objects (refcount SHARED) that many keys may reference at once, as Redis's
// `shared` struct: integers 0..9999 and a few canned values. incr/decr on them are no-ops; mutating them throws
// (frozen). They must not be used as values when maxmemory-policy is LRU/LFU (their `lru` field is shared); see
// tryObjectEncoding in types/string.ts.
import { createStringObject, makeObjectShared, type RObject } from './object.js';

/** Count of shared integers (Redis's OBJ_SHARED_INTEGERS). */
export const OBJ_SHARED_INTEGERS = 10000;

const integers: RObject<string>[] = [];
for (let i = 0; i < OBJ_SHARED_INTEGERS; i++) integers.push(makeObjectShared(createStringObject(String(i))));

export const shared = Object.freeze({
  /** integers[n] is the shared string object for n in 0..9999 (encoding int). */
  integers: Object.freeze(integers),
  emptyString: makeObjectShared(createStringObject('')),
  minusOne: makeObjectShared(createStringObject('-1')),
  ok: makeObjectShared(createStringObject('OK')),
});

/** The shared object for an integer in 0..9999, else undefined. */
export function sharedInteger(n: number): RObject<string> | undefined {
  return n >= 0 && n < OBJ_SHARED_INTEGERS && Number.isInteger(n) ? integers[n] : undefined;
}

// The object model: RObject (type, encoding, refcount, lru, ptr), reference counting with the SHARED and STATIC
// sentinels, poisoning of released objects, string object creation, and the per-type ops registry (dup + memory)
// that type modules fill in. Invariant: an object with more than one owner is never mutated in place.
// Every incrRefCount has a matching decrRefCount in the same function or a documented transfer of ownership.
import { RefCountError } from './errors.js';

export const ObjType = { STRING: 0, LIST: 1, SET: 2, ZSET: 3, HASH: 4, STREAM: 6 } as const;
export type ObjTypeId = (typeof ObjType)[keyof typeof ObjType];

export const Encoding = {
  RAW: 0,
  INT: 1,
  HASHTABLE: 2,
  INTSET: 6,
  SKIPLIST: 7,
  EMBSTR: 8,
  QUICKLIST: 9,
  STREAM: 10,
  LISTPACK: 11,
} as const;
export type EncodingId = (typeof Encoding)[keyof typeof Encoding];

const ENCODING_NAMES: Record<number, string> = {
  0: 'raw',
  1: 'int',
  2: 'hashtable',
  6: 'intset',
  7: 'skiplist',
  8: 'embstr',
  9: 'quicklist',
  10: 'stream',
  11: 'listpack',
};
const TYPE_NAMES: Record<number, string> = { 0: 'string', 1: 'list', 2: 'set', 3: 'zset', 4: 'hash', 6: 'stream' };

/** The name OBJECT ENCODING reports: 'raw','int','hashtable','intset','skiplist','embstr','quicklist','stream','listpack'. */
export function encodingName(e: EncodingId): string {
  return ENCODING_NAMES[e] ?? 'unknown';
}

/** The name TYPE reports: 'string','list','set','zset','hash','stream'. */
export function typeName(t: ObjTypeId): string {
  return TYPE_NAMES[t] ?? 'unknown';
}

/** Refcount of objects that are never freed (shared pool): incr/decr are no-ops; the object is frozen. */
export const SHARED_REFCOUNT = 2147483647;
/** Refcount of temporary objects nobody owns (like Valkey's stack objects): incrRefCount/decrRefCount throw. */
export const STATIC_REFCOUNT = 2147483646;
/** Longest string stored as `embstr` (as Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT). */
export const EMBSTR_SIZE_LIMIT = 44;

export class RObject<T = unknown> {
  type: ObjTypeId;
  encoding: EncodingId;
  refcount: number;
  /** LRU clock (seconds, 24 bits) or LFU data (16-bit minutes << 8 | 8-bit log counter), per maxmemory-policy. */
  lru: number;
  ptr: T;
  constructor(type: ObjTypeId, encoding: EncodingId, ptr: T) {
    this.type = type;
    this.encoding = encoding;
    this.refcount = 1;
    this.lru = 0;
    this.ptr = ptr;
  }
}

// ---- Poisoning ----

function poisonedAccess(): never {
  throw new RefCountError('use of a released object (its refcount reached 0)');
}

/**
 * What `ptr` becomes when an object is released: any property read, write, call, comparison by value or
 * conversion to a primitive throws RefCountError, so a use-after-release is caught instead of corrupting data.
 */
export const POISONED: unknown = new Proxy(Object.freeze(Object.create(null) as object), {
  get: poisonedAccess,
  set: poisonedAccess,
  has: poisonedAccess,
  ownKeys: poisonedAccess,
  getOwnPropertyDescriptor: poisonedAccess,
  defineProperty: poisonedAccess,
  deleteProperty: poisonedAccess,
  getPrototypeOf: poisonedAccess,
});

/** True once the object was released (refcount dropped to 0). */
export function isReleased(o: RObject): boolean {
  return o.refcount === 0;
}

function describe(o: RObject): string {
  return `type=${typeName(o.type)} encoding=${encodingName(o.encoding)} refcount=${o.refcount}`;
}

// ---- Reference counting ----

export function incrRefCount(o: RObject): void {
  const rc = o.refcount;
  if (rc < STATIC_REFCOUNT && rc > 0) {
    o.refcount = rc + 1;
    return;
  }
  if (rc === SHARED_REFCOUNT) return;
  if (rc === STATIC_REFCOUNT) {
    throw new RefCountError(`incrRefCount on a STATIC object (nobody owns it; copy it instead): ${describe(o)}`);
  }
  throw new RefCountError(`incrRefCount on a released object: ${describe(o)}`);
}

export function decrRefCount(o: RObject): void {
  const rc = o.refcount;
  if (rc > 1 && rc < STATIC_REFCOUNT) {
    o.refcount = rc - 1;
    return;
  }
  if (rc === 1) {
    o.refcount = 0;
    o.ptr = POISONED;
    return;
  }
  if (rc === SHARED_REFCOUNT) return;
  if (rc === STATIC_REFCOUNT) {
    throw new RefCountError(`decrRefCount on a STATIC object (nobody owns it): ${describe(o)}`);
  }
  throw new RefCountError(`decrRefCount against refcount <= 0: ${describe(o)}`);
}

/** Makes `o` a never-freed shared object (refcount SHARED, frozen). Returns it. */
export function makeObjectShared<T>(o: RObject<T>): RObject<T> {
  if (o.refcount !== 1) throw new RefCountError(`makeObjectShared on an object with other owners: ${describe(o)}`);
  o.refcount = SHARED_REFCOUNT;
  return Object.freeze(o);
}

/** A temporary object nobody owns (refcount STATIC): may be passed around, never retained (incr/decr throw). */
export function makeObjectStatic<T>(o: RObject<T>): RObject<T> {
  o.refcount = STATIC_REFCOUNT;
  return o;
}

// ---- Creation ----

export function createObject<T>(type: ObjTypeId, encoding: EncodingId, ptr: T): RObject<T> {
  return new RObject<T>(type, encoding, ptr);
}

/**
 * True if `s` is a canonical signed 64-bit decimal integer as Redis's string2ll accepts it:
 * "0", "-12", "9223372036854775807"; not "012", "+1", " 1", "-0", "1 ".
 */
export function isCanonicalInt64(s: string): boolean {
  const len = s.length;
  if (len === 0 || len > 20) return false;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 45 /* - */) {
    if (len === 1) return false;
    i = 1;
    c = s.charCodeAt(1);
    if (c === 48) return false; // "-0", "-01"
  } else if (c === 48) {
    return len === 1;
  }
  if (c < 49 || c > 57) return false;
  for (let j = i + 1; j < len; j++) {
    const d = s.charCodeAt(j);
    if (d < 48 || d > 57) return false;
  }
  const digits = len - i;
  if (digits < 19) return true;
  if (digits > 19) return false;
  // 19 digits: compare against the int64 bounds lexicographically (same length, so lexical order = numeric order).
  const body = i === 0 ? s : s.slice(1);
  return i === 0 ? body <= '9223372036854775807' : body <= '9223372036854775808';
}

/**
 * A fresh string object: encoding `int` for a canonical int64, `embstr` up to 44 bytes, else `raw`.
 * `ptr` is always the latin1 string itself (also for `int`).
 */
export function createStringObject(s: string): RObject<string> {
  const len = s.length;
  let enc: EncodingId;
  if (len <= 20 && isCanonicalInt64(s)) enc = Encoding.INT;
  else enc = len <= EMBSTR_SIZE_LIMIT ? Encoding.EMBSTR : Encoding.RAW;
  return new RObject<string>(ObjType.STRING, enc, s);
}

// ---- Per-type ops (dup for copy-on-write and COPY; memory estimate for MEMORY USAGE / used_memory) ----

export interface TypeOps {
  /** A deep copy with refcount 1 that can be mutated without affecting `o`. */
  dup(o: RObject): RObject;
  /** Estimated bytes held by the object (header + payload), cheap: O(1) or sampled. */
  memory(o: RObject): number;
}

const typeOps: (TypeOps | undefined)[] = [];

export function registerTypeOps(type: ObjTypeId, ops: TypeOps): void {
  typeOps[type] = ops;
}

export function getTypeOps(type: ObjTypeId): TypeOps | undefined {
  return typeOps[type];
}

/** Bytes of the RObject header itself in V8 (3 header words + 5 in-object fields, 64-bit, no pointer compression). */
export const ROBJECT_BYTES = 64;

/** Estimated bytes for a V8 sequential one-byte string of `len` chars: 16-byte header + chars rounded up to 8. */
export function stringBytes(len: number): number {
  return 16 + ((len + 7) & ~7);
}

/** Memory estimate of any object, through its type's registered ops (fallback: header only). */
export function objectMemory(o: RObject): number {
  if (o.type === ObjType.STRING) return ROBJECT_BYTES + stringBytes((o.ptr as string).length);
  const ops = typeOps[o.type];
  return ops === undefined ? ROBJECT_BYTES : ops.memory(o);
}

/** A private copy (refcount 1) of `o` through its type's registered dup. Throws if the type registered none. */
export function dupObject(o: RObject): RObject {
  const ops = typeOps[o.type];
  if (ops === undefined) throw new RefCountError(`no dup registered for type ${typeName(o.type)}`);
  return ops.dup(o);
}

// Object model: encodings chosen by createStringObject, refcount misuse errors, poisoning, shared/static sentinels.
import { describe, expect, it } from 'vitest';
import {
  createObject,
  createStringObject,
  decrRefCount,
  Encoding,
  encodingName,
  incrRefCount,
  isCanonicalInt64,
  makeObjectStatic,
  ObjType,
  SHARED_REFCOUNT,
  typeName,
} from './object.js';
import { RefCountError } from './errors.js';
import { shared, sharedInteger } from './shared.js';
import { tryObjectEncoding } from './types/string.js';

describe('createStringObject', () => {
  it.each([
    ['0', 'int'],
    ['-12', 'int'],
    ['9223372036854775807', 'int'],
    ['-9223372036854775808', 'int'],
    ['9223372036854775808', 'embstr'],
    ['-9223372036854775809', 'embstr'],
    ['012', 'embstr'],
    ['+1', 'embstr'],
    [' 1', 'embstr'],
    ['1 ', 'embstr'],
    ['-0', 'embstr'],
    ['-', 'embstr'],
    ['', 'embstr'],
    ['x'.repeat(44), 'embstr'],
    ['x'.repeat(45), 'raw'],
    ['1'.repeat(45), 'raw'],
  ])('%j -> %s', (s, enc) => {
    const o = createStringObject(s);
    expect(encodingName(o.encoding)).toBe(enc);
    expect(o.ptr).toBe(s);
    expect(o.type).toBe(ObjType.STRING);
    expect(o.refcount).toBe(1);
  });

  it('isCanonicalInt64 agrees with BigInt round-trips', () => {
    for (const s of ['1', '10', '-1', '00', '1e3', '0x10', '99999999999999999999', '18446744073709551615']) {
      let ok = false;
      try {
        const b = BigInt(s);
        ok = b.toString() === s && b >= -(2n ** 63n) && b < 2n ** 63n;
      } catch {
        ok = false;
      }
      expect(isCanonicalInt64(s)).toBe(ok);
    }
  });

  it('names types and encodings as Redis does', () => {
    expect(typeName(ObjType.ZSET)).toBe('zset');
    expect(typeName(ObjType.STREAM)).toBe('stream');
    expect(encodingName(Encoding.QUICKLIST)).toBe('quicklist');
    expect(encodingName(Encoding.LISTPACK)).toBe('listpack');
  });
});

describe('refcounts', () => {
  it('decrementing past zero throws RefCountError naming type and encoding', () => {
    const o = createObject(ObjType.LIST, Encoding.QUICKLIST, [] as string[]);
    decrRefCount(o);
    expect(() => decrRefCount(o)).toThrow(RefCountError);
    expect(() => decrRefCount(o)).toThrow(/type=list encoding=quicklist refcount=0/);
    expect(() => incrRefCount(o)).toThrow(RefCountError);
  });

  it('a released object is poisoned: any access to its payload throws', () => {
    const o = createObject(ObjType.HASH, Encoding.HASHTABLE, new Map<string, string>());
    decrRefCount(o);
    const p = o.ptr;
    expect(() => p.get('x')).toThrow(RefCountError);
    expect(() => p.size).toThrow(RefCountError);
    const s = createStringObject('hello');
    decrRefCount(s);
    expect(() => `${s.ptr}`).toThrow(RefCountError);
    expect(() => (s.ptr).length).toThrow(RefCountError);
    expect(() => (s.ptr) + 'x').toThrow(RefCountError);
  });

  it('incr then decr keeps the object alive', () => {
    const o = createStringObject('v');
    incrRefCount(o);
    decrRefCount(o);
    expect(o.refcount).toBe(1);
    expect(o.ptr).toBe('v');
  });

  it('shared objects: incr/decr are no-ops and the object is frozen', () => {
    const o = shared.integers[42]!;
    expect(o.refcount).toBe(SHARED_REFCOUNT);
    incrRefCount(o);
    decrRefCount(o);
    decrRefCount(o);
    expect(o.refcount).toBe(SHARED_REFCOUNT);
    expect(o.ptr).toBe('42');
    expect(Object.isFrozen(o)).toBe(true);
    expect(() => {
      o.ptr = 'x';
    }).toThrow(TypeError);
    expect(sharedInteger(9999)?.ptr).toBe('9999');
    expect(sharedInteger(10000)).toBeUndefined();
    expect(shared.emptyString.ptr).toBe('');
  });

  it('static objects: retaining or releasing one is a bug', () => {
    const o = makeObjectStatic(createStringObject('tmp'));
    expect(() => incrRefCount(o)).toThrow(/STATIC/);
    expect(() => decrRefCount(o)).toThrow(/STATIC/);
    expect(o.ptr).toBe('tmp');
  });

  it('tryObjectEncoding swaps small ints for shared objects only when allowed', () => {
    const a = createStringObject('123');
    expect(tryObjectEncoding(a, false)).toBe(a);
    const b = createStringObject('123');
    expect(tryObjectEncoding(b, true)).toBe(shared.integers[123]);
    expect(b.refcount).toBe(0);
    const c = createStringObject('10000');
    expect(tryObjectEncoding(c, true)).toBe(c);
    const d = createStringObject('-1');
    expect(tryObjectEncoding(d, true)).toBe(d);
  });
});

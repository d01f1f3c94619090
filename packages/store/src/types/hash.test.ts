// HashValue against a Map model, the listpack -> hashtable conversions at the thresholds, HSCAN cursors under
// concurrent mutation (Redis's guarantee), random picks and the registered ops.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dupObject, Encoding, objectMemory, ObjType } from '../object.js';
import { createHashObject, hashSet, hashTryConversion, HashValue } from './hash.js';

const LIMITS = { hashMaxListpackEntries: 4, hashMaxListpackValue: 8 };

function scanAll(h: HashValue, count: number, between?: (step: number) => void): Map<string, number> {
  const seen = new Map<string, number>();
  let cursor = 0n;
  let step = 0;
  do {
    cursor = h.scanSlots(cursor, count, (s) => {
      const f = h.keyAt(s)!;
      seen.set(f, (seen.get(f) ?? 0) + 1);
    });
    between?.(step++);
    if (step > 100000) throw new Error('scan does not terminate');
  } while (cursor !== 0n);
  return seen;
}

describe('HashValue', () => {
  it('sets, gets, overwrites and deletes fields in insertion order', () => {
    const h = new HashValue();
    expect(h.set('a', '1')).toBe(true);
    expect(h.set('b', '2')).toBe(true);
    expect(h.set('a', '3')).toBe(false);
    expect(h.get('a')).toBe('3');
    expect(h.get('zz')).toBeUndefined();
    expect(h.size).toBe(2);
    expect(h.delete('a')).toBe(true);
    expect(h.delete('a')).toBe(false);
    h.set('c', '4');
    expect(h.fields()).toEqual(['b', 'c']);
    expect(h.values()).toEqual(['2', '4']);
    expect(h.keysByteLength).toBe(2);
    expect(h.valuesByteLength).toBe(2);
  });

  it('matches a Map model under random operations (with compactions)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 }), fc.string({ maxLength: 3 })), { maxLength: 400 }),
        (ops) => {
          const h = new HashValue();
          const m = new Map<string, string>();
          for (const [add, k, v] of ops) {
            const f = `f${k}`;
            if (add) {
              expect(h.set(f, v)).toBe(!m.has(f));
              m.set(f, v);
            } else {
              expect(h.delete(f)).toBe(m.delete(f));
            }
          }
          expect(h.size).toBe(m.size);
          const got = new Map<string, string>();
          h.forEach((f, v) => got.set(f, v));
          expect(got).toEqual(m);
          // insertion order survives compaction: Map iteration order is insertion order too
          expect(h.fields()).toEqual([...m.keys()]);
          if (h.slotCount > 16) expect(h.slotCount - h.size).toBeLessThanOrEqual(h.size);
        },
      ),
    );
  });

  it('random slots are uniform and always live', () => {
    const h = new HashValue();
    for (let i = 0; i < 100; i++) h.set(`k${i}`, 'v');
    for (let i = 0; i < 100; i += 2) h.delete(`k${i}`);
    const hits = new Map<string, number>();
    for (let i = 0; i < 50000; i++) {
      const f = h.keyAt(h.randomSlot(Math.random))!;
      hits.set(f, (hits.get(f) ?? 0) + 1);
    }
    expect(hits.size).toBe(50);
    for (const n of hits.values()) expect(n).toBeGreaterThan(700); // expected 1000 each
  });

  it('distinctRandomSlots returns distinct live slots for small and large counts', () => {
    const h = new HashValue();
    for (let i = 0; i < 60; i++) h.set(`k${i}`, 'v');
    for (const count of [1, 5, 19, 20, 40, 60]) {
      const slots = h.distinctRandomSlots(count, Math.random);
      expect(slots).toHaveLength(count);
      expect(new Set(slots).size).toBe(count);
      for (const s of slots) expect(h.keyAt(s)).toBeDefined();
    }
  });
});

describe('HSCAN cursors', () => {
  it('a full scan returns every field exactly once when nothing changes', () => {
    const h = new HashValue();
    for (let i = 0; i < 1000; i++) h.set(`k${i}`, 'v');
    const seen = scanAll(h, 7);
    expect(seen.size).toBe(1000);
    for (const n of seen.values()) expect(n).toBe(1);
  });

  it('fields present for the whole scan are returned at least once while others come and go', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 0, max: 1 << 30 }), (count, seed) => {
        let x = seed;
        const rnd = (): number => {
          x = (x * 1103515245 + 12345) & 0x7fffffff;
          return x / 0x80000000;
        };
        const h = new HashValue();
        const stable: string[] = [];
        for (let i = 0; i < 300; i++) {
          h.set(`s${i}`, 'v');
          stable.push(`s${i}`);
        }
        for (let i = 0; i < 600; i++) h.set(`t${i}`, 'v');
        let next = 600;
        const seen = scanAll(h, count, () => {
          // delete many transient fields (forcing compactions), add a new one (slower than the scan advances)
          for (let j = 0; j < 40; j++) h.delete(`t${Math.floor(rnd() * next)}`);
          h.set(`t${next++}`, 'v');
        });
        for (const f of stable) expect(seen.has(f)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('a cursor stays valid on a copy (copy-on-write during a scan)', () => {
    const h = new HashValue();
    for (let i = 0; i < 400; i++) h.set(`k${i}`, 'v');
    for (let i = 0; i < 150; i++) h.delete(`k${i * 2}`); // holes, not yet compacted
    const seen = new Set<string>();
    let cursor = h.scanSlots(0n, 100, (s) => seen.add(h.keyAt(s)!));
    const copy = h.clone();
    do cursor = copy.scanSlots(cursor, 100, (s) => seen.add(copy.keyAt(s)!));
    while (cursor !== 0n);
    expect(seen.size).toBe(250);
  });

  it('an unknown cursor restarts instead of skipping', () => {
    const h = new HashValue();
    for (let i = 0; i < 50; i++) h.set(`k${i}`, 'v');
    const got: string[] = [];
    const next = h.scanSlots(123456789n * 4294967296n + 3n, 1000, (s) => got.push(h.keyAt(s)!));
    expect(next).toBe(0n);
    expect(got).toHaveLength(50);
  });
});

describe('hash objects and encodings', () => {
  it('converts listpack -> hashtable past hash-max-listpack-entries, never back', () => {
    const o = createHashObject();
    for (let i = 0; i < 4; i++) hashSet(o, `f${i}`, 'v', LIMITS);
    expect(o.encoding).toBe(Encoding.LISTPACK);
    hashSet(o, 'f0', 'w', LIMITS); // overwrite: count unchanged
    expect(o.encoding).toBe(Encoding.LISTPACK);
    hashSet(o, 'f4', 'v', LIMITS);
    expect(o.encoding).toBe(Encoding.HASHTABLE);
    for (let i = 0; i < 5; i++) o.ptr.delete(`f${i}`);
    hashSet(o, 'x', 'y', LIMITS);
    expect(o.encoding).toBe(Encoding.HASHTABLE);
  });

  it('converts when a field or value exceeds hash-max-listpack-value', () => {
    const a = createHashObject();
    hashSet(a, 'f', '12345678', LIMITS);
    expect(a.encoding).toBe(Encoding.LISTPACK);
    hashSet(a, 'f', '123456789', LIMITS);
    expect(a.encoding).toBe(Encoding.HASHTABLE);
    const b = createHashObject();
    hashSet(b, '123456789', 'v', LIMITS);
    expect(b.encoding).toBe(Encoding.HASHTABLE);
    const c = createHashObject();
    hashTryConversion(c, ['hset', 'k', 'f', 'v', 'g', '123456789'], 2, 5, LIMITS);
    expect(c.encoding).toBe(Encoding.HASHTABLE);
    const d = createHashObject();
    hashTryConversion(d, ['hset', 'k', 'f', '12345678'], 2, 3, LIMITS);
    expect(d.encoding).toBe(Encoding.LISTPACK);
  });

  it('dup gives an independent copy; memory grows with content', () => {
    const o = createHashObject();
    hashSet(o, 'a', '1', LIMITS);
    hashSet(o, 'b', '2', LIMITS);
    o.ptr.delete('a');
    const before = objectMemory(o);
    const d = dupObject(o) as typeof o;
    expect(d.type).toBe(ObjType.HASH);
    d.ptr.set('c', 'x'.repeat(1000));
    expect(o.ptr.has('c')).toBe(false);
    expect(d.ptr.fields()).toEqual(['b', 'c']);
    expect(objectMemory(d)).toBeGreaterThan(before + 1000);
  });
});

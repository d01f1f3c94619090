// SetValue and the set encodings as Redis 7.0 reports them: intset (canonical int64 members, at most
// set-max-intset-entries) -> hashtable, never back; intset iteration in numeric order; SSCAN cursors; dup.
import { describe, expect, it } from 'vitest';
import { dupObject, Encoding, objectMemory } from '../object.js';
import {
  compareInt64Strings,
  createIntsetObject,
  createSetObject,
  setAdd,
  setMembersOrdered,
  SetValue,
} from './set.js';

const LIMITS = { setMaxIntsetEntries: 4 };

describe('SetValue', () => {
  it('adds, checks and removes members', () => {
    const s = new SetValue();
    expect(s.add('a')).toBe(true);
    expect(s.add('a')).toBe(false);
    expect(s.add('b')).toBe(true);
    expect(s.has('a')).toBe(true);
    expect(s.delete('a')).toBe(true);
    expect(s.delete('a')).toBe(false);
    expect(s.members()).toEqual(['b']);
    expect(s.size).toBe(1);
  });

  it('keeps members across many deletions (compaction) and scans them all', () => {
    const s = new SetValue();
    for (let i = 0; i < 5000; i++) s.add(`m${i}`);
    for (let i = 0; i < 5000; i++) if (i % 10 !== 0) s.delete(`m${i}`);
    expect(s.size).toBe(500);
    expect(s.slotCount).toBeLessThanOrEqual(1000);
    const got = new Set<string>();
    let cur = 0n;
    do cur = s.scanSlots(cur, 10, (slot) => got.add(s.memberAt(slot)));
    while (cur !== 0n);
    expect(got.size).toBe(500);
  });

  it('keeps holes at most the live count even when removing from the tail', () => {
    const s = new SetValue();
    for (let i = 0; i < 300; i++) s.add(`m${i}`);
    for (let i = 0; i < 100; i++) s.delete(`m${i}`); // holes at the front
    for (let i = 299; i >= 150; i--) s.delete(`m${i}`); // tail removals
    expect(s.slotCount - s.size).toBeLessThanOrEqual(s.size);
    expect(s.members()).toEqual(Array.from({ length: 50 }, (_v, i) => `m${100 + i}`));
  });
});

describe('set encodings', () => {
  it('setTypeCreate: intset for an integer first member, hashtable otherwise', () => {
    expect(createSetObject('12').encoding).toBe(Encoding.INTSET);
    expect(createSetObject('-9223372036854775808').encoding).toBe(Encoding.INTSET);
    expect(createSetObject('9223372036854775808').encoding).toBe(Encoding.HASHTABLE);
    expect(createSetObject('012').encoding).toBe(Encoding.HASHTABLE);
    expect(createSetObject('a').encoding).toBe(Encoding.HASHTABLE);
  });

  it('intset -> hashtable when a non-integer arrives', () => {
    const o = createIntsetObject();
    setAdd(o, '1', LIMITS);
    setAdd(o, '2', LIMITS);
    expect(o.encoding).toBe(Encoding.INTSET);
    expect(setAdd(o, '1', LIMITS)).toBe(false);
    expect(setAdd(o, '1.5', LIMITS)).toBe(true);
    expect(o.encoding).toBe(Encoding.HASHTABLE);
    o.ptr.delete('1.5');
    setAdd(o, '3', LIMITS);
    expect(o.encoding).toBe(Encoding.HASHTABLE);
  });

  it('intset -> hashtable past set-max-intset-entries (exactly at the threshold it stays)', () => {
    const o = createIntsetObject();
    for (let i = 0; i < 4; i++) setAdd(o, String(i), LIMITS);
    expect(o.encoding).toBe(Encoding.INTSET);
    setAdd(o, '4', LIMITS);
    expect(o.encoding).toBe(Encoding.HASHTABLE);
  });

  it('an intset iterates in ascending numeric order, a hashtable in insertion order', () => {
    const o = createIntsetObject();
    for (const m of ['10', '-3', '9223372036854775807', '2', '-9223372036854775808', '100']) setAdd(o, m, { setMaxIntsetEntries: 512 });
    expect(setMembersOrdered(o)).toEqual(['-9223372036854775808', '-3', '2', '10', '100', '9223372036854775807']);
    o.ptr.delete('2');
    setAdd(o, '5', { setMaxIntsetEntries: 512 });
    expect(setMembersOrdered(o)).toEqual(['-9223372036854775808', '-3', '5', '10', '100', '9223372036854775807']);
    const h = createSetObject('b');
    setAdd(h, 'b', LIMITS);
    setAdd(h, 'a', LIMITS);
    expect(setMembersOrdered(h)).toEqual(['b', 'a']);
  });

  it('compareInt64Strings orders large values exactly', () => {
    expect(compareInt64Strings('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(compareInt64Strings('-9223372036854775808', '-9223372036854775807')).toBeLessThan(0);
    expect(compareInt64Strings('5', '5')).toBe(0);
  });

  it('dup copies encoding and members independently', () => {
    const o = createIntsetObject();
    setAdd(o, '1', LIMITS);
    const d = dupObject(o) as typeof o;
    expect(d.encoding).toBe(Encoding.INTSET);
    setAdd(d, 'x', LIMITS);
    expect(d.encoding).toBe(Encoding.HASHTABLE);
    expect(o.encoding).toBe(Encoding.INTSET);
    expect(o.ptr.members()).toEqual(['1']);
    expect(objectMemory(d)).toBeGreaterThan(objectMemory(o));
  });
});

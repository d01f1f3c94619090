// Snapshots: a point-in-time view that later writes (overwrite, delete, in-place mutation, expiry) never change,
// with writes interleaved into the iteration; release drops exactly the snapshot's references.
import { describe, expect, it } from 'vitest';
import { Keyspace } from './keyspace.js';
import { createStringObject, type RObject } from './object.js';
import { StoreMisuseError } from './errors.js';

describe('DbSnapshot', () => {
  it('iterates the state at snapshot time while writes are interleaved', () => {
    let now = 10_000;
    const ks = new Keyspace({ clock: () => now });
    const db = ks.db(0);
    const expected = new Map<string, string>();
    for (let i = 0; i < 1000; i++) {
      db.set(`k${i}`, createStringObject(`v${i}`));
      expected.set(`k${i}`, `v${i}`);
    }
    db.setExpire('k5', now + 10);
    const snap = db.snapshot();
    const seen = new Map<string, string>();
    let i = 0;
    for (const { key, value, expire } of snap) {
      seen.set(key, value.ptr as string);
      if (key === 'k5') expect(expire).toBe(10_010);
      // interleave writes of every kind
      db.set(`k${(i * 7) % 1000}`, createStringObject('overwritten'));
      db.delete(`k${(i * 13) % 1000}`);
      const w = db.lookupWrite(`k${(i * 17) % 1000}`) as RObject<string> | undefined;
      if (w) w.ptr = 'mutated in place';
      db.set(`new${i}`, createStringObject('n'));
      i++;
      now += 1;
    }
    db.rename('k999', 'renamed');
    expect(seen).toEqual(expected);
    snap.release();
    expect(() => snap.release()).toThrow(StoreMisuseError);
    expect(db.lookupRead('new0')?.ptr).toBe('n');
  });

  it('release drops the pins: untouched keys back to refcount 1, replaced values freed', () => {
    const ks = new Keyspace({ clock: () => 0 });
    const db = ks.db(0);
    const a = createStringObject('a');
    const b = createStringObject('b');
    db.set('a', a);
    db.set('b', b);
    const snap = db.snapshot();
    expect(a.refcount).toBe(2);
    db.set('b', createStringObject('b2'));
    expect(b.refcount).toBe(1);
    expect(b.ptr).toBe('b');
    snap.release();
    expect(a.refcount).toBe(1);
    expect(b.refcount).toBe(0);
    expect(snap.size).toBe(0);
  });
});

// Snapshots: a point-in-time view that later writes (overwrite, delete, in-place mutation, expiry) never change,
// with writes interleaved into the iteration; release drops exactly the snapshot's references.
import fc from 'fast-check';
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

  it('is single-pass, survives FLUSHDB and SWAPDB mid-iteration, and defers slot compaction', () => {
    const ks = new Keyspace({ clock: () => 0 });
    const db = ks.db(0);
    for (let i = 0; i < 300; i++) db.set(`k${i}`, createStringObject(`v${i}`));
    const snap = db.snapshot();
    const first = snap.next()!;
    expect(first.key).toBe('k0');
    for (let i = 0; i < 300; i++) if (i % 3 !== 0) db.delete(`k${i}`); // would compact the slot array
    for (let c = db.scan(0n, 10, () => undefined); c !== 0n; ) c = db.scan(c, 10, () => undefined); // nor may SCAN
    db.set('later', createStringObject('x'));
    ks.swapDb(0, 1);
    ks.db(1).flush();
    const rest: string[] = [];
    for (let r = snap.next(); r !== undefined; r = snap.next()) rest.push(`${r.key}=${r.value.ptr as string}`);
    expect(rest.length).toBe(299);
    expect(rest[0]).toBe('k1=v1');
    expect(rest[298]).toBe('k299=v299');
    expect(() => snap.forEach(() => undefined)).toThrow(/single-pass/);
    snap.release();
    expect(db.size()).toBe(0);
  });

  it('two snapshots at different times each see their own point in time', () => {
    const ks = new Keyspace({ clock: () => 0 });
    const db = ks.db(0);
    db.set('k', createStringObject('1'));
    const s1 = db.snapshot();
    db.set('k', createStringObject('2'));
    db.set('j', createStringObject('j'));
    const s2 = db.snapshot();
    db.delete('k');
    const w = db.lookupWrite('j') as RObject<string>;
    w.ptr = 'changed';
    // a record's value is only guaranteed until the next step: read it inside the loop
    const read = (s: typeof s1) => {
      const out: string[] = [];
      s.forEach((key, value) => out.push(`${key}=${value.ptr as string}`));
      return out;
    };
    expect(read(s1)).toEqual(['k=1']);
    expect(read(s2)).toEqual(['k=2', 'j=j']);
    s1.release();
    s2.release();
    expect(db.lookupRead('j')?.ptr).toBe('changed');
    expect(db.lookupRead('j')?.refcount).toBe(1);
  });

  it('release drops the pins: untouched keys keep refcount 1, replaced values are freed', () => {
    const ks = new Keyspace({ clock: () => 0 });
    const db = ks.db(0);
    const a = createStringObject('a');
    const b = createStringObject('b');
    db.set('a', a);
    db.set('b', b);
    const snap = db.snapshot();
    expect(a.refcount).toBe(1); // taking a snapshot is O(1): nothing pinned yet
    db.set('b', createStringObject('b2'));
    expect(b.refcount).toBe(1); // preserved for the snapshot before the overwrite released it
    expect(b.ptr).toBe('b');
    snap.release();
    expect(a.refcount).toBe(1);
    expect(b.refcount).toBe(0);
    expect(snap.size).toBe(2);
    expect(() => snap.next()).toThrow(StoreMisuseError);
  });
});

describe('DbSnapshot (property)', () => {
  it('yields exactly the state at snapshot time under random interleaved writes', () => {
    type Op = [number, number, number];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 80 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.nat(120), fc.nat(120)), { maxLength: 300 }),
        (initial, ops: Op[]) => {
          const ks = new Keyspace({ clock: () => 0 });
          const db = ks.db(0);
          for (let i = 0; i < initial; i++) {
            db.set(`k${i}`, createStringObject(`v${i}`));
            if (i % 3 === 0) db.setExpire(`k${i}`, 1000 + i);
          }
          const expected = new Map<string, string>();
          for (const key of db.keys()) expected.set(key, `${db.peek(key)!.ptr as string}|${db.getExpire(key)}`);
          const snap = db.snapshot();
          const got = new Map<string, string>();
          let step = 0;
          for (let r = snap.next(); r !== undefined; r = snap.next()) {
            expect(got.has(r.key)).toBe(false);
            got.set(r.key, `${r.value.ptr as string}|${r.expire}`);
            const op = ops[step++];
            if (op === undefined) continue;
            const [kind, a, b] = op;
            const ka = `k${a}`;
            const kb = `k${b}`;
            switch (kind) {
              case 0:
                db.set(ka, createStringObject(`new${step}`));
                break;
              case 1:
                db.delete(ka);
                break;
              case 2: {
                const w = db.lookupWrite(ka) as RObject<string> | undefined;
                if (w) w.ptr = `mut${step}`;
                break;
              }
              case 3:
                if (db.exists(ka)) db.setExpire(ka, 5000 + step);
                break;
              case 4:
                db.removeExpire(ka);
                break;
              case 5:
                db.rename(ka, kb);
                break;
              case 6:
                db.moveTo(ka, ks.db(1));
                break;
              case 7:
                db.copyTo(ka, kb, db, true);
                break;
              case 8:
                if (a % 20 === 0) ks.swapDb(0, 1);
                else db.set(`fresh${step}`, createStringObject('f'));
                break;
              case 9:
                if (a % 30 === 0) db.flush();
                break;
              case 10:
                for (let j = 0; j < 30; j++) db.delete(`k${(a + j) % 80}`);
                db.scan(0n, 5, () => undefined);
                break;
            }
          }
          snap.release();
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});

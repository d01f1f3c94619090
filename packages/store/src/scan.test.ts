// SCAN guarantee: every key present for the whole iteration is returned at least once, under random growth and
// shrinkage between calls (including array compactions), and the iteration terminates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Keyspace } from './keyspace.js';
import { createStringObject } from './object.js';

function fullScan(db: ReturnType<Keyspace['db']>, count: number, between?: () => void): string[] {
  const out: string[] = [];
  let c = 0n;
  let calls = 0;
  do {
    c = db.scan(c, count, (k) => out.push(k));
    between?.();
    calls++;
    if (calls > 1_000_000) throw new Error('scan did not terminate');
  } while (c !== 0n);
  return out;
}

describe('Db.scan', () => {
  it('returns each key exactly once on a quiet db', () => {
    const ks = new Keyspace({ clock: () => 0 });
    const db = ks.db(0);
    for (let i = 0; i < 1000; i++) db.set(`k${i}`, createStringObject('v'));
    const got = fullScan(db, 10);
    expect(got.length).toBe(1000);
    expect(new Set(got).size).toBe(1000);
    expect(fullScan(ks.db(1), 10)).toEqual([]);
  });

  it('keeps the guarantee while keys are added and removed between calls (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.tuple(fc.constantFrom('add', 'del', 'delmany', 'addmany'), fc.nat()), { maxLength: 200 }),
        (initial, count, ops) => {
          const ks = new Keyspace({ clock: () => 0 });
          const db = ks.db(0);
          let next = 0;
          const all: string[] = [];
          for (let i = 0; i < initial; i++) {
            const k = `k${next++}`;
            db.set(k, createStringObject('v'));
            all.push(k);
          }
          const removed = new Set<string>();
          let step = 0;
          const seen = new Set<string>();
          let c = 0n;
          let calls = 0;
          do {
            c = db.scan(c, count, (k) => seen.add(k));
            const op = ops[step++ % Math.max(ops.length, 1)];
            if (op !== undefined && step <= ops.length) {
              const [kind, n] = op;
              if (kind === 'add' || kind === 'addmany') {
                const m = kind === 'add' ? 1 : 50;
                for (let j = 0; j < m; j++) db.set(`k${next++}`, createStringObject('v'));
              } else if (all.length > 0) {
                const m = kind === 'del' ? 1 : 60;
                for (let j = 0; j < m; j++) {
                  const k = all[(n + j * 31) % all.length]!;
                  if (db.delete(k)) removed.add(k);
                }
              }
            }
            if (++calls > 100_000) throw new Error('no termination');
          } while (c !== 0n);
          for (const k of all) if (!removed.has(k)) expect(seen.has(k)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('survives many compactions during one iteration (cursor translation across epochs)', () => {
    const ks = new Keyspace({ clock: () => 0 });
    const db = ks.db(0);
    const stable: string[] = [];
    for (let i = 0; i < 2000; i++) {
      db.set(`s${i}`, createStringObject('v'));
      stable.push(`s${i}`);
    }
    let churn = 0;
    const seen = new Set<string>();
    let c = 0n;
    do {
      c = db.scan(c, 5, (k) => seen.add(k));
      // insert and delete many keys: the slot array is compacted again and again
      for (let j = 0; j < 300; j++) db.set(`c${churn + j}`, createStringObject('x'));
      for (let j = 0; j < 300; j++) db.delete(`c${churn + j}`);
      churn += 300;
    } while (c !== 0n);
    for (const k of stable) expect(seen.has(k)).toBe(true);
  });

  it('expired keys are expired on the way and not returned', () => {
    let now = 0;
    const ks = new Keyspace({ clock: () => now });
    const db = ks.db(0);
    db.set('a', createStringObject('v'));
    db.set('b', createStringObject('v'));
    db.setExpire('b', 5);
    now = 5;
    expect(fullScan(db, 10)).toEqual(['a']);
    expect(db.size()).toBe(1);
  });

  it('a garbage cursor is treated as a position, never an error', () => {
    const ks = new Keyspace({ clock: () => 0 });
    const db = ks.db(0);
    for (let i = 0; i < 10; i++) db.set(`k${i}`, createStringObject('v'));
    const out: string[] = [];
    expect(db.scan(18446744073709551615n, 10, (k) => out.push(k))).toBeTypeOf('bigint');
    expect(db.scan(123456789n, 10, (k) => out.push(k))).toBeTypeOf('bigint');
  });
});

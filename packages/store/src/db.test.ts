// Db basics: set/get/delete, TTLs with lazy expiry and its hooks, LRU touch, COW on lookupWrite, rename/move/copy,
// randomKey, SWAPDB and memory accounting. Clock injected; nothing depends on wall time.
import { describe, expect, it } from 'vitest';
import { Keyspace } from './keyspace.js';
import { createStringObject, decrRefCount, incrRefCount, SHARED_REFCOUNT } from './object.js';
import { shared } from './shared.js';

function setup(config = {}) {
  let now = 1_000_000;
  const events: string[] = [];
  const modified: string[] = [];
  const ks = new Keyspace({ clock: () => now, config });
  ks.hooks = {
    notify: (cls, ev, key, db) => events.push(`${cls}:${ev}:${key}@${db}`),
    keyModified: (db, key) => modified.push(`${key}@${db.id}`),
  };
  return {
    ks,
    db: ks.db(0),
    events,
    modified,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

describe('Db', () => {
  it('set, lookupRead, overwrite releases the old value, delete releases', () => {
    const { ks, db } = setup();
    const a = createStringObject('a');
    db.set('k', a);
    expect(db.lookupRead('k')).toBe(a);
    const b = createStringObject('b');
    db.set('k', b);
    expect(a.refcount).toBe(0);
    expect(db.lookupRead('k')?.ptr).toBe('b');
    expect(db.size()).toBe(1);
    expect(db.delete('k')).toBe(true);
    expect(b.refcount).toBe(0);
    expect(db.delete('k')).toBe(false);
    expect(db.lookupRead('k')).toBeUndefined();
    expect(ks.stats.keyspaceHits).toBe(2);
    expect(ks.stats.keyspaceMisses).toBe(1);
  });

  it('add refuses an existing key', () => {
    const { db } = setup();
    db.add('k', createStringObject('1'));
    expect(() => db.add('k', createStringObject('2'))).toThrow(/already exists/);
    expect(db.peek('k')?.ptr).toBe('1');
  });

  it('keymiss notification on a read miss', () => {
    const { db, events } = setup();
    db.lookupRead('nope');
    expect(events).toEqual(['m:keymiss:nope@0']);
  });

  it('lazy expiry fires expired + keyModified and counts', () => {
    const { ks, db, events, modified, advance, now } = setup();
    db.set('k', createStringObject('v'));
    db.setExpire('k', now() + 100);
    expect(db.getExpire('k')).toBe(now() + 100);
    expect(db.expiresSize()).toBe(1);
    advance(99);
    expect(db.exists('k')).toBe(true);
    advance(1);
    expect(db.peek('k')).toBeDefined();
    expect(db.lookupRead('k')).toBeUndefined();
    expect(events).toContain('x:expired:k@0');
    expect(modified).toEqual(['k@0']);
    expect(ks.stats.expiredKeys).toBe(1);
    expect(db.size()).toBe(0);
    expect(db.expiresSize()).toBe(0);
  });

  it('delete of a logically expired key expires it and returns false', () => {
    const { db, events, advance, now } = setup();
    db.set('k', createStringObject('v'));
    db.setExpire('k', now() + 10);
    advance(10);
    expect(db.delete('k')).toBe(false);
    expect(events).toEqual(['n:new:k@0', 'x:expired:k@0']);
  });

  it('set clears the TTL unless keepTtl', () => {
    const { db, now } = setup();
    db.set('k', createStringObject('v'));
    db.setExpire('k', now() + 1000);
    db.set('k', createStringObject('w'), { keepTtl: true });
    expect(db.getExpire('k')).toBe(now() + 1000);
    db.set('k', createStringObject('x'));
    expect(db.getExpire('k')).toBe(-1);
    expect(db.expiresSize()).toBe(0);
    db.setExpire('k', now() + 5);
    expect(db.removeExpire('k')).toBe(true);
    expect(db.removeExpire('k')).toBe(false);
    expect(() => db.setExpire('missing', 1)).toThrow(/no such key/);
  });

  it('set over an expired key expires it first: KEEPTTL keeps nothing, the key is new again', () => {
    const { db, events, advance, now } = setup();
    db.set('k', createStringObject('v'));
    db.setExpire('k', now() + 10);
    advance(10);
    events.length = 0;
    db.set('k', createStringObject('w'), { keepTtl: true });
    expect(events).toEqual(['x:expired:k@0', 'n:new:k@0']);
    expect(db.getExpire('k')).toBe(-1);
    expect(db.lookupRead('k')?.ptr).toBe('w');
    db.setExpire('k', now() + 5);
    advance(5);
    db.add('k', createStringObject('added over an expired key'));
    expect(db.lookupRead('k')?.ptr).toBe('added over an expired key');
  });

  it('replica mode hides expired keys without deleting them', () => {
    const { ks, db, events, advance, now } = setup();
    ks.replica = true;
    db.set('k', createStringObject('v'));
    db.setExpire('k', now() + 10);
    advance(20);
    expect(db.lookupRead('k')).toBeUndefined();
    expect(db.exists('k')).toBe(false);
    expect(db.size()).toBe(1);
    expect(ks.activeExpireCycle(10)).toBe(0);
    expect(events).not.toContain('x:expired:k@0');
    expect(db.delete('k')).toBe(true);
    expect(db.size()).toBe(0);
  });

  it('lookupRead updates the LRU clock; peek does not', () => {
    const { db, advance } = setup();
    db.set('k', createStringObject('v'));
    const o = db.peek('k')!;
    const before = o.lru;
    advance(5000);
    db.peek('k');
    expect(o.lru).toBe(before);
    db.lookupRead('k');
    expect(o.lru).toBe(before + 5);
  });

  it('lookupWrite unshares an object held elsewhere and keeps the other copy intact', () => {
    const { db } = setup();
    const o = createObject2();
    db.set('k', o);
    incrRefCount(o); // someone else (a snapshot) holds it too
    const w = db.lookupWrite('k')!;
    expect(w).not.toBe(o);
    expect(w.refcount).toBe(1);
    expect(o.refcount).toBe(1);
    expect(w.ptr).toBe('v');
    expect(db.peek('k')).toBe(w);
    decrRefCount(o);
    // a shared integer stored under a key is copied before a write too
    db.set('n', shared.integers[7]!);
    const n = db.lookupWrite('n')!;
    expect(n).not.toBe(shared.integers[7]);
    expect(n.ptr).toBe('7');
    expect(shared.integers[7]!.refcount).toBe(SHARED_REFCOUNT);
  });

  it('rename moves value and TTL, overwriting the destination', () => {
    const { db, now } = setup();
    const a = createStringObject('a');
    const b = createStringObject('b');
    db.set('src', a);
    db.setExpire('src', now() + 500);
    db.set('dst', b);
    expect(db.rename('src', 'dst')).toBe(true);
    expect(b.refcount).toBe(0);
    expect(db.peek('dst')).toBe(a);
    expect(a.refcount).toBe(1);
    expect(db.getExpire('dst')).toBe(now() + 500);
    expect(db.exists('src')).toBe(false);
    expect(db.rename('nope', 'x')).toBe(false);
    expect(db.rename('dst', 'dst')).toBe(true);
    expect(db.size()).toBe(1);
    expect(db.expiresSize()).toBe(1);
  });

  it('moveTo moves between dbs unless the target has the key', () => {
    const { ks, db } = setup();
    const other = ks.db(1);
    db.set('k', createStringObject('v'));
    other.set('taken', createStringObject('t'));
    db.set('taken', createStringObject('mine'));
    expect(db.moveTo('k', other)).toBe(true);
    expect(db.exists('k')).toBe(false);
    expect(other.peek('k')?.ptr).toBe('v');
    expect(db.moveTo('taken', other)).toBe(false);
    expect(db.moveTo('missing', other)).toBe(false);
    expect(db.moveTo('taken', db)).toBe(false);
  });

  it('copyTo duplicates the value and its TTL', () => {
    const { ks, db, now } = setup();
    const a = createStringObject('a');
    db.set('src', a);
    db.setExpire('src', now() + 100);
    expect(db.copyTo('src', 'dst')).toBe(true);
    const c = db.peek('dst')!;
    expect(c).not.toBe(a);
    expect(c.ptr).toBe('a');
    expect(db.getExpire('dst')).toBe(now() + 100);
    expect(db.copyTo('src', 'dst')).toBe(false);
    db.set('src', createStringObject('z'));
    expect(db.copyTo('src', 'dst', db, true)).toBe(true);
    expect(db.peek('dst')?.ptr).toBe('z');
    expect(db.copyTo('src', 'x', ks.db(3))).toBe(true);
    expect(ks.db(3).peek('x')?.ptr).toBe('z');
  });

  it('randomKey returns live keys and lazily deletes expired ones', () => {
    const { db, advance, now } = setup();
    expect(db.randomKey()).toBeUndefined();
    for (let i = 0; i < 50; i++) {
      db.set(`e${i}`, createStringObject('v'));
      db.setExpire(`e${i}`, now() + 10);
    }
    db.set('live', createStringObject('v'));
    advance(10);
    expect(db.randomKey()).toBe('live');
    expect(db.size()).toBeLessThanOrEqual(51);
    for (let i = 0; i < 20; i++) expect(db.randomKey()).toBe('live');
  });

  it('keys() skips logically expired keys', () => {
    const { db, advance, now } = setup();
    db.set('a', createStringObject('1'));
    db.set('b', createStringObject('2'));
    db.setExpire('b', now() + 1);
    advance(1);
    expect([...db.keys()]).toEqual(['a']);
  });

  it('swapDb exchanges contents; Db objects and ids stay', () => {
    const { ks } = setup();
    const d0 = ks.db(0);
    const d1 = ks.db(1);
    d0.set('x', createStringObject('zero'));
    d1.set('y', createStringObject('one'));
    ks.swapDb(0, 1);
    expect(ks.db(0)).toBe(d0);
    expect(d0.id).toBe(0);
    expect(d0.peek('y')?.ptr).toBe('one');
    expect(d1.peek('x')?.ptr).toBe('zero');
    expect(d0.peek('x')).toBeUndefined();
  });

  it('flush releases every value; flushAll empties every db', () => {
    const { ks, db } = setup();
    const a = createStringObject('a');
    db.set('a', a);
    ks.db(2).set('b', createStringObject('b'));
    db.flush();
    expect(a.refcount).toBe(0);
    expect(db.size()).toBe(0);
    ks.flushAll();
    expect(ks.db(2).size()).toBe(0);
    expect(ks.usedMemory()).toBe(0);
  });

  it('memory accounting follows sets, in-place changes and deletes', () => {
    const { ks, db } = setup();
    expect(ks.usedMemory()).toBe(0);
    db.set('k', createStringObject('x'.repeat(100)));
    const m1 = ks.usedMemory();
    expect(m1).toBeGreaterThan(100);
    const o = db.lookupWrite('k')!;
    o.ptr = 'x'.repeat(1000);
    db.signalModified('k');
    expect(ks.usedMemory()).toBeGreaterThan(m1 + 800);
    expect(db.memoryUsage('k')).toBe(ks.usedMemory());
    expect(db.memoryUsage('nope')).toBeUndefined();
    db.delete('k');
    expect(ks.usedMemory()).toBe(0);
  });

  it('the clock can be frozen for the duration of a command', () => {
    const { ks, db, advance, now } = setup();
    db.set('k', createStringObject('v'));
    db.setExpire('k', now() + 10);
    ks.freezeTime();
    advance(50);
    expect(db.exists('k')).toBe(true);
    ks.unfreezeTime();
    expect(db.exists('k')).toBe(false);
  });
});

function createObject2() {
  return createStringObject('v');
}

describe('Db.moveTo', () => {
  it('keeps the TTL of the moved key', () => {
    const ks = new Keyspace();
    const a = ks.db(0);
    const b = ks.db(1);
    a.set('k', createStringObject('v'));
    const at = ks.now() + 100_000;
    a.setExpire('k', at);
    expect(a.moveTo('k', b)).toBe(true);
    expect(a.exists('k')).toBe(false);
    expect(b.getExpire('k')).toBe(at);
    expect(b.expiresSize()).toBe(1);
  });
});

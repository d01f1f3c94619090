// KeyHandle misuse: the Valkey double-close scenario and every use after close/unlink must throw
// KeyHandleClosedError without touching a refcount, leaving the keyspace intact.
import { describe, expect, it } from 'vitest';
import { KeyHandleClosedError } from './errors.js';
import { Keyspace } from './keyspace.js';
import { createStringObject, type RObject } from './object.js';

describe('KeyHandle', () => {
  it('Valkey scenario: open for write, unlink, close, close again', () => {
    const ks = new Keyspace({ clock: () => 1000 });
    const db = ks.db(0);
    const other = createStringObject('other-value');
    db.set('other', other);
    const v = createStringObject('value');
    db.set('k', v);

    const h = db.openKey('k', { write: true });
    expect(h.value()).toBe(v);
    expect(v.refcount).toBe(2);
    expect(h.unlink()).toBe(true);
    expect(db.exists('k')).toBe(false);
    expect(v.refcount).toBe(1); // only the handle's pin is left
    h.close();
    expect(v.refcount).toBe(0);
    const rcOther = other.refcount;
    expect(() => h.close()).toThrow(KeyHandleClosedError);
    try {
      h.close();
    } catch (e) {
      expect((e as KeyHandleClosedError).code).toBe('ERR_KEY_HANDLE_CLOSED');
    }
    // nothing else changed: the other key, its refcount, and further commands work
    expect(v.refcount).toBe(0);
    expect(other.refcount).toBe(rcOther);
    expect(db.lookupRead('other')?.ptr).toBe('other-value');
    db.set('k', createStringObject('again'));
    expect(db.lookupRead('k')?.ptr).toBe('again');
    expect(db.size()).toBe(2);
  });

  it('any use after close throws and changes no refcount', () => {
    const ks = new Keyspace({ clock: () => 1000 });
    const db = ks.db(0);
    const v = createStringObject('value');
    db.set('k', v);
    const h = db.openKey('k', { write: true });
    h.close();
    expect(v.refcount).toBe(1);
    const uses: (() => unknown)[] = [
      () => h.value(),
      () => h.type(),
      () => h.modify(),
      () => h.set(createStringObject('x')),
      () => h.unlink(),
      () => h.getExpire(),
      () => h.setExpire(5),
      () => h.close(),
    ];
    for (const use of uses) expect(use).toThrow(KeyHandleClosedError);
    expect(v.refcount).toBe(1);
    expect(db.peek('k')).toBe(v);
  });

  it('after unlink only close() is allowed', () => {
    const ks = new Keyspace({ clock: () => 1000 });
    const db = ks.db(0);
    db.set('k', createStringObject('v'));
    const h = db.openKey('k', { write: true });
    h.unlink();
    expect(() => h.value()).toThrow(KeyHandleClosedError);
    expect(() => h.unlink()).toThrow(KeyHandleClosedError);
    h.close();
  });

  it('read handles cannot write; the pinned value survives a concurrent overwrite', () => {
    const ks = new Keyspace({ clock: () => 1000 });
    const db = ks.db(0);
    const v = createStringObject('old');
    db.set('k', v);
    const h = db.openKey('k');
    expect(() => h.set(createStringObject('x'))).toThrow(KeyHandleClosedError);
    db.set('k', createStringObject('new')); // someone else overwrites
    expect(h.value()?.ptr).toBe('old'); // still valid: the handle holds a reference
    h.close();
    expect(v.refcount).toBe(0);
    expect(db.peek('k')?.ptr).toBe('new');
  });

  it('write through the handle: set, modify (copy-on-write aware), TTL', () => {
    const ks = new Keyspace({ clock: () => 1000 });
    const db = ks.db(0);
    const h = db.openKey('k', { write: true });
    expect(h.value()).toBeUndefined();
    expect(h.setExpire(5000)).toBe(false);
    const a = createStringObject('a');
    h.set(a);
    expect(db.peek('k')).toBe(a);
    expect(a.refcount).toBe(2);
    const snap = db.snapshot(); // a third owner
    const m = h.modify()! as RObject<string>;
    expect(m).not.toBe(a); // copied because the snapshot holds `a`
    m.ptr = 'changed';
    expect(db.peek('k')?.ptr).toBe('changed');
    expect(snap.next()!.value.ptr).toBe('a'); // the snapshot still reads the old value
    expect(h.setExpire(5000)).toBe(true);
    expect(h.getExpire()).toBe(5000);
    h.close();
    snap.release();
    expect(a.refcount).toBe(0);
    expect(m.refcount).toBe(1);
  });
});

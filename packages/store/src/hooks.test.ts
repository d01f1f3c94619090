// Hooks fired by the store on its own: expiry and eviction propagate (keyDeleted) and notify, SWAPDB reports both
// dbs, and commands' own writes fire only what the caller signals (plus 'new' on key creation).
import { describe, expect, it } from 'vitest';
import { Keyspace } from './keyspace.js';
import { createStringObject } from './object.js';

describe('keyspace hooks', () => {
  it('eviction fires keyDeleted(evicted), notify(e, evicted) and keyModified in that db', () => {
    const ks = new Keyspace({ clock: () => 0, random: () => 0.5, config: { maxmemoryPolicy: 'allkeys-random' } });
    const log: string[] = [];
    ks.hooks = {
      keyDeleted: (db, key, why) => log.push(`del ${key}@${db.id} ${why}`),
      notify: (cls, ev, key, id) => log.push(`notify ${cls} ${ev} ${key}@${id}`),
      keyModified: (db, key) => log.push(`modified ${key}@${db.id}`),
    };
    ks.db(4).set('only', createStringObject('v'));
    log.length = 0;
    ks.config.maxmemory = 1;
    expect(ks.performEvictions()).toBe('ok');
    expect(log).toEqual(['del only@4 evicted', 'notify e evicted only@4', 'modified only@4']);
    expect(ks.stats.evictedKeys).toBe(1);
  });

  it('SWAPDB reports both dbs; set/delete fire no keyModified by themselves', () => {
    const ks = new Keyspace({ clock: () => 0 });
    const log: string[] = [];
    ks.hooks = {
      dbSwapped: (a, b) => log.push(`swap ${a.id} ${b.id}`),
      keyModified: (db, key) => log.push(`modified ${key}@${db.id}`),
      notify: (cls, ev, key) => log.push(`${cls} ${ev} ${key}`),
    };
    const db = ks.db(0);
    db.set('k', createStringObject('1'));
    db.set('k', createStringObject('2'));
    db.delete('k');
    ks.swapDb(0, 9);
    ks.swapDb(3, 3);
    db.signalModified('k');
    expect(log).toEqual(['n new k', 'swap 0 9', 'modified k@0']);
  });

  it('signalReady and notify pass the db through', () => {
    const ks = new Keyspace({ clock: () => 0 });
    const log: string[] = [];
    ks.hooks = {
      keyReady: (db, key) => log.push(`ready ${key}@${db.id}`),
      notify: (cls, ev, key, id) => log.push(`${cls} ${ev} ${key}@${id}`),
    };
    ks.db(2).signalReady('list');
    ks.db(2).notify('l', 'lpush', 'list');
    expect(log).toEqual(['ready list@2', 'l lpush list@2']);
  });
});

// Active expiry: Redis's sampling cycle deletes expired keys (with hooks), keeps going while >25% of a sample
// expired, stops at its time budget, and keeps avg_ttl; all with an injected clock and timer.
import { describe, expect, it } from 'vitest';
import { Keyspace } from './keyspace.js';
import { createStringObject } from './object.js';

describe('activeExpireCycle', () => {
  it('expires every expired key when most of the sample is stale', () => {
    let now = 1000;
    const ks = new Keyspace({ clock: () => now });
    const events: string[] = [];
    const deleted: string[] = [];
    ks.hooks = {
      notify: (cls, ev, key, db) => events.push(`${cls}:${ev}:${key}@${db}`),
      keyDeleted: (db, key, why) => deleted.push(`${key}@${db.id}:${why}`),
    };
    const db = ks.db(0);
    for (let i = 0; i < 500; i++) {
      db.set(`k${i}`, createStringObject('v'));
      db.setExpire(`k${i}`, now + 10);
    }
    ks.db(3).set('x', createStringObject('v'));
    ks.db(3).setExpire('x', now + 10);
    for (let i = 0; i < 10; i++) db.set(`p${i}`, createStringObject('v'));
    now += 10;
    expect(ks.activeExpireCycle(1000)).toBe(501);
    expect(db.size()).toBe(10);
    expect(db.expiresSize()).toBe(0);
    expect(ks.db(3).size()).toBe(0);
    expect(ks.stats.expiredKeys).toBe(501);
    expect(events).toContain('x:expired:k0@0');
    expect(events).toContain('x:expired:x@3');
    expect(deleted).toContain('k499@0:expired');
  });

  it('stops early when few sampled keys are expired (the 25% rule)', () => {
    let now = 1000;
    const ks = new Keyspace({ clock: () => now });
    const db = ks.db(0);
    // 1 expired key in every 10: a sample of 20 finds ~2 (10%) and the cycle moves on
    for (let i = 0; i < 1000; i++) {
      db.set(`k${i}`, createStringObject('v'));
      db.setExpire(`k${i}`, i % 10 === 0 ? now + 1 : now + 1_000_000);
    }
    now += 1;
    const n = ks.activeExpireCycle(1000);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(100);
    // repeated cycles walk the whole TTL list with their cursor and eventually get them all
    let total = n;
    for (let i = 0; i < 200 && total < 100; i++) total += ks.activeExpireCycle(1000);
    expect(total).toBe(100);
    expect(db.size()).toBe(900);
  });

  it('respects the time budget', () => {
    let now = 1000;
    let t = 0;
    const ks = new Keyspace({ clock: () => now, timer: () => (t += 1) });
    const db = ks.db(0);
    for (let i = 0; i < 10_000; i++) {
      db.set(`k${i}`, createStringObject('v'));
      db.setExpire(`k${i}`, now + 1);
    }
    now += 1;
    // every timer read advances 1ms and the budget is checked every 16 loops (of 20 keys each):
    // 1ms is spent at the first check (over a 0.5ms budget), 5ms at the sixth
    expect(ks.activeExpireCycle(0.5)).toBe(16 * 20);
    expect(ks.activeExpireCycle(4)).toBe(5 * 16 * 20);
    expect(db.size()).toBe(10_000 - 6 * 16 * 20);
    expect(ks.activeExpireCycle(0)).toBe(0); // no budget, no work
  });

  it('derives the cron budget from hz and honours active-expire-enabled', () => {
    const ks = new Keyspace({ clock: () => 0 });
    expect(ks.activeExpireBudgetMs()).toBe(25); // hz 10: 100 ms period, 25%
    ks.config.hz = 100;
    expect(ks.activeExpireBudgetMs()).toBe(2.5);
    ks.config.activeExpireEnabled = false;
    expect(ks.activeExpireBudgetMs()).toBe(0);
  });

  it('maintains avg_ttl as a moving average of sampled TTLs', () => {
    const now = 1000;
    const ks = new Keyspace({ clock: () => now });
    const db = ks.db(0);
    for (let i = 0; i < 100; i++) {
      db.set(`k${i}`, createStringObject('v'));
      db.setExpire(`k${i}`, now + 60_000);
    }
    ks.activeExpireCycle(10);
    expect(db.avgTtl).toBe(60_000);
    db.flush();
    ks.activeExpireCycle(10);
    expect(db.avgTtl).toBe(0);
  });
});

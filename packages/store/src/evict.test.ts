// Eviction: the 8 maxmemory-policy values, with an injected clock and random source. LRU evicts the idlest keys,
// LFU the least frequently used, volatile-* only keys with a TTL, volatile-ttl the soonest to expire, and
// noeviction (or nothing evictable) reports 'oom'. Evictions fire `evicted`, keyDeleted and keyModified.
import { describe, expect, it } from 'vitest';
import { Keyspace } from './keyspace.js';
import { LFU_INIT_VAL, lfuDecrAndReturn, lfuLogIncr } from './lru.js';
import { createStringObject } from './object.js';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function fill(ks: Keyspace, n: number, ttl: (i: number) => number | undefined = () => undefined) {
  const db = ks.db(0);
  for (let i = 0; i < n; i++) {
    db.set(`k${i}`, createStringObject('v'.repeat(32)));
    const t = ttl(i);
    if (t !== undefined) db.setExpire(`k${i}`, t);
  }
  return db;
}

function setup(policy: string) {
  let now = 10_000_000;
  const ks = new Keyspace({ clock: () => now, random: seeded(42), config: { maxmemoryPolicy: policy, maxmemorySamples: 10 } });
  return { ks, advance: (ms: number) => (now += ms), now: () => now };
}

describe('performEvictions', () => {
  it('does nothing without maxmemory or under the limit', () => {
    const { ks } = setup('allkeys-lru');
    fill(ks, 100);
    expect(ks.performEvictions()).toBe('ok');
    ks.config.maxmemory = ks.usedMemory() + 1;
    expect(ks.performEvictions()).toBe('ok');
    expect(ks.db(0).size()).toBe(100);
  });

  it('noeviction reports oom and deletes nothing', () => {
    const { ks } = setup('noeviction');
    fill(ks, 100);
    ks.config.maxmemory = 1000;
    expect(ks.performEvictions()).toBe('oom');
    expect(ks.db(0).size()).toBe(100);
  });

  it('allkeys-lru evicts mostly idle keys, with hooks', () => {
    const { ks, advance } = setup('allkeys-lru');
    const db = fill(ks, 1000);
    advance(100_000);
    for (let i = 500; i < 1000; i++) db.lookupRead(`k${i}`); // recently used half
    const evicted: string[] = [];
    const modified: string[] = [];
    ks.hooks = {
      notify: (cls, ev, key) => {
        if (cls === 'e' && ev === 'evicted') evicted.push(key);
      },
      keyModified: (_db, key) => modified.push(key),
    };
    ks.config.maxmemory = Math.floor(ks.usedMemory() * 0.8);
    expect(ks.performEvictions()).toBe('ok');
    expect(ks.usedMemory()).toBeLessThanOrEqual(ks.config.maxmemory);
    expect(evicted.length).toBe(ks.stats.evictedKeys);
    expect(modified).toEqual(evicted);
    const old = evicted.filter((k) => Number(k.slice(1)) < 500).length;
    expect(old / evicted.length).toBeGreaterThan(0.95);
  });

  it('allkeys-lfu evicts mostly rarely used keys', () => {
    const { ks } = setup('allkeys-lfu');
    const db = fill(ks, 1000);
    for (let r = 0; r < 30; r++) for (let i = 500; i < 1000; i++) db.lookupRead(`k${i}`);
    ks.config.maxmemory = Math.floor(ks.usedMemory() * 0.7);
    expect(ks.performEvictions()).toBe('ok');
    let hotLeft = 0;
    for (let i = 500; i < 1000; i++) if (db.exists(`k${i}`)) hotLeft++;
    expect(hotLeft).toBeGreaterThan(480);
  });

  it('volatile-lru / volatile-random / volatile-lfu only evict keys with a TTL, then oom', () => {
    for (const policy of ['volatile-lru', 'volatile-random', 'volatile-lfu']) {
      const { ks, now } = setup(policy);
      const db = fill(ks, 200, (i) => (i % 2 === 0 ? now() + 1_000_000 : undefined));
      ks.config.maxmemory = 1000;
      expect(ks.performEvictions()).toBe('oom');
      expect(db.size()).toBe(100);
      expect(db.expiresSize()).toBe(0);
      for (let i = 1; i < 200; i += 2) expect(db.exists(`k${i}`)).toBe(true);
    }
  });

  it('volatile-ttl evicts the keys closest to expiring first', () => {
    const { ks, now } = setup('volatile-ttl');
    const db = fill(ks, 1000, (i) => now() + 1000 + i * 1000);
    ks.config.maxmemory = Math.floor(ks.usedMemory() * 0.9);
    expect(ks.performEvictions()).toBe('ok');
    const gone: number[] = [];
    for (let i = 0; i < 1000; i++) if (!db.exists(`k${i}`)) gone.push(i);
    const avg = gone.reduce((a, b) => a + b, 0) / gone.length;
    expect(avg).toBeLessThan(250);
  });

  it('allkeys-random evicts across dbs until under the limit', () => {
    const { ks } = setup('allkeys-random');
    fill(ks, 300);
    for (let i = 0; i < 300; i++) ks.db(5).set(`z${i}`, createStringObject('v'.repeat(32)));
    ks.config.maxmemory = Math.floor(ks.usedMemory() / 2);
    expect(ks.performEvictions()).toBe('ok');
    expect(ks.db(0).size()).toBeLessThan(300);
    expect(ks.db(5).size()).toBeLessThan(300);
    ks.config.maxmemory = 1;
    expect(ks.performEvictions()).toBe('ok'); // everything evicted: 0 bytes used
    expect(ks.usedMemory()).toBe(0);
  });

  it('an unknown policy is refused at assignment', () => {
    const { ks } = setup('allkeys-lru');
    expect(() => (ks.config.maxmemoryPolicy = 'most-recent')).toThrow(/unknown maxmemory-policy/);
    expect(ks.config.maxmemoryPolicy).toBe('allkeys-lru');
  });
});

describe('LFU counter', () => {
  it('starts at LFU_INIT_VAL, grows logarithmically, saturates at 255', () => {
    let c = LFU_INIT_VAL;
    const rnd = seeded(1);
    for (let i = 0; i < 100; i++) c = lfuLogIncr(c, 10, rnd());
    expect(c).toBeGreaterThan(LFU_INIT_VAL);
    expect(c).toBeLessThan(30);
    expect(lfuLogIncr(255, 10, 0)).toBe(255);
    expect(lfuLogIncr(3, 10, 0.99)).toBe(4); // below the init value every hit counts
  });

  it('decays by one per lfu-decay-time minutes, as OBJECT FREQ shows', () => {
    const { ks, advance } = setup('allkeys-lfu');
    ks.config.lfuDecayTime = 1;
    const db = fill(ks, 1);
    const o = db.peek('k0')!;
    expect(lfuDecrAndReturn(o, ks.now(), 1)).toBe(LFU_INIT_VAL);
    advance(3 * 60_000);
    expect(lfuDecrAndReturn(o, ks.now(), 1)).toBe(LFU_INIT_VAL - 3);
    advance(60 * 60_000);
    expect(lfuDecrAndReturn(o, ks.now(), 1)).toBe(0);
    expect(lfuDecrAndReturn(o, ks.now(), 0)).toBe(LFU_INIT_VAL);
  });
});

import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache.js';

const id = (n: number): Buffer => Buffer.from([n]);

describe('SessionCache', () => {
  it('evicts the least recently used entry beyond the size limit', () => {
    const c = new SessionCache(2, 300);
    c.set(id(1), Buffer.from('a'));
    c.set(id(2), Buffer.from('b'));
    expect(c.get(id(1))?.toString()).toBe('a'); // 1 is now the youngest
    c.set(id(3), Buffer.from('c'));
    expect(c.get(id(2))).toBeNull();
    expect(c.get(id(1))?.toString()).toBe('a');
    expect(c.get(id(3))?.toString()).toBe('c');
    expect(c.size).toBe(2);
  });

  it('forgets entries older than the timeout', () => {
    let now = 1000;
    const c = new SessionCache(0, 10, () => now);
    c.set(id(1), Buffer.from('a'));
    now += 9_999;
    expect(c.get(id(1))).not.toBeNull();
    now += 10_001;
    expect(c.get(id(1))).toBeNull();
    expect(c.size).toBe(0);
  });

  it('size 0 means no limit', () => {
    const c = new SessionCache(0, 300);
    for (let i = 0; i < 100; i++) c.set(id(i), Buffer.from('x'));
    expect(c.size).toBe(100);
  });
});

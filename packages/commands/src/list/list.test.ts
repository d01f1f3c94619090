// Engine-level tests of the list family: dirty counting, keyspace events in Redis's order, blocked clients served
// in arrival order with no network, timeout parsing into timers (injected), and the non-blocking forms in MULTI.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';

function setup() {
  const timers: { ms: number; fn: () => void }[] = [];
  const e = createEngine({
    host: {
      setTimer: (ms, fn) => {
        const t = { ms, fn };
        timers.push(t);
        return t;
      },
      clearTimer: (t) => {
        const i = timers.indexOf(t as { ms: number; fn: () => void });
        if (i >= 0) timers.splice(i, 1);
      },
    },
  });
  const events: string[] = [];
  const notify = e.keyspace.hooks.notify?.bind(e.keyspace.hooks);
  e.keyspace.hooks.notify = (cls, event, key, db) => {
    events.push(`${event}:${key}`);
    notify?.(cls, event, key, db);
  };
  const c = e.createClient();
  const run = (...argv: (string | number)[]): string => e.run(c, argv).toString('latin1');
  const other = () => {
    const o = e.createClient();
    return { client: o, run: (...argv: (string | number)[]) => e.run(o, argv).toString('latin1'), take: () => o.reply.take().toString('latin1') };
  };
  return { e, c, run, other, timers, events };
}

describe('list writes', () => {
  it('count every element added or removed as a change', () => {
    const { e, run } = setup();
    const d0 = e.dirty;
    run('RPUSH', 'l', 'a', 'b', 'c', 'd', 'e');
    expect(e.dirty - d0).toBe(5);
    run('LPOP', 'l', 2);
    expect(e.dirty - d0).toBe(7);
    run('LTRIM', 'l', 0, 0);
    expect(e.dirty - d0).toBe(9);
    run('LRANGE', 'l', 0, -1);
    run('LREM', 'l', 0, 'zz');
    expect(e.dirty - d0).toBe(9);
  });

  it('fire keyspace events in Redis order, deleting emptied keys', () => {
    const { run, events } = setup();
    run('RPUSH', 'l', 'a');
    run('LINSERT', 'l', 'BEFORE', 'a', 'b');
    run('LSET', 'l', 0, 'c');
    run('LREM', 'l', 0, 'c');
    run('RPOPLPUSH', 'l', 'm');
    expect(events).toEqual([
      'new:l', 'rpush:l', 'linsert:l', 'lset:l', 'lrem:l', 'new:m', 'lpush:m', 'rpop:l', 'del:l',
    ]);
    expect(run('EXISTS', 'l')).toBe(':0\r\n');
  });

  it('LPOS scans at most MAXLEN entries from the chosen end', () => {
    const { run } = setup();
    run('RPUSH', 'l', 'x', 'a', 'x', 'a', 'x');
    expect(run('LPOS', 'l', 'x', 'RANK', -2, 'COUNT', 0)).toBe('*2\r\n:2\r\n:0\r\n');
    expect(run('LPOS', 'l', 'a', 'MAXLEN', 1)).toBe('$-1\r\n');
    expect(run('LPOS', 'l', 'a', 'RANK', -1, 'MAXLEN', 2)).toBe(':3\r\n');
  });
});

describe('blocking list commands in the engine', () => {
  it('serve waiters in arrival order and chain BLMOVE into the next waiter', () => {
    const { run, other } = setup();
    const a = other();
    const b = other();
    const m = other();
    expect(a.run('BLPOP', 'q', 0)).toBe('');
    expect(m.run('BLMOVE', 'q2', 'q', 'RIGHT', 'LEFT', 0)).toBe('');
    expect(b.run('BRPOP', 'q', 0)).toBe('');
    expect(run('RPUSH', 'q2', 'v')).toBe(':1\r\n');
    expect(m.take()).toBe('$1\r\nv\r\n');
    expect(a.take()).toBe('*2\r\n$1\r\nq\r\n$1\r\nv\r\n');
    expect(b.take()).toBe('');
    expect(run('RPUSH', 'q', 'w')).toBe(':1\r\n');
    expect(b.take()).toBe('*2\r\n$1\r\nq\r\n$1\r\nw\r\n');
  });

  it('turn float timeouts into millisecond timers; huge ones block until served', () => {
    const { e, other, timers } = setup();
    const a = other();
    a.run('BLPOP', 'q', '0.0001');
    expect(timers.length).toBe(1);
    expect(timers[0]!.ms).toBeLessThanOrEqual(1); // 0.1 ms rounds up to 1 ms (less if the clock ticked meanwhile)
    timers.pop()!.fn();
    expect(a.take()).toBe('*-1\r\n');
    expect(e.blocking.blockedCount).toBe(0);
    a.run('BLMOVE', 'q', 'x', 'LEFT', 'LEFT', 1e9);
    expect(timers).toEqual([]);
    expect(e.blocking.blockedCount).toBe(1);
  });

  it('answer at once inside MULTI', () => {
    const { run } = setup();
    run('MULTI');
    run('BLPOP', 'q', 0);
    run('BLMOVE', 'q', 'x', 'LEFT', 'LEFT', 0);
    run('BLMPOP', 0, 1, 'q', 'LEFT');
    expect(run('EXEC')).toBe('*3\r\n*-1\r\n$-1\r\n*-1\r\n');
  });

  it('keep a waiter blocked when its key is recreated with another type', () => {
    const { e, run, other } = setup();
    const a = other();
    a.run('BLMPOP', 0, 2, 'k1', 'k2', 'RIGHT', 'COUNT', 3);
    run('MULTI');
    run('RPUSH', 'k1', 'a');
    run('DEL', 'k1');
    run('SET', 'k1', 'str');
    run('EXEC');
    expect(a.take()).toBe('');
    expect(e.blocking.blockedCount).toBe(1);
    run('RPUSH', 'k2', 'x', 'y');
    expect(a.take()).toBe('*2\r\n$2\r\nk2\r\n*2\r\n$1\r\ny\r\n$1\r\nx\r\n');
  });
});

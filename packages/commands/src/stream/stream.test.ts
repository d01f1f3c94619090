// Engine-level tests of the stream family with no network: keyspace events and dirty counts of writes, blocked
// XREAD with `$` served by a later XADD (and not by entries that existed at block time), blocked XREADGROUP woken
// with -NOGROUP by XGROUP DESTROY, XREAD BLOCK inside MULTI answering at once, and XAUTOCLAIM's deleted-ID list.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';

function setup() {
  const e = createEngine({});
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
    return {
      client: o,
      run: (...argv: (string | number)[]) => e.run(o, argv).toString('latin1'),
      take: () => o.reply.take().toString('latin1'),
    };
  };
  return { e, run, other, events };
}

describe('stream writes', () => {
  it('fire Redis events and count changes', () => {
    const { e, run, events } = setup();
    const d0 = e.dirty;
    expect(run('XADD', 's', 'MAXLEN', '2', '1-0', 'a', '1')).toBe('$3\r\n1-0\r\n');
    run('XADD', 's', 'MAXLEN', '2', '2-0', 'a', '1');
    run('XADD', 's', 'MAXLEN', '2', '3-0', 'a', '1');
    expect(run('XDEL', 's', '2-0', '3-0', '9-0')).toBe(':2\r\n');
    expect(run('XGROUP', 'CREATE', 's', 'g', '0')).toBe('+OK\r\n');
    expect(events).toEqual(['new:s', 'xadd:s', 'xadd:s', 'xadd:s', 'xtrim:s', 'xdel:s', 'xgroup-create:s']);
    expect(e.dirty - d0).toBe(6);
    expect(run('TYPE', 's')).toBe('+stream\r\n');
    expect(run('OBJECT', 'ENCODING', 's')).toBe('$6\r\nstream\r\n');
    expect(run('XLEN', 's')).toBe(':0\r\n');
  });
});

describe('blocking reads', () => {
  it('XREAD $ waits for entries added after it blocked', () => {
    const { e, run, other } = setup();
    run('XADD', 's', '1-0', 'a', '1');
    const r = other();
    expect(r.run('XREAD', 'BLOCK', '0', 'STREAMS', 's', '$')).toBe('');
    expect(e.blocking.isBlocked(r.client)).toBe(true);
    run('XADD', 's', '2-0', 'b', '2');
    e.blocking.handleReadyKeys();
    expect(r.take()).toBe('*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n');
    expect(e.blocking.isBlocked(r.client)).toBe(false);
  });

  it('XGROUP DESTROY wakes a blocked XREADGROUP with -NOGROUP', () => {
    const { e, run, other } = setup();
    run('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    const r = other();
    expect(r.run('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>')).toBe('');
    run('XGROUP', 'DESTROY', 's', 'g');
    e.blocking.handleReadyKeys();
    expect(r.take()).toBe('-NOGROUP the consumer group this client was blocked on no longer exists\r\n');
  });

  it('a deleted or retyped key, once signalled ready, fails XREADGROUP readers and keeps XREAD readers waiting', () => {
    const { e, run, other } = setup();
    run('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    const g = other();
    const x = other();
    g.run('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>');
    x.run('XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    run('SET', 's', 'now a string');
    // what DEL / SET over a stream must do for blocked readers (Redis's signalDeletedKeyAsReady)
    e.db(0).signalReady('s');
    e.blocking.handleReadyKeys();
    expect(g.take()).toBe('-UNBLOCKED the stream key no longer exists\r\n');
    expect(e.blocking.isBlocked(x.client)).toBe(true);
    run('DEL', 's');
    run('XADD', 's', '5-0', 'f', 'v');
    e.blocking.handleReadyKeys();
    expect(x.take()).toContain('$3\r\n5-0\r\n');
  });

  it('XREAD BLOCK inside MULTI answers a null array at once', () => {
    const { run } = setup();
    run('MULTI');
    run('XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    expect(run('EXEC')).toBe('*1\r\n*-1\r\n');
  });
});

describe('claiming', () => {
  it('XAUTOCLAIM lists pending IDs whose entries were deleted, and drops them from the PEL', () => {
    const { run } = setup();
    run('XADD', 's', '1-0', 'a', '1');
    run('XADD', 's', '2-0', 'b', '2');
    run('XGROUP', 'CREATE', 's', 'g', '0');
    run('XREADGROUP', 'GROUP', 'g', 'c1', 'STREAMS', 's', '>');
    run('XDEL', 's', '1-0');
    expect(run('XAUTOCLAIM', 's', 'g', 'c2', '0', '0', 'JUSTID')).toBe('*3\r\n$3\r\n0-0\r\n*1\r\n$3\r\n2-0\r\n*1\r\n$3\r\n1-0\r\n');
    expect(run('XPENDING', 's', 'g')).toBe('*4\r\n:1\r\n$3\r\n2-0\r\n$3\r\n2-0\r\n*1\r\n*2\r\n$2\r\nc2\r\n$1\r\n1\r\n');
  });
});

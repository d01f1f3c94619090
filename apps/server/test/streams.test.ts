// Wire tests for the stream family with ioredis and raw RESP3 bytes (blocking XREAD / XREADGROUP woken by XADD
// and by XGROUP DESTROY, `$` resolved at block time, RESP3 map shapes), plus differential runs against a real
// redis-server (replies compared with time-dependent fields masked: seen-time, idle, delivery times).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { differential, haveRedisServer, RawClient, start, startRealRedis, type Started } from './helpers.js';

let srv: Started;
let io: Redis;

beforeAll(async () => {
  srv = await start();
  io = new Redis({ port: srv.port, host: '127.0.0.1' });
});
afterAll(async () => {
  io.disconnect();
  await srv.close();
});

describe('streams over ioredis', () => {
  it('XADD with auto IDs, XRANGE/XREVRANGE, XLEN and binary-safe values', async () => {
    await io.del('s1');
    const id1 = await io.xadd('s1', '*', 'f', 'v1');
    const id2 = await io.xadd('s1', '*', 'f', Buffer.from([0, 255, 13, 10]));
    expect(id1).toMatch(/^\d+-\d+$/);
    expect(await io.xlen('s1')).toBe(2);
    const range = await io.xrangeBuffer('s1', '-', '+');
    expect(range[1]![1][1]).toEqual(Buffer.from([0, 255, 13, 10]));
    expect((await io.xrevrange('s1', '+', '-', 'COUNT', 1))[0]![0]).toBe(id2);
    expect(await io.xrange('s1', `(${id1}`, '+')).toEqual([[id2, ['f', Buffer.from([0, 255, 13, 10]).toString()]]]);
    await expect(io.xadd('s1', '1-1', 'a', 'b')).rejects.toThrow(
      'ERR The ID specified in XADD is equal or smaller than the target stream top item',
    );
    await expect(io.xadd('s0', '0-0', 'a', 'b')).rejects.toThrow('ERR The ID specified in XADD must be greater than 0-0');
  });

  it('IDs are exact up to 2^64-1', async () => {
    await io.del('big');
    expect(await io.xadd('big', '18446744073709551615-18446744073709551614', 'a', '1')).toBe(
      '18446744073709551615-18446744073709551614',
    );
    expect(await io.xadd('big', '18446744073709551615-*', 'a', '2')).toBe('18446744073709551615-18446744073709551615');
    await expect(io.xadd('big', '*', 'a', '3')).rejects.toThrow('ERR The stream has exhausted the last possible ID');
  });

  it('XADD MAXLEN ~ trims whole nodes only, as Redis counts', async () => {
    await io.del('cap');
    for (let i = 1; i <= 250; i++) await io.xadd('cap', `${i}-0`, 'i', String(i));
    await io.xadd('cap', 'MAXLEN', '~', '120', '251-0', 'i', '251');
    expect(await io.xlen('cap')).toBe(151);
    expect(await io.xtrim('cap', 'MAXLEN', '=', 10)).toBe(141);
  });

  it('blocking XREAD with $ is woken by XADD from another client', async () => {
    await io.del('bs');
    await io.xadd('bs', '1-0', 'old', '1');
    const reader = io.duplicate();
    const p = reader.xread('BLOCK', 5000, 'STREAMS', 'bs', '$');
    await waitBlocked(1);
    await io.xadd('bs', '2-0', 'new', '1');
    expect(await p).toEqual([['bs', [['2-0', ['new', '1']]]]]);
    expect(await reader.xread('BLOCK', 50, 'STREAMS', 'bs', '$')).toBeNull();
    reader.disconnect();
  });

  it('blocked XREADGROUP gets new entries, and -NOGROUP when its group is destroyed', async () => {
    await io.del('gs');
    await io.xgroup('CREATE', 'gs', 'g', '$', 'MKSTREAM');
    const r1 = io.duplicate();
    const p1 = r1.xreadgroup('GROUP', 'g', 'alice', 'BLOCK', 5000, 'STREAMS', 'gs', '>');
    await waitBlocked(1);
    await io.xadd('gs', '5-0', 'k', 'v');
    expect(await p1).toEqual([['gs', [['5-0', ['k', 'v']]]]]);
    expect(await io.xpending('gs', 'g')).toEqual([1, '5-0', '5-0', [['alice', '1']]]);
    const p2 = r1.xreadgroup('GROUP', 'g', 'alice', 'BLOCK', 5000, 'STREAMS', 'gs', '>');
    await waitBlocked(1);
    await io.xgroup('DESTROY', 'gs', 'g');
    await expect(p2).rejects.toThrow('NOGROUP the consumer group this client was blocked on no longer exists');
    r1.disconnect();
  });

  it('blocked XREADGROUP is told the stream is gone when SET overwrites the key; XREAD keeps waiting', async () => {
    await io.del('ow');
    await io.xadd('ow', '1-0', 'f', 'v');
    await io.xgroup('CREATE', 'ow', 'g', '$');
    const r1 = io.duplicate();
    const r2 = io.duplicate();
    const p1 = r1.xreadgroup('GROUP', 'g', 'alice', 'BLOCK', 0, 'STREAMS', 'ow', '>');
    const p2 = r2.xread('BLOCK', 0, 'STREAMS', 'ow', '$');
    await waitBlocked(2);
    await io.set('ow', 'a string now');
    await expect(p1).rejects.toThrow('UNBLOCKED the stream key no longer exists');
    await io.del('ow');
    await io.xadd('ow', '7-0', 'f', 'v');
    expect(await p2).toEqual([['ow', [['7-0', ['f', 'v']]]]]);
    r1.disconnect();
    r2.disconnect();
  });

  it('RESP3: XREAD answers a map of key -> entries and XINFO GROUPS maps', async () => {
    await io.del('r3');
    await io.xadd('r3', '1-0', 'a', '1');
    await io.xgroup('CREATE', 'r3', 'g', '0');
    const raw = await RawClient.connect(srv.port);
    raw.command('HELLO', '3');
    await raw.until((t) => t.includes('modules'));
    raw.command('XREAD', 'STREAMS', 'r3', '0');
    const t1 = await raw.until((t) => t.includes('$1\r\n1\r\n'));
    expect(t1).toContain('%1\r\n$2\r\nr3\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n');
    raw.command('XINFO', 'GROUPS', 'r3');
    const t2 = await raw.until((t) => t.includes('$3\r\nlag\r\n'));
    expect(t2).toContain('*1\r\n%6\r\n$4\r\nname\r\n$1\r\ng\r\n');
    raw.close();
  });
});

async function waitBlocked(n: number): Promise<void> {
  const end = Date.now() + 3000;
  while (Date.now() < end) {
    const info = await io.info('clients');
    const m = /blocked_clients:(\d+)/.exec(info);
    if (m && Number(m[1]) >= n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('client did not block');
}

// ---- Differential ----

const TIME_KEYS = new Set(['seen-time', 'idle', 'radix-tree-nodes']);

/** Masks what depends on the clock: timestamps, idle times, and the idle column of XPENDING's extended form. */
function mask(v: unknown): unknown {
  if (typeof v === 'number' && v > 1e12) return 'TS';
  if (!Array.isArray(v)) return v;
  const a = v.map(mask);
  for (let i = 0; i + 1 < a.length; i += 2) if (typeof a[i] === 'string' && TIME_KEYS.has(a[i] as string)) a[i + 1] = 'T';
  if (a.length === 4 && typeof a[0] === 'string' && /^\d+-\d+$/.test(a[0]) && typeof a[1] === 'string' && typeof a[2] === 'number')
    a[2] = 'T';
  return a;
}

const have = haveRedisServer();
if (!have) console.warn('redis-server not found: skipping stream differential tests');

describe.skipIf(!have)('streams differential vs redis-server', () => {
  let real: Awaited<ReturnType<typeof startRealRedis>>;
  beforeAll(async () => {
    real = await startRealRedis();
  });
  afterAll(async () => {
    await real.close();
  });

  async function same(cmds: (string | number)[][]): Promise<void> {
    const { ours, theirs } = await differential(srv.port, real.port, cmds);
    const o = ours.map(mask);
    const t = theirs.map(mask);
    for (let i = 0; i < cmds.length; i++) expect([cmds[i], o[i]]).toEqual([cmds[i], t[i]]);
  }

  it('XADD / XRANGE / XDEL / XTRIM and their errors', async () => {
    await same([
      ['XADD', 's', '1-1', 'a', '1'],
      ['XADD', 's', '1-*', 'b', '2'],
      ['XADD', 's', '5', 'c', '3'],
      ['XADD', 's', '5', 'c', '3'],
      ['XADD', 's', '0-0', 'c', '3'],
      ['XADD', 's', 'NOMKSTREAM', '6-0', 'd'],
      ['XADD', 'nos', 'NOMKSTREAM', '*', 'd', '1'],
      ['XADD', 's', 'MAXLEN', '~', '-1', '*', 'a', '1'],
      ['XADD', 's', 'MAXLEN', '1', 'MINID', '0', '*', 'a', '1'],
      ['XADD', 's', 'LIMIT', '10', '*', 'a', '1'],
      ['XADD', 's', 'MAXLEN', '5', 'LIMIT', '10', '*', 'a', '1'],
      ['XADD', 's', 'abc', 'a', '1'],
      ['XRANGE', 's', '-', '+'],
      ['XRANGE', 's', '(1-1', '+', 'COUNT', '1'],
      ['XRANGE', 's', '-', '+', 'COUNT', '0'],
      ['XRANGE', 's', '-', '(0-0'],
      ['XRANGE', 's', '(18446744073709551615-18446744073709551615', '+'],
      ['XRANGE', 's', '(-', '+'],
      ['XRANGE', 's', '-', '+', 'COUNT'],
      ['XREVRANGE', 's', '+', '-', 'COUNT', '2'],
      ['XREVRANGE', 's', '5', '1'],
      ['XLEN', 's'],
      ['XDEL', 's', '1-1', '9-9'],
      ['XDEL', 's', 'zz'],
      ['XINFO', 'STREAM', 's'],
      ['XTRIM', 's', 'MAXLEN', '1'],
      ['XTRIM', 's', 'MINID', '~', '10', 'LIMIT', '5'],
      ['XTRIM', 's'],
      ['XTRIM', 's', 'FOO', '1'],
      ['XTRIM', 'nokey', 'MAXLEN', '0'],
      ['SET', 'str', 'x'],
      ['XADD', 'str', '*', 'a', '1'],
      ['XRANGE', 'str', '-', '+'],
      ['XLEN', 'nokey'],
      ['XSETID', 's', '1-0'],
      ['XSETID', 's', '100-0', 'ENTRIESADDED', '50', 'MAXDELETEDID', '90-0'],
      ['XSETID', 's', '100-0', 'MAXDELETEDID', '200-0'],
      ['XSETID', 'nokey', '1-0'],
      ['XINFO', 'STREAM', 's'],
    ]);
  });

  it('consumer groups: XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, XINFO', async () => {
    await same([
      ['XGROUP', 'CREATE', 'g', 'grp', '$'],
      ['XGROUP', 'CREATE', 'g', 'grp', '$', 'MKSTREAM'],
      ['XGROUP', 'CREATE', 'g', 'grp', '$', 'MKSTREAM'],
      ['XGROUP', 'CREATE', 'g', 'g2', '0', 'ENTRIESREAD', '-5'],
      ['XGROUP', 'CREATE', 'g', 'g2', '0', 'BOGUS'],
      ['XADD', 'g', '1-0', 'a', '1'],
      ['XADD', 'g', '2-0', 'b', '2'],
      ['XADD', 'g', '3-0', 'c', '3'],
      ['XADD', 'g', '4-0', 'd', '4'],
      ['XREADGROUP', 'GROUP', 'grp', 'alice', 'COUNT', '2', 'STREAMS', 'g', '>'],
      ['XREADGROUP', 'GROUP', 'grp', 'bob', 'STREAMS', 'g', '>'],
      ['XREADGROUP', 'GROUP', 'grp', 'bob', 'STREAMS', 'g', '>'],
      ['XREADGROUP', 'GROUP', 'grp', 'alice', 'STREAMS', 'g', '0'],
      ['XREADGROUP', 'GROUP', 'nogrp', 'alice', 'STREAMS', 'g', '>'],
      ['XREADGROUP', 'GROUP', 'grp', 'alice', 'STREAMS', 'g', '$'],
      ['XREAD', 'STREAMS', 'g', '>'],
      ['XREAD', 'GROUP', 'a', 'b', 'STREAMS', 'g', '0'],
      ['XREAD', 'STREAMS', 'g'],
      ['XREAD', 'COUNT', '1', 'STREAMS', 'g', 'nokey', '1-0', '0'],
      ['XPENDING', 'g', 'grp'],
      ['XPENDING', 'g', 'grp', '-', '+', '10'],
      ['XPENDING', 'g', 'grp', 'IDLE', '0', '-', '+', '10', 'bob'],
      ['XPENDING', 'g', 'grp', '(1-0', '+', '10', 'nobody'],
      ['XPENDING', 'g', 'nogrp'],
      ['XPENDING', 'g', 'grp', '-', '+'],
      ['XDEL', 'g', '2-0'],
      ['XREADGROUP', 'GROUP', 'grp', 'alice', 'STREAMS', 'g', '0'],
      ['XCLAIM', 'g', 'grp', 'carol', '0', '1-0', '2-0', 'JUSTID'],
      ['XCLAIM', 'g', 'grp', 'carol', '0', '3-0', 'RETRYCOUNT', '7'],
      ['XCLAIM', 'g', 'grp', 'carol', '0', '4-0', 'FORCE', 'LASTID', '9-0'],
      ['XCLAIM', 'g', 'grp', 'carol', 'x', '1-0'],
      ['XCLAIM', 'g', 'grp', 'carol', '0', '1-0', 'BOGUS'],
      ['XAUTOCLAIM', 'g', 'grp', 'dave', '0', '0', 'COUNT', '1'],
      ['XAUTOCLAIM', 'g', 'grp', 'dave', '0', '0', 'COUNT', '10', 'JUSTID'],
      ['XAUTOCLAIM', 'g', 'grp', 'dave', '0', '0', 'COUNT', '0'],
      ['XACK', 'g', 'grp', '1-0', '3-0', '3-0'],
      ['XACK', 'g', 'grp', 'bad'],
      ['XACK', 'g', 'nogrp', '1-0'],
      ['XGROUP', 'CREATECONSUMER', 'g', 'grp', 'erin'],
      ['XGROUP', 'CREATECONSUMER', 'g', 'grp', 'erin'],
      ['XGROUP', 'DELCONSUMER', 'g', 'grp', 'dave'],
      ['XGROUP', 'SETID', 'g', 'grp', '0', 'ENTRIESREAD', '0'],
      ['XGROUP', 'SETID', 'g', 'nogrp', '0'],
      ['XINFO', 'GROUPS', 'g'],
      ['XINFO', 'CONSUMERS', 'g', 'grp'],
      ['XINFO', 'CONSUMERS', 'g', 'nogrp'],
      ['XINFO', 'STREAM', 'g', 'FULL'],
      ['XINFO', 'STREAM', 'g', 'FULL', 'COUNT', '1'],
      ['XINFO', 'STREAM', 'g', 'BOGUS'],
      ['XINFO', 'STREAM', 'nokey'],
      ['XINFO', 'HELP'],
      ['XGROUP', 'HELP'],
      ['XGROUP', 'DESTROY', 'g', 'grp'],
      ['XGROUP', 'DESTROY', 'g', 'grp'],
      ['XINFO', 'GROUPS', 'g'],
    ]);
  });
});

// Wire tests for the list family: ioredis round trips, blocking commands across connections (arrival-order
// fairness, BLMOVE chains, timeouts, MULTI), keyspace events, and a differential run against redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { differential, haveRedisServer, start, startRealRedis, type Started } from './helpers.js';

let srv: Started;
let io: Redis;
const extra: Redis[] = [];

function client(): Redis {
  const r = new Redis({ port: srv.port, host: '127.0.0.1' });
  extra.push(r);
  return r;
}

/** Resolves once `n` clients are blocked on the server. */
async function blockedClients(n: number): Promise<void> {
  const end = Date.now() + 3000;
  while (srv.server.engine.blocking.blockedCount !== n) {
    if (Date.now() > end) throw new Error(`expected ${n} blocked clients, have ${srv.server.engine.blocking.blockedCount}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  srv = await start();
  io = new Redis({ port: srv.port, host: '127.0.0.1' });
});
afterAll(async () => {
  for (const r of extra) r.disconnect();
  io.disconnect();
  await srv.close();
});

describe('lists over ioredis', () => {
  it('push, pop, range, index, length', async () => {
    await io.del('l');
    expect(await io.rpush('l', 'b', 'c')).toBe(2);
    expect(await io.lpush('l', 'a')).toBe(3);
    expect(await io.lrange('l', 0, -1)).toEqual(['a', 'b', 'c']);
    expect(await io.lrange('l', -2, 100)).toEqual(['b', 'c']);
    expect(await io.lindex('l', -1)).toBe('c');
    expect(await io.lindex('l', 3)).toBeNull();
    expect(await io.llen('l')).toBe(3);
    expect(await io.lpop('l')).toBe('a');
    expect(await io.rpop('l', 5)).toEqual(['c', 'b']);
    expect(await io.exists('l')).toBe(0);
    expect(await io.lpop('l')).toBeNull();
    expect(await io.lpushx('l', 'x')).toBe(0);
    expect(await io.exists('l')).toBe(0);
  });

  it('binary values survive', async () => {
    const v = Buffer.from([0, 255, 13, 10, 128]);
    await io.del('bin');
    await io.rpush('bin', v);
    expect(await io.lindexBuffer('bin', 0)).toEqual(v);
  });

  it('LINSERT, LSET, LREM, LTRIM, LPOS', async () => {
    await io.del('m');
    await io.rpush('m', 'a', 'b', 'a', 'c', 'a');
    expect(await io.linsert('m', 'BEFORE', 'c', 'X')).toBe(6);
    expect(await io.linsert('m', 'AFTER', 'nope', 'X')).toBe(-1);
    expect(await io.lset('m', -1, 'z')).toBe('OK');
    await expect(io.lset('m', 10, 'z')).rejects.toThrow('ERR index out of range');
    await expect(io.lset('nokey', 0, 'z')).rejects.toThrow('ERR no such key');
    expect(await io.lpos('m', 'a')).toBe(0);
    expect(await io.lpos('m', 'a', 'RANK', -1)).toBe(2);
    expect(await io.lpos('m', 'a', 'COUNT', 0)).toEqual([0, 2]);
    expect(await io.lrem('m', -1, 'a')).toBe(1);
    expect(await io.lrange('m', 0, -1)).toEqual(['a', 'b', 'X', 'c', 'z']);
    expect(await io.ltrim('m', 1, -2)).toBe('OK');
    expect(await io.lrange('m', 0, -1)).toEqual(['b', 'X', 'c']);
    expect(await io.ltrim('m', 5, 10)).toBe('OK');
    expect(await io.exists('m')).toBe(0);
  });

  it('LMOVE, RPOPLPUSH, LMPOP', async () => {
    await io.del('s', 'd');
    await io.rpush('s', '1', '2', '3');
    expect(await io.lmove('s', 'd', 'LEFT', 'RIGHT')).toBe('1');
    expect(await io.rpoplpush('s', 'd')).toBe('3');
    expect(await io.lrange('d', 0, -1)).toEqual(['3', '1']);
    expect(await io.lmpop(2, 'nokey', 'd', 'RIGHT', 'COUNT', 5)).toEqual(['d', ['1', '3']]);
    expect(await io.lmpop(1, 'd', 'LEFT')).toBeNull();
  });

  it('WRONGTYPE on every list command against a string', async () => {
    await io.set('str', 'v');
    const wrong = 'WRONGTYPE Operation against a key holding the wrong kind of value';
    for (const cmd of [
      ['LPUSH', 'str', 'a'],
      ['RPUSHX', 'str', 'a'],
      ['LPOP', 'str'],
      ['LLEN', 'str'],
      ['LRANGE', 'str', 0, -1],
      ['LINDEX', 'str', 0],
      ['LPOS', 'str', 'a'],
      ['LMOVE', 'str', 'x', 'LEFT', 'LEFT'],
      ['BLPOP', 'str', 0],
      ['BLMPOP', 0, 1, 'str', 'LEFT'],
    ]) {
      await expect(io.call(cmd[0] as string, ...cmd.slice(1))).rejects.toThrow(wrong);
    }
  });
});

describe('blocking list commands', () => {
  it('BLPOP is served by a push from another connection', async () => {
    await io.del('bq');
    const b = client();
    const p = b.blpop('bq', 0);
    await blockedClients(1);
    await io.rpush('bq', 'x', 'y');
    expect(await p).toEqual(['bq', 'x']);
    expect(await io.lrange('bq', 0, -1)).toEqual(['y']);
  });

  it('serves blocked clients in arrival order, one element each', async () => {
    await io.del('fair');
    const [a, b, c] = [client(), client(), client()];
    const pa = a.brpop('fair', 0);
    await blockedClients(1);
    const pb = b.brpop('fair', 0);
    await blockedClients(2);
    const pc = c.blmpop(0, 1, 'fair', 'LEFT', 'COUNT', 10);
    await blockedClients(3);
    await io.rpush('fair', '1', '2', '3', '4');
    expect(await pa).toEqual(['fair', '4']);
    expect(await pb).toEqual(['fair', '3']);
    expect(await pc).toEqual(['fair', ['1', '2']]);
    expect(await io.exists('fair')).toBe(0);
  });

  it('BLMOVE chains wake the next waiter, and circular moves settle', async () => {
    await io.del('c1', 'c2', 'c3');
    const a = client();
    const b = client();
    const pa = a.blmove('c1', 'c2', 'LEFT', 'RIGHT', 0);
    await blockedClients(1);
    const pb = b.blpop('c2', 0);
    await blockedClients(2);
    await io.rpush('c1', 'v');
    expect(await pa).toBe('v');
    expect(await pb).toEqual(['c2', 'v']);

    const x = client();
    const y = client();
    const px = x.brpoplpush('c1', 'c3', 0);
    await blockedClients(1);
    const py = y.brpoplpush('c3', 'c1', 0);
    await blockedClients(2);
    await io.rpush('c1', 'w');
    expect(await px).toBe('w');
    expect(await py).toBe('w');
    expect(await io.lrange('c1', 0, -1)).toEqual(['w']);
    expect(await io.exists('c3')).toBe(0);
  });

  it('times out with a null reply after a float timeout', async () => {
    const b = client();
    const t0 = Date.now();
    expect(await b.blpop('never', 0.1)).toBeNull();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect(await b.blmove('never', 'x', 'LEFT', 'LEFT', 0.05)).toBeNull();
    await expect(b.blpop('never', -1)).rejects.toThrow('ERR timeout is negative');
    await expect(b.blpop('never', 'abc')).rejects.toThrow('ERR timeout is not a float or out of range');
  });

  it('does not block inside MULTI', async () => {
    const b = client();
    const res = await b.multi().blpop('empty', 0).brpoplpush('empty', 'x', 0).blmpop(0, 1, 'empty', 'LEFT').exec();
    expect(res).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it('a push inside MULTI is seen after EXEC; wrong type destination answers WRONGTYPE', async () => {
    await io.del('mq', 'dst');
    const b = client();
    const p = b.blpop('mq', 0);
    await blockedClients(1);
    await io.multi().lpush('mq', 'a').lpush('mq', 'b').exec();
    expect(await p).toEqual(['mq', 'b']);

    await io.del('mq');
    await io.set('dst', 'str');
    const q = b.brpoplpush('mq', 'dst', 0);
    await blockedClients(1);
    await io.rpush('mq', 'v');
    await expect(q).rejects.toThrow('WRONGTYPE');
    expect(await io.lrange('mq', 0, -1)).toEqual(['v']);
  });

  it('LPUSH + DEL + SET in one transaction does not wake or break the waiter', async () => {
    await io.del('tw');
    const b = client();
    const p = b.blpop('tw', 0);
    await blockedClients(1);
    await io.multi().lpush('tw', 'a').del('tw').set('tw', 'x').exec();
    await blockedClients(1);
    await io.del('tw');
    await io.rpush('tw', 'ok');
    expect(await p).toEqual(['tw', 'ok']);
  });
});

describe('list keyspace events', () => {
  it('fires lpush/rpop/del in order', async () => {
    await io.config('SET', 'notify-keyspace-events', 'KEAn');
    const sub = client();
    const events: string[] = [];
    await sub.psubscribe('__keyspace@0__:ev');
    sub.on('pmessage', (_p, _ch, msg: string) => events.push(msg));
    await io.rpush('ev', 'a', 'b');
    await io.rpop('ev', 2);
    await io.rpush('ev', 'a');
    await io.lmove('ev', 'ev', 'LEFT', 'RIGHT');
    await io.ltrim('ev', 1, 0);
    const expected = ['new', 'rpush', 'rpop', 'del', 'new', 'rpush', 'rpush', 'lpop', 'ltrim', 'del'];
    for (const end = Date.now() + 3000; events.length < expected.length && Date.now() < end; ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await io.config('SET', 'notify-keyspace-events', '');
    expect(events).toEqual(expected);
  });
});

if (!haveRedisServer()) console.warn('lists.test.ts: redis-server not installed, skipping the differential test');

describe.skipIf(!haveRedisServer())('lists: differential against redis-server', () => {
  it('replies match', async () => {
    const real = await startRealRedis();
    try {
      const { ours, theirs } = await differential(srv.port, real.port, [
        ['RPUSH', 'l', 'a', 'b', 'c', 'a', 'b', 'c', '1', '2', '3'],
        ['LPUSH', 'l', 'z'],
        ['LPUSHX', 'nokey', 'a'],
        ['RPUSHX', 'l', 'y'],
        ['LLEN', 'l'],
        ['LLEN', 'nokey'],
        ['LRANGE', 'l', '0', '-1'],
        ['LRANGE', 'l', '-100', '2'],
        ['LRANGE', 'l', '5', '2'],
        ['LRANGE', 'l', 'x', '2'],
        ['LRANGE', 'l', '0', '99999999999999999999'],
        ['LRANGE', 'nokey', '0', '-1'],
        ['LINDEX', 'l', '-1'],
        ['LINDEX', 'l', '100'],
        ['LINDEX', 'l', 'abc'],
        ['LINDEX', 'nokey', 'abc'],
        ['LSET', 'l', '1', 'B'],
        ['LSET', 'l', '-100', 'B'],
        ['LSET', 'nokey', 'x', 'B'],
        ['LSET', 'l', 'x', 'B'],
        ['LINSERT', 'l', 'BEFORE', 'c', 'C'],
        ['LINSERT', 'l', 'after', 'c', 'D'],
        ['LINSERT', 'l', 'middle', 'c', 'D'],
        ['LINSERT', 'l', 'after', 'nothere', 'D'],
        ['LINSERT', 'nokey', 'after', 'c', 'D'],
        ['LPOS', 'l', 'c'],
        ['LPOS', 'l', 'c', 'RANK', '-1'],
        ['LPOS', 'l', 'c', 'RANK', '2', 'COUNT', '0'],
        ['LPOS', 'l', 'c', 'COUNT', '1', 'MAXLEN', '3'],
        ['LPOS', 'l', 'c', 'RANK', '0'],
        ['LPOS', 'l', 'c', 'COUNT', '-1'],
        ['LPOS', 'l', 'c', 'MAXLEN', '-1'],
        ['LPOS', 'l', 'c', 'MAXLEN'],
        ['LPOS', 'l', 'c', 'RANK', 'x'],
        ['LPOS', 'l', 'nothere'],
        ['LPOS', 'l', 'nothere', 'COUNT', '2'],
        ['LPOS', 'nokey', 'a', 'COUNT', '2'],
        ['LREM', 'l', '-1', 'a'],
        ['LREM', 'l', '0', 'c'],
        ['LREM', 'l', 'x', 'c'],
        ['LRANGE', 'l', '0', '-1'],
        ['LPOP', 'l'],
        ['LPOP', 'l', '2'],
        ['RPOP', 'l', '0'],
        ['RPOP', 'l', '-1'],
        ['RPOP', 'l', 'x'],
        ['RPOP', 'l', '1', '2'],
        ['LPOP', 'nokey'],
        ['LPOP', 'nokey', '3'],
        ['LTRIM', 'l', '1', '-2'],
        ['LRANGE', 'l', '0', '-1'],
        ['LTRIM', 'l', 'a', '1'],
        ['LMOVE', 'l', 'm', 'LEFT', 'RIGHT'],
        ['LMOVE', 'l', 'm', 'UP', 'RIGHT'],
        ['LMOVE', 'nokey', 'm', 'LEFT', 'RIGHT'],
        ['RPOPLPUSH', 'l', 'm'],
        ['RPOPLPUSH', 'm', 'm'],
        ['LRANGE', 'm', '0', '-1'],
        ['SET', 's', 'str'],
        ['RPOPLPUSH', 'm', 's'],
        ['RPOPLPUSH', 's', 'm'],
        ['LMPOP', '2', 'nokey', 'l', 'LEFT'],
        ['LMPOP', '2', 'nokey', 'l', 'RIGHT', 'COUNT', '100'],
        ['LMPOP', '0', 'l', 'LEFT'],
        ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '0'],
        ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '1', 'COUNT', '1'],
        ['LMPOP', '5', 'l', 'LEFT'],
        ['LMPOP', '1', 'l', 'MIDDLE'],
        ['LMPOP', '1', 's', 'LEFT'],
        ['LMPOP', 'x', 'l', 'LEFT'],
        ['EXISTS', 'l'],
        ['BLPOP', 'nokey', 's', '0'],
        ['BLPOP', 'nokey', '-0.5'],
        ['BLPOP', 'nokey', 'inf'],
        ['BLPOP', 'nokey', '1e300'],
        ['BLPOP', 'nokey', 'nan'],
        ['BLPOP', 'nokey', '0.01'],
        ['BRPOP', 'nokey', '0.01'],
        ['BLMOVE', 'nokey', 'x', 'LEFT', 'LEFT', '0.01'],
        ['BRPOPLPUSH', 'nokey', 'x', '0.01'],
        ['BLMPOP', '0.01', '1', 'nokey', 'LEFT'],
        ['BLMPOP', '0.01', '1', 'nokey', 'LEFT', 'COUNT', 'x'],
        ['RPUSH', 'q', 'a', 'b', 'c'],
        ['BLMPOP', '0', '2', 'nokey', 'q', 'RIGHT', 'COUNT', '2'],
        ['BLPOP', 'nokey', 'q', '0'],
        ['EXISTS', 'q'],
        ['BLMOVE', 's', 'x', 'LEFT', 'LEFT', '0'],
        ['RPUSH', 'q', 'a'],
        ['BLMOVE', 'q', 's', 'LEFT', 'LEFT', '0'],
        ['BLMOVE', 'q', 'q', 'LEFT', 'RIGHT', 'x'],
        ['MULTI'],
        ['BLPOP', 'nokey', '0'],
        ['BLMOVE', 'nokey', 'x', 'LEFT', 'LEFT', '0'],
        ['BLMPOP', '0', '1', 'nokey', 'LEFT'],
        ['EXEC'],
        ['RPUSH', 'enc', 'a'],
        ['OBJECT', 'ENCODING', 'enc'],
        ['RPUSH', 'enc', 'x'.repeat(10000)],
        ['OBJECT', 'ENCODING', 'enc'],
        ['TYPE', 'enc'],
      ]);
      expect(ours).toEqual(theirs);
    } finally {
      await real.close();
    }
  });
  it('random command sequences give the same replies', async () => {
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const keys = ['a', 'b', 'c'];
    const vals = ['x', 'y', 'z', '1', '', 'long'.repeat(20)];
    const idx = (): string => String(rnd(13) - 6);
    const k = (): string => keys[rnd(keys.length)]!;
    const v = (): string => vals[rnd(vals.length)]!;
    const side = (): string => (rnd(2) === 0 ? 'LEFT' : 'RIGHT');
    const gens: (() => string[])[] = [
      () => ['LPUSH', k(), v(), v()],
      () => ['RPUSH', k(), v()],
      () => ['LPUSHX', k(), v()],
      () => ['RPUSHX', k(), v(), v(), v()],
      () => ['LPOP', k()],
      () => ['RPOP', k(), String(rnd(4))],
      () => ['LLEN', k()],
      () => ['LINDEX', k(), idx()],
      () => ['LSET', k(), idx(), v()],
      () => ['LRANGE', k(), idx(), idx()],
      () => ['LTRIM', k(), idx(), idx()],
      () => ['LREM', k(), idx(), v()],
      () => ['LINSERT', k(), rnd(2) === 0 ? 'BEFORE' : 'AFTER', v(), v()],
      () => ['LPOS', k(), v(), 'RANK', String(rnd(2) === 0 ? -1 - rnd(3) : 1 + rnd(3)), 'COUNT', String(rnd(3)), 'MAXLEN', String(rnd(6))],
      () => ['LMOVE', k(), k(), side(), side()],
      () => ['RPOPLPUSH', k(), k()],
      () => ['LMPOP', '2', k(), k(), side(), 'COUNT', String(1 + rnd(3))],
      () => ['BLMPOP', '0.01', '2', k(), k(), side()],
      () => ['BLMOVE', k(), k(), side(), side(), '0.01'],
      () => ['BRPOP', k(), k(), '0.01'],
    ];
    const cmds: string[][] = [];
    for (let i = 0; i < 400; i++) cmds.push(gens[rnd(gens.length)]!());
    for (const key of keys) cmds.push(['LRANGE', key, '0', '-1']);
    const real = await startRealRedis();
    try {
      const { ours, theirs } = await differential(srv.port, real.port, cmds);
      expect(ours).toEqual(theirs);
    } finally {
      await real.close();
    }
  });
});

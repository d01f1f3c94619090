// Wire tests for the string family with ioredis and node-redis, plus a differential run against redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { differential, haveRedisServer, start, startRealRedis, type Started } from './helpers.js';

let srv: Started;
let io: Redis;

beforeAll(async () => {
  srv = await start();
  io = new Redis({ port: srv.port, host: '127.0.0.1', lazyConnect: false });
});
afterAll(async () => {
  io.disconnect();
  await srv.close();
});

describe('strings over ioredis', () => {
  it('SET/GET round-trips binary values', async () => {
    const v = Buffer.from([0, 1, 2, 255, 13, 10, 200]);
    expect(await io.set('bin', v)).toBe('OK');
    expect(await io.getBuffer('bin')).toEqual(v);
  });

  it('SET options: NX, XX, GET, EX, KEEPTTL', async () => {
    expect(await io.set('k', 'a', 'NX')).toBe('OK');
    expect(await io.set('k', 'b', 'NX')).toBeNull();
    expect(await io.set('k', 'c', 'XX', 'GET')).toBe('a');
    expect(await io.set('k', 'd', 'EX', 100)).toBe('OK');
    const db0 = srv.server.engine.db(0);
    const at = db0.getExpire('k');
    expect(at - Date.now()).toBeGreaterThan(98_000);
    expect(await io.set('k', 'e', 'KEEPTTL')).toBe('OK');
    expect(db0.getExpire('k')).toBe(at);
    expect(await io.set('k', 'f')).toBe('OK');
    expect(db0.getExpire('k')).toBe(-1);
    await expect(io.set('k', 'x', 'EX', 0)).rejects.toThrow("ERR invalid expire time in 'set' command");
    await expect(io.call('SET', 'k', 'x', 'NX', 'XX')).rejects.toThrow('ERR syntax error');
  });

  it('INCR family and overflow', async () => {
    await io.set('n', '9223372036854775806');
    await io.incr('n');
    expect(await io.get('n')).toBe('9223372036854775807');
    await expect(io.incr('n')).rejects.toThrow('ERR increment or decrement would overflow');
    await io.set('s', 'abc');
    await expect(io.incr('s')).rejects.toThrow('ERR value is not an integer or out of range');
    expect(await io.incrbyfloat('f', '10.5')).toBe('10.5');
    expect(await io.incrbyfloat('f', '0.1')).toBe('10.6');
  });

  it('APPEND, STRLEN, SETRANGE, GETRANGE', async () => {
    expect(await io.append('a', 'Hello')).toBe(5);
    expect(await io.append('a', ' World')).toBe(11);
    expect(await io.strlen('a')).toBe(11);
    expect(await io.setrange('a', 6, 'Redis')).toBe(11);
    expect(await io.get('a')).toBe('Hello Redis');
    expect(await io.getrange('a', -5, -1)).toBe('Redis');
    expect(await io.setrange('pad', 3, 'x')).toBe(4);
    expect(await io.getBuffer('pad')).toEqual(Buffer.from([0, 0, 0, 120]));
  });

});

describe('strings over node-redis', () => {
  it('works with RESP2 and MSET/MGET', async () => {
    const c = createClient({ socket: { port: srv.port, host: '127.0.0.1' } });
    await c.connect();
    await c.mSet({ m1: 'a', m2: 'b' });
    expect(await c.mGet(['m1', 'm2', 'nope'])).toEqual(['a', 'b', null]);
    await c.quit();
  });
});

describe.skipIf(!haveRedisServer())('strings: differential against redis-server', () => {
  it('replies match', async () => {
    const real = await startRealRedis();
    try {
      const { ours, theirs } = await differential(srv.port, real.port, [
        ['SET', 'a', '1'],
        ['INCR', 'a'],
        ['INCRBY', 'a', '-5'],
        ['DECRBY', 'a', '9223372036854775807'],
        ['INCRBYFLOAT', 'a', '1.5'],
        ['INCRBYFLOAT', 'a', 'abc'],
        ['GET', 'a'],
        ['SET', 'b', 'x', 'PX', '100000', 'GET'],
        ['SET', 'b', 'y', 'EXAT', '1'],
        ['GET', 'b'],
        ['GETEX', 'nokey', 'PERSIST'],
        ['GETDEL', 'a'],
        ['GETDEL', 'a'],
        ['MSETNX', 'x', '1', 'x', '2'],
        ['MSET', 'x'],
        ['GETRANGE', 'x', '0', '-1'],
        ['GETRANGE', 'x', '-100', '100'],
        ['SETRANGE', 'x', '-1', 'a'],
        ['SETRANGE', 'x', '1', ''],
        ['STRLEN', 'nokey'],
        ['SETNX', 'x', 'z'],
        ['SETEX', 'x', '-1', 'z'],
        ['PSETEX', 'x', 'abc', 'z'],
        ['GETSET', 'x', 'q'],
        ['SET', 'x', 'y', 'EX', '9223372036854775807'],
        ['SET', 'x', 'y', 'KEEPTTL', 'EX', '1'],
        ['APPEND', 'x', 'tail'],
        ['SUBSTR', 'x', '0', '1'],
        ['GET'],
        ['NOSUCHCOMMAND', 'a', 'b'],
        ['MSET', 'l1', 'ohmytext', 'l2', 'mynewtext'],
        ['LCS', 'l1', 'l2'],
        ['LCS', 'l1', 'l2', 'LEN'],
        ['LCS', 'l1', 'l2', 'IDX'],
        ['LCS', 'l1', 'l2', 'IDX', 'MINMATCHLEN', '4', 'WITHMATCHLEN'],
        ['LCS', 'l1', 'l2', 'IDX', 'LEN'],
        ['LCS', 'l1', 'nokey'],
        ['LCS', 'l1', 'l2', 'BOGUS'],
      ]);
      expect(ours).toEqual(theirs);
    } finally {
      await real.close();
    }
  });
});

// Wire tests for SORT / SORT_RO (lists, sets, zsets, BY/GET patterns, LIMIT bounds, ALPHA, STORE waking a
// blocked client) and a differential run of the same option mix against a real redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
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

if (!haveRedisServer()) console.warn('redis-server not installed: skipping SORT differential tests');

describe('SORT over ioredis', () => {
  it('sorts numbers, ALPHA, DESC and LIMIT', async () => {
    await io.rpush('l', '3', '10', '1', '2');
    expect(await io.sort('l')).toEqual(['1', '2', '3', '10']);
    expect(await io.sort('l', 'ALPHA')).toEqual(['1', '10', '2', '3']);
    expect(await io.call('SORT', 'l', 'DESC', 'LIMIT', '1', '2')).toEqual(['3', '2']);
    await io.rpush('bad', '1', 'x');
    await expect(io.sort('bad')).rejects.toThrow("ERR One or more scores can't be converted into double");
    await expect(io.call('SORT', 'l', 'LIMIT', '1')).rejects.toThrow('ERR syntax error');
    await expect(io.call('SORT_RO', 'l', 'STORE', 'd')).rejects.toThrow('ERR syntax error');
  });

  it('a huge LIMIT count is clamped to the source size', async () => {
    await io.rpush('big', '5', '4', '3');
    expect(await io.call('SORT', 'big', 'LIMIT', '2', '9223372036854775807')).toEqual(['5']);
    expect(await io.call('SORT', 'big', 'BY', 'nosort', 'LIMIT', '-9223372036854775808', '9223372036854775807')).toEqual(['5', '4', '3']);
  });

  it('BY and GET patterns with hash fields and #', async () => {
    await io.rpush('ids', '1', '2', '3');
    await io.mset('w_1', '30', 'w_2', '10', 'w_3', '20', 'name_1', 'a', 'name_3', 'c');
    await io.hset('h_1', 'f', 'z');
    await io.hset('h_2', 'f', 'y');
    expect(await io.call('SORT', 'ids', 'BY', 'w_*', 'GET', '#', 'GET', 'name_*')).toEqual(['2', null, '3', 'c', '1', 'a']);
    expect(await io.call('SORT', 'ids', 'BY', 'h_*->f', 'ALPHA', 'GET', 'h_*->f')).toEqual([null, 'y', 'z']);
    expect(await io.call('SORT', 'ids', 'BY', 'nosort', 'DESC')).toEqual(['3', '2', '1']);
  });

  it('zsets keep their order with BY nosort; sets sort', async () => {
    await io.zadd('z', '1', 'c', '2', 'b', '3', 'a');
    expect(await io.call('SORT', 'z', 'BY', 'nosort')).toEqual(['c', 'b', 'a']);
    expect(await io.call('SORT', 'z', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '1')).toEqual(['b']);
    await io.sadd('s', '9', '1', '5');
    expect(await io.sort('s')).toEqual(['1', '5', '9']);
    await io.set('str', 'x');
    await expect(io.sort('str')).rejects.toThrow('WRONGTYPE');
  });

  it('STORE writes a list, deletes the destination when empty and wakes BLPOP', async () => {
    const blocker = new Redis({ port: srv.port, host: '127.0.0.1' });
    try {
      const pending = blocker.blpop('dst', 5);
      await new Promise((r) => setTimeout(r, 50));
      expect(await io.call('SORT', 'l', 'STORE', 'dst')).toBe(4);
      expect(await pending).toEqual(['dst', '1']);
      expect(await io.lrange('dst', 0, -1)).toEqual(['2', '3', '10']);
      expect(await io.call('SORT', 'nokey', 'STORE', 'dst')).toBe(0);
      expect(await io.exists('dst')).toBe(0);
    } finally {
      blocker.disconnect();
    }
  });
});

describe.skipIf(!haveRedisServer())('SORT: differential against redis-server', () => {
  it('replies match', async () => {
    const real = await startRealRedis();
    try {
      const { ours, theirs } = await differential(srv.port, real.port, [
        ['RPUSH', 'l', '3', '1', '2', '10', 'a'],
        ['SORT', 'l'],
        ['SORT', 'l', 'ALPHA'],
        ['SORT', 'l', 'ALPHA', 'DESC', 'LIMIT', '1', '2'],
        ['SORT', 'l', 'LIMIT', '2', '9223372036854775807', 'ALPHA'],
        ['SORT', 'l', 'BY', 'nosort'],
        ['SORT', 'l', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '2'],
        ['SORT', 'l', 'LIMIT', 'x', '1'],
        ['SORT', 'l', 'BOGUS'],
        ['RPUSH', 'n', '3', '1', '2', '10'],
        ['MSET', 'w_3', '30', 'w_1', '10', 'w_2', '5', 'w_10', 'x'],
        ['SORT', 'n', 'BY', 'w_*'],
        ['SORT', 'n', 'BY', 'w_*', 'ALPHA'],
        ['SORT', 'n', 'BY', 'w_*', 'GET', '#', 'GET', 'w_*', 'GET', 'nope'],
        ['HSET', 'h_1', 'f', '9'],
        ['HSET', 'h_2', 'f', '1'],
        ['SORT', 'n', 'BY', 'h_*->f', 'GET', 'h_*->f', 'GET', '#'],
        ['SORT', 'n', 'STORE', 'out'],
        ['LRANGE', 'out', '0', '-1'],
        ['SORT', 'n', 'BY', 'h_*->f', 'STORE', 'out2', 'GET', 'h_*->f'],
        ['LRANGE', 'out2', '0', '-1'],
        ['SORT_RO', 'n', 'STORE', 'out'],
        ['SORT_RO', 'n', 'DESC'],
        ['SADD', 's', '5', '2', '9', '1'],
        ['SORT', 's'],
        ['SORT', 's', 'BY', 'nosort', 'STORE', 'so'],
        ['LRANGE', 'so', '0', '-1'],
        ['ZADD', 'z', '1', 'c', '2', 'b', '3', 'a'],
        ['SORT', 'z', 'BY', 'nosort'],
        ['SORT', 'z', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '5'],
        ['SORT', 'z', 'ALPHA'],
        ['SET', 'str', 'x'],
        ['SORT', 'str'],
        ['SORT', 'nokey', 'STORE', 'out'],
        ['EXISTS', 'out'],
        ['RPUSH', 'e', '', '1', ' 2', '0x10', 'inf', '-inf', '1e5'],
        ['SORT', 'e'],
        ['RPUSH', 'bad', '1', 'nan'],
        ['SORT', 'bad'],
        ['RPUSH', 'bad2', '1', '1e999'],
        ['SORT', 'bad2'],
      ]);
      expect(ours).toEqual(theirs);
    } finally {
      await real.close();
    }
  });
});

// Wire tests for the hash family with ioredis: field ops, encodings at the thresholds, HINCRBY*, HRANDFIELD
// (incl. hostile counts), HSCAN over a big hash while it changes, keyspace events, and a differential run
// against a real redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { differential, haveRedisServer, ReplyClient, start, startRealRedis, type Started } from './helpers.js';

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

describe('hashes over ioredis', () => {
  it('HSET/HGET/HMGET/HDEL/HLEN/HEXISTS/HSTRLEN and deletion when emptied', async () => {
    expect(await io.hset('h1', 'a', '1', 'b', '22')).toBe(2);
    expect(await io.hset('h1', 'a', '3', 'c', 'x')).toBe(1);
    expect(await io.hget('h1', 'a')).toBe('3');
    expect(await io.hget('h1', 'zz')).toBeNull();
    expect(await io.hmget('h1', 'a', 'zz', 'b')).toEqual(['3', null, '22']);
    expect(await io.hmget('nokey', 'a')).toEqual([null]);
    expect(await io.hlen('h1')).toBe(3);
    expect(await io.hexists('h1', 'b')).toBe(1);
    expect(await io.hstrlen('h1', 'b')).toBe(2);
    expect(await io.hsetnx('h1', 'a', 'no')).toBe(0);
    expect(await io.hsetnx('h1', 'd', 'yes')).toBe(1);
    expect(await io.hmset('h1', 'e', '5')).toBe('OK');
    expect(await io.hgetall('h1')).toEqual({ a: '3', b: '22', c: 'x', d: 'yes', e: '5' });
    expect(await io.hkeys('h1')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await io.hvals('h1')).toEqual(['3', '22', 'x', 'yes', '5']);
    expect(await io.hdel('h1', 'a', 'b', 'c', 'd', 'zz')).toBe(4);
    expect(await io.hdel('h1', 'e')).toBe(1);
    expect(await io.exists('h1')).toBe(0);
    await expect(io.call('HSET', 'h1', 'a')).rejects.toThrow("ERR wrong number of arguments for 'hset' command");
    await expect(io.call('HMSET', 'h1', 'a', 'b', 'c')).rejects.toThrow("ERR wrong number of arguments for 'hmset' command");
    await io.set('str', 'x');
    await expect(io.hget('str', 'a')).rejects.toThrow('WRONGTYPE');
    await expect(io.hset('str', 'a', 'b')).rejects.toThrow('WRONGTYPE');
  });

  it('binary-safe fields and values', async () => {
    const f = Buffer.from([0, 255, 13, 10]);
    const v = Buffer.from([1, 2, 200, 0]);
    await io.hset('bin', f, v);
    expect(await io.hgetBuffer('bin', f)).toEqual(v);
  });

  it('listpack -> hashtable at hash-max-listpack-entries / -value, never back', async () => {
    await io.config('SET', 'hash-max-listpack-entries', '4');
    await io.config('SET', 'hash-max-listpack-value', '8');
    try {
      await io.hset('enc', 'a', '1', 'b', '2', 'c', '3', 'd', '4');
      expect(await io.object('ENCODING', 'enc')).toBe('listpack');
      await io.hset('enc', 'e', '5');
      expect(await io.object('ENCODING', 'enc')).toBe('hashtable');
      await io.hdel('enc', 'a', 'b', 'c', 'd');
      expect(await io.object('ENCODING', 'enc')).toBe('hashtable');
      await io.hset('enc2', 'f', '12345678');
      expect(await io.object('ENCODING', 'enc2')).toBe('listpack');
      await io.hset('enc2', 'f', '123456789');
      expect(await io.object('ENCODING', 'enc2')).toBe('hashtable');
      await io.hincrby('enc3', 'x'.repeat(9), 1);
      expect(await io.object('ENCODING', 'enc3')).toBe('hashtable');
    } finally {
      await io.config('SET', 'hash-max-listpack-entries', '128');
      await io.config('SET', 'hash-max-listpack-value', '64');
    }
  });

  it('HINCRBY / HINCRBYFLOAT with Redis errors', async () => {
    expect(await io.hincrby('n', 'i', 5)).toBe(5);
    expect(await io.hincrby('n', 'i', -7)).toBe(-2);
    await io.hset('n', 'big', '9223372036854775807', 's', 'abc');
    await expect(io.hincrby('n', 'big', 1)).rejects.toThrow('ERR increment or decrement would overflow');
    await expect(io.hincrby('n', 's', 1)).rejects.toThrow('ERR hash value is not an integer');
    await expect(io.hincrby('n', 'i', 'x')).rejects.toThrow('ERR value is not an integer or out of range');
    expect(await io.hincrbyfloat('n', 'f', '10.5')).toBe('10.5');
    expect(await io.hincrbyfloat('n', 'f', '0.1')).toBe('10.6');
    expect(await io.hincrbyfloat('n', 'f', '-10.6')).toBe('0');
    await expect(io.hincrbyfloat('n', 's', '1')).rejects.toThrow('ERR hash value is not a float');
    await expect(io.hincrbyfloat('n', 'f', 'inf')).rejects.toThrow('ERR value is NaN or Infinity');
    await expect(io.hincrbyfloat('n', 'f', 'nan')).rejects.toThrow('ERR value is not a valid float');
    await io.hset('n', 'huge', '1.7e308');
    await expect(io.hincrbyfloat('n', 'huge', '1.7e308')).rejects.toThrow('ERR increment would produce NaN or Infinity');
    // a failed increment on a missing key leaves no empty hash behind
    await expect(io.hincrbyfloat('fresh', 'f', 'inf')).rejects.toThrow();
    expect(await io.exists('fresh')).toBe(0);
  });

  it('HRANDFIELD: counts, WITHVALUES, RESP2 flat and RESP3 pairs, hostile counts bounded', async () => {
    await io.hset('r', 'a', '1', 'b', '2', 'c', '3');
    const one = await io.hrandfield('r');
    expect(['a', 'b', 'c']).toContain(one);
    expect(((await io.call('HRANDFIELD', 'r', '2')) as string[]).length).toBe(2);
    expect(new Set((await io.call('HRANDFIELD', 'r', '2')) as string[]).size).toBe(2);
    expect(((await io.call('HRANDFIELD', 'r', '10')) as string[]).sort()).toEqual(['a', 'b', 'c']);
    // ioredis turns the flat RESP2 reply into [field, value] pairs
    const rep = (await io.call('HRANDFIELD', 'r', '-10', 'WITHVALUES')) as [string, string][];
    expect(rep).toHaveLength(10);
    for (const [f, v] of rep) expect(v).toBe({ a: '1', b: '2', c: '3' }[f]);
    expect(await io.call('HRANDFIELD', 'nokey', '5')).toEqual([]);
    expect(await io.call('HRANDFIELD', 'nokey')).toBeNull();
    expect(await io.call('HRANDFIELD', 'r', '0')).toEqual([]);
    await expect(io.call('HRANDFIELD', 'r', '-9223372036854775808')).rejects.toThrow(
      'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
    );
    await expect(io.call('HRANDFIELD', 'r', '-9223372036854770000', 'WITHVALUES')).rejects.toThrow('ERR value is out of range');
    await expect(io.call('HRANDFIELD', 'r', '-9223372036854770000')).rejects.toThrow('ERR value is out of range');
    await expect(io.call('HRANDFIELD', 'r', '-999999999')).rejects.toThrow('ERR value is out of range');
    await expect(io.call('HRANDFIELD', 'r', '1', 'foo')).rejects.toThrow('ERR syntax error');
    expect(await io.ping()).toBe('PONG');
    const c3 = await ReplyClient.connect(srv.port);
    try {
      await c3.call('HELLO', '3');
      const pairs = (await c3.call('HRANDFIELD', 'r', '3', 'WITHVALUES')) as string[][];
      expect(pairs).toHaveLength(3);
      for (const p of pairs) expect(p).toHaveLength(2);
      const all = await c3.call('HGETALL', 'r');
      expect(all instanceof Map ? Object.fromEntries(all) : all).toEqual({ a: '1', b: '2', c: '3' });
    } finally {
      c3.close();
    }
  });

  it('HSCAN: small hash in one call; big hash returns every stable field while it changes', async () => {
    await io.hset('sm', 'a', '1', 'b', '2');
    expect(await io.hscan('sm', '0')).toEqual(['0', ['a', '1', 'b', '2']]);
    expect(await io.hscan('sm', '0', 'MATCH', 'b*')).toEqual(['0', ['b', '2']]);
    await expect(io.hscan('sm', 'abc')).rejects.toThrow('ERR invalid cursor');
    await expect(io.hscan('sm', '0', 'COUNT', '0')).rejects.toThrow('ERR syntax error');
    await expect(io.call('HSCAN', 'sm', '0', 'TYPE', 'hash')).rejects.toThrow('ERR syntax error');
    const args: string[] = [];
    for (let i = 0; i < 1000; i++) args.push(`f${i}`, String(i));
    await io.hset('bigh', ...args);
    expect(await io.object('ENCODING', 'bigh')).toBe('hashtable');
    const seen = new Set<string>();
    let cursor = '0';
    let round = 0;
    do {
      const [next, items] = await io.hscan('bigh', cursor, 'COUNT', 50);
      for (let i = 0; i < items.length; i += 2) {
        if (items[i]!.startsWith('f')) expect(items[i + 1]).toBe(items[i]!.slice(1));
        seen.add(items[i]!);
      }
      cursor = next;
      // churn: remove odd fields as we go (forces compaction) and add new ones
      const dels: string[] = [];
      for (let i = round * 100 + 1; i < round * 100 + 100; i += 2) dels.push(`f${i}`);
      if (dels.length > 0 && round < 10) await io.hdel('bigh', ...dels);
      await io.hset('bigh', `new${round}`, 'x');
      round++;
    } while (cursor !== '0');
    for (let i = 0; i < 1000; i += 2) expect(seen.has(`f${i}`)).toBe(true);
  });

  it('keyspace events: new, hset, hincrby, hdel, del', async () => {
    await io.config('SET', 'notify-keyspace-events', 'KEAn');
    const sub = new Redis({ port: srv.port, host: '127.0.0.1' });
    try {
      const events: string[] = [];
      sub.on('pmessage', (_p, ch, msg) => {
        if (ch === '__keyspace@0__:ev') events.push(msg);
      });
      await sub.psubscribe('__keyspace@0__:*');
      await io.hset('ev', 'a', '1');
      await io.hincrby('ev', 'n', 1);
      await io.hincrbyfloat('ev', 'n', 1);
      await io.hdel('ev', 'zz');
      await io.hdel('ev', 'a', 'n');
      await io.ping();
      const end = Date.now() + 2000;
      while (events.length < 6 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      expect(events).toEqual(['new', 'hset', 'hincrby', 'hincrbyfloat', 'hdel', 'del']);
    } finally {
      sub.disconnect();
      await io.config('SET', 'notify-keyspace-events', '');
    }
  });
});

if (!haveRedisServer()) console.warn('hashes.test.ts: redis-server not installed, skipping the differential test');

describe.skipIf(!haveRedisServer())('hashes: differential against redis-server', () => {
  it('replies match (listpack hashes keep insertion order in both)', async () => {
    const real = await startRealRedis();
    try {
      const { ours, theirs } = await differential(srv.port, real.port, [
        ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
        ['HSET', 'h', 'a', '10'],
        ['HSET', 'h', 'a'],
        ['HGETALL', 'h'],
        ['HKEYS', 'h'],
        ['HVALS', 'h'],
        ['HGETALL', 'nokey'],
        ['HMGET', 'h', 'a', 'x', 'c'],
        ['HSETNX', 'h', 'a', 'z'],
        ['HSETNX', 'h', 'd', 'z'],
        ['HSTRLEN', 'h', 'a'],
        ['HSTRLEN', 'h', 'nofield'],
        ['HEXISTS', 'h', 'd'],
        ['HLEN', 'h'],
        ['HDEL', 'h', 'b', 'nofield'],
        ['HINCRBY', 'h', 'a', '5'],
        ['HINCRBY', 'h', 'd', '1'],
        ['HINCRBY', 'h', 'a', 'x'],
        ['HINCRBY', 'h', 'i', '-9223372036854775808'],
        ['HINCRBY', 'h', 'i', '-1'],
        ['HINCRBYFLOAT', 'h', 'f', '1.5'],
        ['HINCRBYFLOAT', 'h', 'f', '3.0e3'],
        ['HINCRBYFLOAT', 'h', 'f', 'abc'],
        ['HINCRBYFLOAT', 'h', 'd', '1'],
        ['HINCRBYFLOAT', 'h', 'f', '+inf'],
        ['HGETALL', 'h'],
        ['HSCAN', 'h', '0'],
        ['HSCAN', 'h', '0', 'MATCH', '[af]', 'COUNT', '1'],
        ['HSCAN', 'h', '0', 'COUNT', 'x'],
        ['HSCAN', 'h', '0', 'MATCH'],
        ['HSCAN', 'h', '-1'],
        ['HSCAN', 'h', 'x'],
        ['HSCAN', 'nokey', '0'],
        ['HRANDFIELD', 'nokey'],
        ['HRANDFIELD', 'nokey', '3'],
        ['HRANDFIELD', 'h', '100'],
        ['HRANDFIELD', 'h', '100', 'WITHVALUES'],
        ['HRANDFIELD', 'h', '0'],
        ['HRANDFIELD', 'h', 'x'],
        ['HRANDFIELD', 'h', '1', 'withvalue'],
        ['HRANDFIELD', 'h', '-9223372036854775808'],
        ['HRANDFIELD', 'h', '-4611686018427387904', 'WITHVALUES'],
        ['SET', 's', 'x'],
        ['HGET', 's', 'a'],
        ['HMGET', 's', 'a'],
        ['HGETALL', 's'],
        ['HSCAN', 's', '0'],
        ['HRANDFIELD', 's'],
        ['HINCRBY', 's', 'a', '1'],
        ['HDEL', 'h', 'a', 'c', 'd', 'f', 'i'],
        ['EXISTS', 'h'],
        ['CONFIG', 'SET', 'hash-max-listpack-entries', '2'],
        ['HSET', 'e', 'a', '1', 'b', '2'],
        ['OBJECT', 'ENCODING', 'e'],
        ['HSET', 'e', 'c', '3'],
        ['OBJECT', 'ENCODING', 'e'],
        ['CONFIG', 'SET', 'hash-max-listpack-entries', '128'],
      ]);
      expect(ours).toEqual(theirs);
    } finally {
      await real.close();
    }
  });
});

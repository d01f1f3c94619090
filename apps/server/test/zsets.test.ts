// Wire tests for the sorted set family: ioredis round trips, blocking pops across connections, RESP3 shapes on a
// raw connection, and differential runs (RESP2 and RESP3) of deterministic command sequences against redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { differential, haveRedisServer, ReplyClient, start, startRealRedis, type Started } from './helpers.js';

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

describe('sorted sets over ioredis', () => {
  it('ZADD options, ZINCRBY, ZSCORE, ZRANGE WITHSCORES', async () => {
    await io.del('z');
    expect(await io.zadd('z', 1, 'a', 2, 'b', 3, 'c')).toBe(3);
    expect(await io.zadd('z', 'CH', 5, 'a', 2, 'b')).toBe(1);
    expect(await io.zadd('z', 'NX', 10, 'a', 4, 'd')).toBe(1);
    expect(await io.zadd('z', 'XX', 'GT', 'CH', 1, 'a', 9, 'b')).toBe(1);
    expect(await io.zincrby('z', 1.5, 'c')).toBe('4.5');
    expect(await io.zadd('z', 'INCR', 'LT', 1, 'c')).toBeNull();
    expect(await io.zscore('z', 'b')).toBe('9');
    expect(await io.zrange('z', '0', '-1', 'WITHSCORES')).toEqual(['d', '4', 'c', '4.5', 'a', '5', 'b', '9']);
    await expect(io.zadd('z', 'NX', 'XX', 1, 'a')).rejects.toThrow('ERR XX and NX options at the same time are not compatible');
    await expect(io.zadd('z', 'nan', 'a')).rejects.toThrow('ERR value is not a valid float');
    await io.zadd('inf', '+inf', 'x');
    await expect(io.zincrby('inf', '-inf', 'x')).rejects.toThrow('ERR resulting score is not a number (NaN)');
  });

  it('ranks and ranges with 10k members keep order and counts', async () => {
    await io.del('big');
    const args: (string | number)[] = [];
    for (let i = 0; i < 10000; i++) args.push((i * 7919) % 10007, `m${i}`);
    expect(await io.zadd('big', ...args)).toBe(10000);
    expect(await io.object('ENCODING', 'big')).toBe('skiplist');
    const all = await io.zrange('big', '0', '-1');
    const scores = await io.zmscore('big', ...all.slice(0, 50));
    for (let i = 1; i < scores.length; i++) expect(Number(scores[i])).toBeGreaterThanOrEqual(Number(scores[i - 1]));
    expect(await io.zrank('big', all[1234]!)).toBe(1234);
    expect(await io.zrevrank('big', all[1234]!)).toBe(10000 - 1 - 1234);
    expect(await io.zcount('big', 100, '(200')).toBe((await io.zrangebyscore('big', 100, '(200')).length);
    expect(await io.zremrangebyrank('big', 0, 99)).toBe(100);
    expect(await io.zcard('big')).toBe(9900);
  });

  it('ZUNIONSTORE / ZINTERSTORE / ZDIFFSTORE with sets as inputs and result encodings', async () => {
    await io.del('z1', 'z2', 's1', 'out');
    await io.zadd('z1', 1, 'a', 2, 'b', 3, 'c');
    await io.zadd('z2', 10, 'b', 20, 'c', 30, 'd');
    await io.sadd('s1', 'c', 'd', 'e').catch(() => undefined);
    const haveSets = (await io.type('s1')) === 'set';
    expect(await io.zunionstore('out', 2, 'z1', 'z2', 'WEIGHTS', 2, 1, 'AGGREGATE', 'MAX')).toBe(4);
    expect(await io.zrange('out', '0', '-1', 'WITHSCORES')).toEqual(['a', '2', 'b', '10', 'c', '20', 'd', '30']);
    expect(await io.object('ENCODING', 'out')).toBe('listpack');
    expect(await io.zinterstore('out', 2, 'z1', 'z2')).toBe(2);
    expect(await io.zdiffstore('out', 2, 'z1', 'z2')).toBe(1);
    if (haveSets) {
      expect(await io.zunion(2, 'z1', 's1', 'WITHSCORES')).toEqual(['a', '1', 'd', '1', 'e', '1', 'b', '2', 'c', '4']);
      expect(await io.zintercard(2, 'z1', 's1')).toBe(1);
    }
    expect(await io.zinterstore('out', 2, 'z1', 'nokey')).toBe(0);
    expect(await io.exists('out')).toBe(0);
  });

  it('BZPOPMIN is served by a later ZADD from another connection', async () => {
    await io.del('bz');
    const other = new Redis({ port: srv.port, host: '127.0.0.1' });
    try {
      const p = other.bzpopmin('bz', 5);
      await new Promise((r) => setTimeout(r, 50));
      await io.zadd('bz', 7, 'x', 8, 'y');
      expect(await p).toEqual(['bz', 'x', '7']);
      expect(await other.bzpopmax('nothing', 0.05)).toBeNull();
      const p2 = other.bzmpop(1, 2, 'nokey', 'bz', 'MAX', 'COUNT', 5);
      await new Promise((r) => setTimeout(r, 20));
      expect(await p2).toEqual(['bz', [['y', '8']]]);
    } finally {
      other.disconnect();
    }
  });

  it('ZSCAN returns every member of a skiplist set; ZRANDMEMBER bounds hostile counts', async () => {
    await io.del('sc');
    const args: (string | number)[] = [];
    for (let i = 0; i < 1000; i++) args.push(i, `k${i}`);
    await io.zadd('sc', ...args);
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const [next, items] = await io.zscan('sc', cursor, 'COUNT', 100);
      for (let i = 0; i < items.length; i += 2) {
        seen.add(items[i]!);
        expect(items[i + 1]).toBe(items[i]!.slice(1));
      }
      cursor = next;
    } while (cursor !== '0');
    expect(seen.size).toBe(1000);
    const small = await io.zrandmember('sc', 5);
    expect(new Set(small).size).toBe(5);
    expect(((await io.zrandmember('sc', -2000))).length).toBe(2000);
    await expect(io.zrandmember('sc', '-9223372036854775808')).rejects.toThrow(/value is out of range/);
    await expect(io.zrandmember('sc', '-9223372036854770000', 'WITHSCORES')).rejects.toThrow(/value is out of range/);
    await expect(io.zrandmember('sc', '-999999999')).rejects.toThrow(/value is out of range/);
  });
});

describe('RESP3 shapes', () => {
  it('WITHSCORES pairs and doubles', async () => {
    const c = await ReplyClient.connect(srv.port);
    try {
      await c.call('HELLO', 3);
      await c.call('DEL', 'r3');
      await c.call('ZADD', 'r3', 1.5, 'a', 2, 'b');
      expect(await c.call('ZRANGE', 'r3', 0, -1, 'WITHSCORES')).toEqual([
        ['a', 1.5],
        ['b', 2],
      ]);
      expect(await c.call('ZSCORE', 'r3', 'a')).toBe(1.5);
      expect(await c.call('ZPOPMIN', 'r3')).toEqual(['a', 1.5]);
      expect(await c.call('ZPOPMIN', 'r3', 1)).toEqual([['b', 2]]);
    } finally {
      c.close();
    }
  });
});

// ---- Differential runs against a real redis-server ----

const CORPUS: (string | number)[][] = [
  ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e'],
  ['ZADD', 'z', 'CH', 'GT', '0', 'a', '10', 'b'],
  ['ZADD', 'z', 'XX', 'LT', 'CH', '0', 'a', '0', 'nope'],
  ['ZADD', 'z', 'INCR', '2', 'a', '3', 'b'],
  ['ZADD', 'z', 'INCR', 'NX', '2', 'a'],
  ['ZADD', 'z', 'INCR', 'XX', '2', 'new'],
  ['ZADD', 'z', 'GT', 'LT', '1', 'a'],
  ['ZADD', 'z', 'NX', 'GT', '1', 'a'],
  ['ZADD', 'z', '1'],
  ['ZADD', 'z', 'x', 'a'],
  ['ZADD', 'z', ' 1', 'a'],
  ['ZADD', 'z', '1e400', 'a'],
  ['ZADD', 'z', '1e-400', 'a'],
  ['ZADD', 'z', '0x1p3', 'hex'],
  ['ZADD', 'z', 'inf', 'pinf', '-inf', 'ninf', '-0', 'negzero'],
  ['ZSCORE', 'z', 'negzero'],
  ['ZSCORE', 'z', 'hex'],
  ['ZINCRBY', 'z', '0.1', 'c'],
  ['ZINCRBY', 'z', '0.2', 'c'],
  ['ZINCRBY', 'z', 'abc', 'c'],
  ['ZINCRBY', 'z', '-inf', 'pinf'],
  ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
  ['ZRANGE', 'z', '-3', '100'],
  ['ZRANGE', 'z', '5', '2'],
  ['ZRANGE', 'z', '0', '-1', 'REV', 'WITHSCORES'],
  ['ZRANGE', 'z', '(1', '5', 'BYSCORE', 'WITHSCORES'],
  ['ZRANGE', 'z', '5', '(1', 'BYSCORE', 'REV', 'LIMIT', '1', '2'],
  ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '2', '-1'],
  ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '-1', '2'],
  ['ZRANGE', 'z', '0', '1', 'LIMIT', '0', '1'],
  ['ZRANGE', 'z', '-', '+', 'BYLEX', 'WITHSCORES'],
  ['ZRANGE', 'z', '0', '1', 'BYSCORE', 'BYLEX'],
  ['ZRANGE', 'z', 'a', 'b', 'BYSCORE'],
  ['ZRANGE', 'z', '0', '-1', 'LIMIT', '1'],
  ['ZRANGEBYSCORE', 'z', '', ''],
  ['ZRANGEBYSCORE', 'z', '(', '5'],
  ['ZRANGEBYSCORE', 'z', ' 1', '(5', 'WITHSCORES'],
  ['ZRANGEBYSCORE', 'z', '1 ', '5'],
  ['ZRANGEBYSCORE', 'z', 'nan', '5'],
  ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '1', '3', 'WITHSCORES'],
  ['ZREVRANGEBYSCORE', 'z', '+inf', '-inf', 'WITHSCORES', 'LIMIT', '0', '4'],
  ['ZREVRANGEBYSCORE', 'z', '(3', '(1'],
  ['ZREVRANGE', 'z', '0', '2', 'WITHSCORES'],
  ['ZREVRANGE', 'z', '0', '2', 'BYSCORE'],
  ['ZCOUNT', 'z', '-inf', '+inf'],
  ['ZCOUNT', 'z', '(1', '3'],
  ['ZCOUNT', 'z', 'x', '3'],
  ['ZCOUNT', 'nokey', '0', '1'],
  ['ZRANK', 'z', 'c'],
  ['ZRANK', 'z', 'nope'],
  ['ZREVRANK', 'z', 'c'],
  ['ZRANK', 'nokey', 'c'],
  ['ZMSCORE', 'z', 'a', 'nope', 'c'],
  ['ZMSCORE', 'nokey', 'a'],
  ['ZCARD', 'z'],
  ['ZREM', 'z', 'nope', 'hex', 'hex'],
  ['ZADD', 'lex', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', 'e', '0', 'f'],
  ['ZRANGEBYLEX', 'lex', '-', '+'],
  ['ZRANGEBYLEX', 'lex', '[b', '(e'],
  ['ZRANGEBYLEX', 'lex', '(b', '[e', 'LIMIT', '1', '1'],
  ['ZRANGEBYLEX', 'lex', 'b', 'e'],
  ['ZRANGEBYLEX', 'lex', '-', '+', 'WITHSCORES'],
  ['ZREVRANGEBYLEX', 'lex', '+', '[c'],
  ['ZREVRANGEBYLEX', 'lex', '(e', '-', 'LIMIT', '0', '2'],
  ['ZLEXCOUNT', 'lex', '-', '+'],
  ['ZLEXCOUNT', 'lex', '[c', '[c'],
  ['ZLEXCOUNT', 'lex', '(c', '(c'],
  ['ZLEXCOUNT', 'lex', '+', '-'],
  ['ZLEXCOUNT', 'lex', '+x', '-'],
  ['ZREMRANGEBYLEX', 'lex', '[e', '+'],
  ['ZREMRANGEBYLEX', 'lex', 'x', '+'],
  ['ZREMRANGEBYRANK', 'lex', '0', '0'],
  ['ZREMRANGEBYRANK', 'lex', '-1', '-100'],
  ['ZREMRANGEBYSCORE', 'lex', '-inf', '(0'],
  ['ZREMRANGEBYSCORE', 'lex', '(0', 'x'],
  ['ZRANGE', 'lex', '0', '-1'],
  ['ZREMRANGEBYSCORE', 'lex', '0', '0'],
  ['EXISTS', 'lex'],
  ['ZADD', 'u1', '1', 'a', '2', 'b', '3', 'c'],
  ['ZADD', 'u2', '4', 'b', '5', 'c', '6', 'd'],
  ['ZUNION', '2', 'u1', 'u2', 'WITHSCORES'],
  ['ZUNION', '2', 'u1', 'u2', 'WEIGHTS', '2', '0.5', 'AGGREGATE', 'MIN', 'WITHSCORES'],
  ['ZUNION', '2', 'u1', 'u2', 'AGGREGATE', 'MAX'],
  ['ZUNION', '2', 'u1', 'u2', 'AGGREGATE', 'AVG'],
  ['ZUNION', '2', 'u1', 'u2', 'WEIGHTS', '1'],
  ['ZUNION', '2', 'u1', 'u2', 'WEIGHTS', '1', 'x'],
  ['ZUNION', '3', 'u1', 'u2'],
  ['ZUNION', '0', 'u1'],
  ['ZUNION', '-1', 'u1'],
  ['ZINTER', '2', 'u1', 'u2', 'WITHSCORES'],
  ['ZINTER', '2', 'u1', 'u1', 'WITHSCORES'],
  ['ZINTER', '2', 'u1', 'nokey'],
  ['ZDIFF', '2', 'u1', 'u2', 'WITHSCORES'],
  ['ZDIFF', '2', 'u1', 'u1'],
  ['ZDIFF', '2', 'u1', 'u2', 'WEIGHTS', '1', '1'],
  ['ZINTERCARD', '2', 'u1', 'u2'],
  ['ZINTERCARD', '2', 'u1', 'u2', 'LIMIT', '1'],
  ['ZINTERCARD', '2', 'u1', 'u2', 'LIMIT', '-1'],
  ['ZINTERCARD', '0', 'u1'],
  ['ZINTERCARD', '2', 'u1', 'u2', 'WITHSCORES'],
  ['ZUNIONSTORE', 'dst', '2', 'u1', 'u2', 'WEIGHTS', 'inf', '-inf'],
  ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
  ['ZUNIONSTORE', 'dst', '2', 'u1', 'u2', 'WITHSCORES'],
  ['ZINTERSTORE', 'dst', '2', 'u1', 'u2', 'AGGREGATE', 'SUM'],
  ['OBJECT', 'ENCODING', 'dst'],
  ['ZDIFFSTORE', 'dst', '1', 'nokey'],
  ['EXISTS', 'dst'],
  ['ZRANGESTORE', 'dst', 'u1', '0', '-1'],
  ['ZRANGESTORE', 'dst', 'u1', '(1', '+inf', 'BYSCORE', 'LIMIT', '0', '1'],
  ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
  ['ZRANGESTORE', 'dst', 'u1', '0', '-1', 'WITHSCORES'],
  ['ZRANGESTORE', 'dst', 'nokey', '0', '-1'],
  ['EXISTS', 'dst'],
  ['ZADD', 'p', '1', 'a', '2', 'b', '3', 'c', '4', 'd'],
  ['ZPOPMIN', 'p'],
  ['ZPOPMAX', 'p', '2'],
  ['ZPOPMIN', 'p', '0'],
  ['ZPOPMIN', 'p', '-1'],
  ['ZPOPMIN', 'p', 'x'],
  ['ZPOPMIN', 'p', '1', '2'],
  ['ZPOPMIN', 'nokey'],
  ['ZPOPMIN', 'nokey', '3'],
  ['ZADD', 'p', '9', 'z'],
  ['ZMPOP', '2', 'nokey', 'p', 'MIN', 'COUNT', '10'],
  ['ZMPOP', '1', 'p', 'MAX'],
  ['ZMPOP', '1', 'p', 'MID'],
  ['ZMPOP', '1', 'p', 'MIN', 'COUNT', '0'],
  ['ZMPOP', '1', 'p', 'MIN', 'COUNT', '1', 'COUNT', '1'],
  ['ZMPOP', '5', 'p', 'MIN'],
  ['ZMPOP', '0', 'p', 'MIN'],
  ['BZPOPMIN', 'nokey', '0.01'],
  ['BZPOPMIN', 'nokey', 'x'],
  ['BZPOPMIN', 'nokey', '-1'],
  ['BZMPOP', '0.01', '1', 'nokey', 'MIN'],
  ['BZMPOP', 'x', '1', 'nokey', 'MIN'],
  ['ZADD', 'b1', '1', 'a', '2', 'b'],
  ['BZPOPMAX', 'nokey', 'b1', '0'],
  ['BZMPOP', '0', '2', 'nokey', 'b1', 'MIN', 'COUNT', '5'],
  ['EXISTS', 'b1'],
  ['SET', 'str', 'x'],
  ['ZADD', 'str', '1', 'a'],
  ['ZRANGE', 'str', '0', '-1'],
  ['ZUNION', '2', 'u1', 'str'],
  ['ZPOPMIN', 'str'],
  ['ZSCORE', 'str', 'a'],
  ['ZRANDMEMBER', 'str'],
  ['ZSCAN', 'str', '0'],
  ['ZRANDMEMBER', 'nokey'],
  ['ZRANDMEMBER', 'nokey', '5'],
  ['ZRANDMEMBER', 'u1', '0'],
  ['ZRANDMEMBER', 'u1', '1', 'WITHSCORES', 'x'],
  ['ZRANDMEMBER', 'u1', '1', 'WITH'],
  ['ZRANDMEMBER', 'u1', '-9223372036854775808'],
  ['ZRANDMEMBER', 'u1', '-9223372036854775807', 'WITHSCORES'],
  ['ZRANDMEMBER', 'u1', '10', 'WITHSCORES'],
  ['ZSCAN', 'u1', '0'],
  ['ZSCAN', 'u1', '0', 'MATCH', 'b*'],
  ['ZSCAN', 'u1', '0', 'COUNT', '0'],
  ['ZSCAN', 'u1', 'x'],
  ['ZSCAN', 'u1', '0', 'TYPE', 'string'],
  ['ZSCAN', 'nokey', '0'],
  ['ZADD', 'dup', '1', 'a', '2', 'a'],
  ['ZADD', 'dup', 'CH', '3', 'a', '3', 'a', '1', 'b'],
  ['ZADD', 'dup', 'INCR', 'GT', '-1', 'a'],
  ['ZADD', 'dup', '1.7976931348623157e308', 'max', '4.9e-324', 'tiny', '0.30000000000000004', 'frac'],
  ['ZRANGE', 'dup', '0', '-1', 'WITHSCORES'],
  ['ZINCRBY', 'dup', '1e308', 'max'],
  ['ZINCRBY', 'newkey', '5', 'm'],
  ['ZCOUNT', 'dup', '(inf', 'inf'],
  ['ZCOUNT', 'dup', '-inf', '(-inf'],
  ['ZCOUNT', 'dup', '(1', '(1'],
  ['ZLEXCOUNT', 'dup', '[', '+'],
  ['ZRANGEBYLEX', 'dup', '[', '+'],
  ['ZRANGEBYLEX', 'dup', '(', '+'],
  ['ZRANGEBYLEX', 'dup', '-x', '+'],
  ['ZUNIONSTORE', 'dup', '2', 'dup', 'newkey'],
  ['ZRANGE', 'dup', '0', '-1', 'WITHSCORES'],
  ['ZDIFFSTORE', 'dup', '2', 'dup', 'dup'],
  ['EXISTS', 'dup'],
  ['ZADD', 'mix', '1', 'b', '2', 'a', '3', 'd', '4', 'c'],
  ['ZRANGEBYLEX', 'mix', '[a', '[c'],
  ['ZREVRANGEBYLEX', 'mix', '[c', '[a'],
  ['ZLEXCOUNT', 'mix', '[a', '[c'],
  ['ZPOPMAX', 'mix', '100'],
  ['EXISTS', 'mix'],
  ['ZADD', 'rr', '1', 'a', '2', 'b'],
  ['ZREMRANGEBYRANK', 'rr', '0', '-1'],
  ['EXISTS', 'rr'],
  ['ZINTER', '1', 'nokey', 'WITHSCORES'],
  ['ZINTER', '2', 'u1', 'u2', 'WEIGHTS', '0', '0', 'WITHSCORES'],
  ['ZUNION', '2', 'u1', 'u2', 'WEIGHTS', '-1', '1', 'WITHSCORES'],
  ['ZUNIONSTORE', 'neg', '1', 'u1', 'WEIGHTS', '-0'],
  ['ZRANGE', 'neg', '0', '-1', 'WITHSCORES'],
  ['ZRANGESTORE', 'rs', 'u1', '[a', '[b', 'BYLEX'],
  ['ZRANGESTORE', 'rs', 'u1', '5', '0', 'BYSCORE', 'REV', 'LIMIT', '0', '2'],
  ['ZRANGE', 'rs', '0', '-1', 'WITHSCORES'],
  ['ZRANGE', 'u1', '1', '0', 'BYSCORE', 'REV', 'WITHSCORES', 'LIMIT', '0', '-5'],
  ['ZRANGE', 'u1', '+', '-', 'BYLEX', 'REV'],
  ['ZMPOP', '1', 'nokey', 'MIN'],
  ['ZMPOP', '1', 'u1', 'MIN', 'COUNT'],
  ['ZMPOP', '1', 'u1', 'MIN', 'COUNT', 'abc'],
  ['CONFIG', 'SET', 'zset-max-listpack-entries', '2'],
  ['ZADD', 'enc', '1', 'a', '2', 'b'],
  ['OBJECT', 'ENCODING', 'enc'],
  ['ZADD', 'enc', '3', 'c'],
  ['OBJECT', 'ENCODING', 'enc'],
  ['ZREM', 'enc', 'c'],
  ['OBJECT', 'ENCODING', 'enc'],
  ['ZUNIONSTORE', 'enc2', '1', 'enc'],
  ['OBJECT', 'ENCODING', 'enc2'],
  ['ZRANGESTORE', 'enc3', 'u1', '0', '-1'],
  ['OBJECT', 'ENCODING', 'enc3'],
  ['CONFIG', 'SET', 'zset-max-listpack-entries', '128'],
  ['ZADD', 'long', '1', 'x'.repeat(65)],
  ['OBJECT', 'ENCODING', 'long'],
  ['CONFIG', 'SET', 'zset-max-listpack-entries', '0'],
  ['ZADD', 'zero', '1', 'a'],
  ['OBJECT', 'ENCODING', 'zero'],
  ['CONFIG', 'SET', 'zset-max-listpack-entries', '128'],
  ['ZADD', 'mix4', '1', 'b', '2', 'a', '3', 'd', '4', 'c', '5', 'e'],
  ['ZREMRANGEBYLEX', 'mix4', '[a', '[c'],
  ['ZRANGE', 'mix4', '0', '-1'],
  ['CONFIG', 'SET', 'zset-max-listpack-entries', '128'],
];

async function differentialResp3(ourPort: number, theirPort: number, commands: (string | number)[][]): Promise<{ ours: unknown[]; theirs: unknown[] }> {
  return differential(ourPort, theirPort, [['HELLO', '3'], ...commands]).then(({ ours, theirs }) => ({
    ours: ours.slice(1),
    theirs: theirs.slice(1),
  }));
}

describe.skipIf(!haveRedisServer())('sorted sets: differential against redis-server', () => {
  it('RESP2 replies match', async () => {
    const real = await startRealRedis();
    try {
      const { ours, theirs } = await differential(srv.port, real.port, CORPUS);
      for (let i = 0; i < CORPUS.length; i++) expect({ cmd: CORPUS[i], reply: ours[i] }).toEqual({ cmd: CORPUS[i], reply: theirs[i] });
    } finally {
      await real.close();
    }
  });

  it('RESP3 replies match', async () => {
    const real = await startRealRedis();
    try {
      const { ours, theirs } = await differentialResp3(srv.port, real.port, CORPUS);
      for (let i = 0; i < CORPUS.length; i++) expect({ cmd: CORPUS[i], reply: ours[i] }).toEqual({ cmd: CORPUS[i], reply: theirs[i] });
    } finally {
      await real.close();
    }
  });
});
describe.skipIf(!haveRedisServer())('sorted sets: keyspace events match redis-server', () => {
  it('same events in the same order', async () => {
    const real = await startRealRedis();
    const run = async (port: number): Promise<string[]> => {
      const a = new Redis({ port, host: '127.0.0.1' });
      const sub = new Redis({ port, host: '127.0.0.1' });
      const ev: string[] = [];
      try {
        await a.select(9);
        await a.flushdb();
        await a.config('SET', 'notify-keyspace-events', 'KEA');
        await sub.psubscribe('__keyspace@9__:*');
        sub.on('pmessage', (_p: string, ch: string, msg: string) => ev.push(`${ch.split(':').pop() ?? ''} ${msg}`));
        const cmds: string[][] = [
          ['zadd', 'z', '1', 'a', '2', 'b'], ['zadd', 'z', '1', 'a'], ['zincrby', 'z', '1', 'a'], ['zrem', 'z', 'x'],
          ['zrem', 'z', 'a'], ['zremrangebyscore', 'z', '0', '10'], ['zadd', 'z', '1', 'a', '2', 'b', '3', 'c'],
          ['zpopmin', 'z'], ['zpopmax', 'z', '5'], ['zadd', 'z', '1', 'a'], ['zunionstore', 'd', '1', 'z'],
          ['zinterstore', 'd', '1', 'nokey'], ['zrangestore', 'e', 'z', '0', '-1'], ['zdiffstore', 'e', '1', 'z'],
          ['zadd', 'z', '1', 'b'], ['zremrangebyrank', 'z', '0', '0'], ['zremrangebylex', 'z', '-', '+'],
          ['zadd', 'z', '1', 'a'], ['zmpop', '1', 'z', 'MIN'], ['zadd', 'z', '1', 'a'], ['bzpopmax', 'z', '0'],
        ];
        for (const c of cmds) await a.call(c[0]!, ...c.slice(1));
        await a.ping();
        await new Promise((r) => setTimeout(r, 100));
        return ev;
      } finally {
        await a.config('SET', 'notify-keyspace-events', '');
        a.disconnect();
        sub.disconnect();
      }
    };
    try {
      const theirs = await run(real.port);
      expect(await run(srv.port)).toEqual(theirs);
      expect(theirs.length).toBeGreaterThan(20);
    } finally {
      await real.close();
    }
  });
});

if (!haveRedisServer()) console.warn('zsets.test.ts: redis-server not installed, differential tests skipped');

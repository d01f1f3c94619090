// Wire tests for the generic keyspace commands with ioredis, plus differential runs against redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { differential, haveRedisServer, start, startRealRedis, type Started } from './helpers.js';

const HAVE = haveRedisServer();
if (!HAVE) console.warn('redis-server not installed: skipping keyspace differential tests');

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

describe('keyspace over ioredis', () => {
  it('DEL, EXISTS, TYPE, RENAME, COPY', async () => {
    await io.set('a', '1');
    await io.rpush('l', 'x', 'y');
    expect(await io.exists('a', 'l', 'zz')).toBe(2);
    expect(await io.type('l')).toBe('list');
    expect(await io.rename('a', 'b')).toBe('OK');
    expect(await io.copy('b', 'c')).toBe(1);
    expect(await io.get('c')).toBe('1');
    expect(await io.del('b', 'c', 'l', 'zz')).toBe(3);
    await expect(io.rename('nope', 'x')).rejects.toThrow('ERR no such key');
  });

  it('EXPIRE then lazy expiry makes the key disappear', async () => {
    await io.set('t', 'v');
    expect(await io.pexpire('t', 30)).toBe(1);
    expect(await io.pttl('t')).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(await io.exists('t')).toBe(0);
    expect(await io.ttl('t')).toBe(-2);
  });

  it('SCAN with ioredis scanStream sees every key exactly as KEYS does', async () => {
    const pipe = io.pipeline();
    for (let i = 0; i < 500; i++) pipe.set(`scan:${i}`, i);
    await pipe.exec();
    const seen = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      const s = io.scanStream({ match: 'scan:*', count: 37 });
      s.on('data', (keys: string[]) => keys.forEach((k) => seen.add(k)));
      s.on('end', () => resolve());
      s.on('error', reject);
    });
    expect(seen.size).toBe(500);
    expect((await io.keys('scan:*')).length).toBe(500);
  });

  it('KEYS with a hostile pattern answers (no exponential backtracking; the test timeout is the guard)', async () => {
    await io.set('a'.repeat(300), '1');
    expect(await io.keys(`${'*a'.repeat(100)}b`)).toEqual([]);
    expect(await io.keys(`${'*a'.repeat(100)}`)).toEqual(['a'.repeat(300)]);
  });

  it('MOVE and SWAPDB', async () => {
    await io.set('m', 'v');
    expect(await io.move('m', 1)).toBe(1);
    expect(await io.exists('m')).toBe(0);
    expect(await io.swapdb(0, 1)).toBe('OK');
    expect(await io.get('m')).toBe('v');
    expect(await io.swapdb(0, 1)).toBe('OK');
  });
});

describe.skipIf(!HAVE)('keyspace differential against redis-server', () => {
  let real: Awaited<ReturnType<typeof startRealRedis>>;
  beforeAll(async () => {
    real = await startRealRedis();
  });
  afterAll(async () => {
    await real.close();
  });

  it('deterministic key commands reply the same', async () => {
    const cmds: (string | number)[][] = [
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['RPUSH', 'l', 'x'],
      ['EXISTS', 'a', 'b', 'a', 'zz'],
      ['TYPE', 'a'],
      ['TYPE', 'l'],
      ['TYPE', 'zz'],
      ['DEL', 'zz'],
      ['UNLINK', 'b', 'b'],
      ['TTL', 'a'],
      ['PTTL', 'zz'],
      ['EXPIRETIME', 'a'],
      ['EXPIRE', 'a', 100, 'XX'],
      ['EXPIRE', 'a', 100, 'NX'],
      ['EXPIRE', 'a', 200, 'NX'],
      ['EXPIRE', 'a', 50, 'GT'],
      ['EXPIRE', 'a', 500, 'GT'],
      ['EXPIRE', 'a', 600, 'LT'],
      ['EXPIRE', 'a', 300, 'LT'],
      ['TTL', 'a'],
      ['EXPIRE', 'a', 1, 'NX', 'XX'],
      ['EXPIRE', 'a', 1, 'GT', 'LT'],
      ['EXPIRE', 'a', 1, 'NX', 'GT'],
      ['EXPIRE', 'a', 1, 'BOGUS'],
      ['EXPIRE', 'a', 'x'],
      ['EXPIRE', 'a', '9223372036854775807'],
      ['PEXPIRE', 'a', '9223372036854775807'],
      ['EXPIREAT', 'a', '9223372036854775807'],
      ['PEXPIREAT', 'a', '-9223372036854775808'],
      ['PERSIST', 'a'],
      ['PERSIST', 'a'],
      ['PERSIST', 'zz'],
      ['EXPIRE', 'zz', 10],
      ['EXPIREAT', 'a', 1],
      ['EXISTS', 'a'],
      ['SET', 'a', '1'],
      ['PEXPIRE', 'a', 0],
      ['GET', 'a'],
      ['SET', 'a', '1'],
      ['RENAME', 'zz', 'q'],
      ['RENAME', 'a', 'a'],
      ['RENAMENX', 'a', 'a'],
      ['RENAMENX', 'a', 'l'],
      ['RENAMENX', 'a', 'c'],
      ['RENAME', 'c', 'l'],
      ['TYPE', 'l'],
      ['COPY', 'l', 'l'],
      ['COPY', 'l', 'l2'],
      ['COPY', 'l', 'l2'],
      ['COPY', 'l', 'l2', 'REPLACE'],
      ['COPY', 'l', 'l2', 'DB'],
      ['COPY', 'l', 'l2', 'DB', 'x'],
      ['COPY', 'l', 'l2', 'DB', 99],
      ['COPY', 'l', 'l2', 'DB', 10],
      ['MOVE', 'l2', 9],
      ['MOVE', 'l2', 10],
      ['MOVE', 'l2', 99],
      ['MOVE', 'l2', 'x'],
      ['MOVE', 'nope', 10],
      ['TOUCH', 'l', 'l2', 'nope'],
      ['KEYS', 'l*'],
      ['KEYS', 'nomatch*'],
      ['SCAN', 'abc'],
      ['SCAN', 0, 'COUNT', 0],
      ['SCAN', 0, 'COUNT', -1],
      ['SCAN', 0, 'COUNT', 'x'],
      ['SCAN', 0, 'MATCH'],
      ['SCAN', 0, 'WHAT', 1],
      ['SCAN', 0, 'TYPE', 'nosuchtype'],
      ['SWAPDB', 9, 100],
      ['SWAPDB', 'a', 1],
      ['SWAPDB', 1, 'b'],
      ['SWAPDB', -1, 1],
      ['SELECT', 10],
      ['DEL', 'l2'],
      ['SELECT', 9],
      ['DEL', 'l', 'l2'],
      ['RANDOMKEY'],
      ['SET', 'only', 'x'],
      ['RANDOMKEY'],
      ['SCAN', 0],
      ['SCAN', 0, 'MATCH', 'o*', 'COUNT', 100, 'TYPE', 'string'],
      ['SCAN', 0, 'TYPE', 'list'],
      ['OBJECT', 'ENCODING', 'only'],
      ['OBJECT', 'ENCODING', 'nope'],
      ['OBJECT', 'REFCOUNT', 'nope'],
      ['OBJECT', 'FREQ', 'only'],
      ['OBJECT', 'HELP'],
      ['OBJECT', 'FOO', 'only'],
      ['OBJECT'],
      ['SET', 'n', '123'],
      ['OBJECT', 'ENCODING', 'n'],
      ['SET', 'r', 'x'.repeat(100)],
      ['OBJECT', 'ENCODING', 'r'],
      ['MEMORY', 'USAGE', 'nope'],
      ['MEMORY', 'USAGE', 'only', 'SAMPLES', -1],
      ['MEMORY', 'USAGE', 'only', 'SAMPLES'],
      ['DEL', 'only', 'n', 'r'],
    ];
    const { ours, theirs } = await differential(srv.port, real.port, cmds);
    // KEYS lists keys in hash order in Redis: compare as sets
    const norm = (c: (string | number)[], r: unknown): unknown => (c[0] === 'KEYS' && Array.isArray(r) ? [...(r as string[])].sort() : r);
    const rows = cmds.map((c, i) => [c.join(' '), norm(c, ours[i])]);
    const expected = cmds.map((c, i) => [c.join(' '), norm(c, theirs[i])]);
    expect(rows).toEqual(expected);
  });
});

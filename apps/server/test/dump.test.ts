// Wire tests for DUMP / RESTORE with Redis's RDB serialization: payloads dumped by a real redis-server 7.0 restore
// in Redwing and payloads dumped by Redwing restore in redis-server, for every type and encoding (int, LZF-compressed
// strings, quicklist, intset, listpack and hashtable hashes/sets/zsets, streams with groups and PELs); identical DUMP
// bytes where Redis does not compress; RESTORE's options and errors compared with redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { differential, haveRedisServer, start, startRealRedis, type Started } from './helpers.js';

const HAVE = haveRedisServer();
if (!HAVE) console.warn('redis-server not installed: skipping DUMP/RESTORE differential tests');

let srv: Started;
let ours: Redis;

beforeAll(async () => {
  srv = await start();
  ours = new Redis({ port: srv.port, host: '127.0.0.1' });
});
afterAll(async () => {
  ours.disconnect();
  await srv.close();
});

/** The same dataset on any server: one key per type/encoding. */
async function build(r: Redis): Promise<string[]> {
  await r.flushall();
  await r.set('s:int', '12345');
  await r.set('s:bigint', '-9223372036854775808');
  await r.set('s:short', 'hello');
  await r.set('s:long', 'x'.repeat(300) + 'y'.repeat(300));
  await r.set('s:bin', Buffer.from([0, 1, 2, 255, 254, 13, 10]));
  await r.rpush('l:small', '127', '32767', '2147483647', '9223372036854775807', '-1', '0', '12', 'a'.repeat(31), 'b'.repeat(100));
  await r.rpush('l:big', ...Array.from({ length: 2000 }, (_, i) => `item-${i}`));
  await r.sadd('set:int', '1', '-5', '70000', '9000000000', '3');
  await r.sadd('set:str', 'a', 'b', 'c', '1');
  await r.zadd('z:lp', '1', 'a', '2.5', 'b', '-3', 'c', 'inf', 'd', '-inf', 'e', '1e300', 'f');
  await r.zadd('z:sl', ...Array.from({ length: 200 }, (_, i) => [String(i / 7), `m${i}`]).flat());
  await r.hset('h:lp', 'f1', 'v1', 'f2', '12', 'f3', 'x'.repeat(40));
  await r.hset('h:ht', ...Array.from({ length: 300 }, (_, i) => [`field${i}`, `value${i}`]).flat());
  await r.xadd('x', '1-1', 'a', '1', 'b', '2');
  await r.xadd('x', '1-2', 'a', '3', 'b', '4');
  await r.xadd('x', '2-0', 'other', 'fields');
  await r.xadd('x', '3-0', 'a', '5', 'b', '6');
  await r.xdel('x', '1-2');
  await r.xgroup('CREATE', 'x', 'g1', '0');
  await r.xgroup('CREATE', 'x', 'g2', '$');
  await r.xreadgroup('GROUP', 'g1', 'alice', 'COUNT', '2', 'STREAMS', 'x', '>');
  await r.xreadgroup('GROUP', 'g1', 'bob', 'COUNT', '1', 'STREAMS', 'x', '>');
  await r.call('XGROUP', 'CREATECONSUMER', 'x', 'g1', 'carol');
  return ['s:int', 's:bigint', 's:short', 's:long', 's:bin', 'l:small', 'l:big', 'set:int', 'set:str', 'z:lp', 'z:sl', 'h:lp', 'h:ht', 'x'];
}

/** A comparable view of a key's value (time-dependent stream fields masked). */
async function view(r: Redis, key: string): Promise<unknown> {
  const type = await r.type(key);
  switch (type) {
    case 'string':
      return [type, (await r.getBuffer(key))?.toString('hex')];
    case 'list':
      return [type, await r.lrange(key, 0, -1)];
    case 'set':
      return [type, (await r.smembers(key)).sort()];
    case 'zset':
      return [type, await r.zrange(key, '0', '-1', 'WITHSCORES')];
    case 'hash':
      return [type, Object.entries(await r.hgetall(key)).sort()];
    case 'stream': {
      const full = (await r.call('XINFO', 'STREAM', key, 'FULL')) as unknown[];
      return [type, await r.xrange(key, '-', '+'), mask(full)];
    }
    default:
      return [type];
  }
}

const MASKED = new Set(['seen-time', 'radix-tree-keys', 'radix-tree-nodes']);
function mask(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const a = v.map(mask);
  for (let i = 0; i + 1 < a.length; i += 2) if (typeof a[i] === 'string' && MASKED.has(a[i] as string)) a[i + 1] = 'M';
  // PEL rows: [id, consumer?, delivery-time, count] -> mask the time
  if ((a.length === 4 || a.length === 3) && typeof a[0] === 'string' && /^\d+-\d+$/.test(a[0]) && typeof a[a.length - 2] === 'number')
    a[a.length - 2] = 'T';
  return a;
}

describe('DUMP / RESTORE', () => {
  it('round-trips every type within Redwing, with TTL, REPLACE, ABSTTL and BUSYKEY', async () => {
    const keys = await build(ours);
    for (const k of keys) {
      const payload = await ours.dumpBuffer(k);
      expect(payload).not.toBeNull();
      await ours.call('RESTORE', `${k}:copy`, '0', payload);
      expect(await view(ours, `${k}:copy`)).toEqual(await view(ours, k));
    }
    const p = (await ours.dumpBuffer('s:short'));
    await expect(ours.call('RESTORE', 's:short', '0', p)).rejects.toThrow('BUSYKEY Target key name already exists.');
    expect(await ours.call('RESTORE', 's:short', '5000', p, 'REPLACE')).toBe('OK');
    expect(await ours.pttl('s:short')).toBeGreaterThan(4000);
    expect(await ours.call('RESTORE', 's:short', String(Date.now() - 1000), p, 'REPLACE', 'ABSTTL')).toBe('OK');
    expect(await ours.exists('s:short')).toBe(0);
    expect(await ours.dumpBuffer('nope')).toBeNull();
    const bad = Buffer.from(p);
    bad[0] = bad[0]! ^ 1;
    await expect(ours.call('RESTORE', 'k2', '0', bad)).rejects.toThrow('ERR DUMP payload version or checksum are wrong');
  });

  describe.skipIf(!HAVE)('against redis-server', () => {
    let real: Awaited<ReturnType<typeof startRealRedis>>;
    let theirs: Redis;
    beforeAll(async () => {
      real = await startRealRedis();
      theirs = new Redis({ port: real.port, host: '127.0.0.1' });
    });
    afterAll(async () => {
      theirs.disconnect();
      await real.close();
    });

    it("redis-server's payloads restore in Redwing and Redwing's restore in redis-server", async () => {
      const keys = await build(theirs);
      await build(ours);
      for (const k of keys) {
        const fromThem = (await theirs.dumpBuffer(k));
        expect(await ours.call('RESTORE', `${k}:r`, '0', fromThem)).toBe('OK');
        expect([k, await view(ours, `${k}:r`)]).toEqual([k, await view(theirs, k)]);
        const fromUs = (await ours.dumpBuffer(k));
        expect(await theirs.call('RESTORE', `${k}:r`, '0', fromUs)).toBe('OK');
        expect([k, await view(theirs, `${k}:r`)]).toEqual([k, await view(theirs, k)]);
      }
    });

    it('compressible values are LZF-compressed (rdbcompression yes) and restore in redis-server', async () => {
      await ours.set('lz', 'abc'.repeat(1000));
      const p = (await ours.dumpBuffer('lz'));
      expect(p.length).toBeLessThan(200);
      expect(p[1]).toBe(0xc3); // RDB_ENC_LZF
      expect(await theirs.call('RESTORE', 'lz', '0', p, 'REPLACE')).toBe('OK');
      expect(await theirs.get('lz')).toBe('abc'.repeat(1000));
      await ours.config('SET', 'rdbcompression', 'no');
      try {
        expect((await ours.dumpBuffer('lz')).length).toBeGreaterThan(3000);
      } finally {
        await ours.config('SET', 'rdbcompression', 'yes');
      }
    });

    it('DUMP bytes are identical where Redis does not compress', async () => {
      await build(theirs);
      await build(ours);
      await ours.zadd('z:small', '1', 'a', '2.5', 'b', '-3', 'c', 'inf', 'd');
      await theirs.zadd('z:small', '1', 'a', '2.5', 'b', '-3', 'c', 'inf', 'd');
      await ours.hset('h:small', 'f1', 'v1', 'f2', '12');
      await theirs.hset('h:small', 'f1', 'v1', 'f2', '12');
      await ours.sadd('set:small', '1', '-5', '3');
      await theirs.sadd('set:small', '1', '-5', '3');
      await ours.rpush('l:tiny', 'a', '1');
      await theirs.rpush('l:tiny', 'a', '1');
      for (const k of ['s:int', 's:bigint', 's:short', 's:bin', 'z:small', 'h:small', 'set:small', 'l:tiny']) {
        expect([k, (await ours.dumpBuffer(k)).toString('hex')]).toEqual([k, (await theirs.dumpBuffer(k)).toString('hex')]);
      }
    });

    it('MIGRATE moves and copies keys to redis-server (TTL, REPLACE, KEYS, NOKEY, target errors)', async () => {
      await build(ours);
      await theirs.flushall();
      const port = String(real.port);
      expect(await ours.call('MIGRATE', '127.0.0.1', port, 'nothing', '0', '5000')).toBe('NOKEY');
      await ours.pexpire('s:short', 100000);
      expect(await ours.call('MIGRATE', '127.0.0.1', port, 's:short', '3', '5000')).toBe('OK');
      expect(await ours.exists('s:short')).toBe(0);
      await theirs.select(3);
      expect(await theirs.get('s:short')).toBe('hello');
      expect(await theirs.pttl('s:short')).toBeGreaterThan(90000);
      expect(await ours.call('MIGRATE', '127.0.0.1', port, '', '3', '5000', 'COPY', 'KEYS', 'x', 'h:ht', 'missing')).toBe('OK');
      expect(await ours.exists('x', 'h:ht')).toBe(2);
      expect(await view(theirs, 'x')).toEqual(await view(ours, 'x'));
      expect(await view(theirs, 'h:ht')).toEqual(await view(ours, 'h:ht'));
      await expect(ours.call('MIGRATE', '127.0.0.1', port, 'x', '3', '5000')).rejects.toThrow(
        'ERR Target instance replied with error: BUSYKEY Target key name already exists.',
      );
      expect(await ours.exists('x')).toBe(1);
      expect(await ours.call('MIGRATE', '127.0.0.1', port, 'x', '3', '5000', 'REPLACE')).toBe('OK');
      expect(await ours.exists('x')).toBe(0);
      await expect(ours.call('MIGRATE', '127.0.0.1', port, 'h:ht', '3', '5000', 'AUTH', 'nopass')).rejects.toThrow(
        /^ERR Target instance replied with error: ERR AUTH <password> called without any password configured/,
      );
      await expect(ours.call('MIGRATE', '127.0.0.1', port, 'k', '3', '5000', 'KEYS', 'h:ht')).rejects.toThrow(
        'ERR When using MIGRATE KEYS option, the key argument must be set to the empty string',
      );
      await expect(ours.call('MIGRATE', '127.0.0.1', port, 'h:ht', 'x', '5000')).rejects.toThrow('ERR value is not an integer or out of range');
      await expect(ours.call('MIGRATE', '127.0.0.1', '1', 'h:ht', '0', '500')).rejects.toThrow(/^IOERR error or timeout (writing|reading) to target instance/);
      // and the other way round: redis-server migrates into Redwing
      await theirs.select(0);
      await theirs.set('from-redis', 'v');
      await theirs.rpush('from-redis-l', 'a', 'b');
      expect(await theirs.call('MIGRATE', '127.0.0.1', String(srv.port), '', '0', '5000', 'KEYS', 'from-redis', 'from-redis-l')).toBe('OK');
      expect(await ours.get('from-redis')).toBe('v');
      expect(await ours.lrange('from-redis-l', 0, -1)).toEqual(['a', 'b']);
    });

    it('RESTORE errors and options match', async () => {
      await ours.set('src', 'v');
      await theirs.set('src', 'v');
      const p = (await theirs.dumpBuffer('src')).toString('latin1');
      const cmds: (string | number)[][] = [
        ['RESTORE', 'k', 0, 'garbage'],
        ['RESTORE', 'k', -1, p],
        ['RESTORE', 'k', 'x', p],
        ['RESTORE', 'k', 0, p, 'FREQ', 300],
        ['RESTORE', 'k', 0, p, 'IDLETIME', -1],
        ['RESTORE', 'k', 0, p, 'IDLETIME', 10, 'FREQ', 5],
        ['RESTORE', 'k', 0, p, 'BOGUS'],
        ['RESTORE', 'k', 0, p, 'IDLETIME', 1000],
        ['OBJECT', 'IDLETIME', 'k'],
        ['RESTORE', 'k', 0, p],
        ['RESTORE', 'k', 0, p, 'REPLACE', 'ABSTTL'],
        ['GET', 'k'],
        ['RESTORE', 'k', 1, p, 'REPLACE', 'ABSTTL'],
        ['EXISTS', 'k'],
        ['DUMP', 'missing'],
      ];
      // the payload is binary: send it as latin1 text through the differential helper's RESP encoder
      const { ours: a, theirs: b } = await differential(srv.port, real.port, cmds);
      expect(cmds.map((c, i) => [c[0], c[4] ?? '', a[i]])).toEqual(cmds.map((c, i) => [c[0], c[4] ?? '', b[i]]));
    });
  });
});

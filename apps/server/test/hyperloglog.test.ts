// Wire tests for HyperLogLog: PFADD/PFCOUNT/PFMERGE/PFDEBUG over ioredis, corrupted values never crashing the
// server, and differential runs against a real redis-server comparing the exact bytes of HLL values (sparse and
// dense), cached cardinalities, counts, and values copied from Redis with GET/SET.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { differential, haveRedisServer, start, startRealRedis, type Started } from './helpers.js';

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

/** A small deterministic PRNG (mulberry32) so differential runs are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function elements(n: number, seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`e:${Math.floor(r() * 1e9)}:${i}`);
  return out;
}

describe('hyperloglog over ioredis', () => {
  it('PFADD creates, reports register changes, PFCOUNT estimates', async () => {
    expect(await io.pfadd('h')).toBe(1);
    expect(await io.exists('h')).toBe(1);
    expect(await io.pfcount('h')).toBe(0);
    expect(await io.pfadd('h', 'a', 'b', 'c')).toBe(1);
    expect(await io.pfadd('h', 'a', 'b', 'c')).toBe(0);
    expect(await io.pfadd('h', '')).toBe(1);
    expect(await io.pfcount('h')).toBe(4);
    expect(await io.call('PFDEBUG', 'ENCODING', 'h')).toBe('sparse');
  });

  it('keeps the cached cardinality in the header and invalidates it on change', async () => {
    await io.del('c');
    await io.pfadd('c', 'a', 'b', 'c');
    await io.pfcount('c');
    expect(await io.getrange('c', 15, 15)).toBe('\x00');
    await io.pfadd('c', 'a', 'b', 'c');
    expect(await io.getrange('c', 15, 15)).toBe('\x00');
    await io.pfadd('c', '1', '2', '3');
    expect((await io.getrangeBuffer('c', 15, 15))[0]).toBe(0x80);
  });

  it('promotes sparse to dense past hll-sparse-max-bytes and stays accurate', async () => {
    await io.del('big');
    const els = elements(20000, 7);
    for (let i = 0; i < els.length; i += 1000) await io.pfadd('big', ...els.slice(i, i + 1000));
    expect(await io.call('PFDEBUG', 'ENCODING', 'big')).toBe('dense');
    expect(await io.strlen('big')).toBe(16 + 12288);
    const n = await io.pfcount('big');
    expect(Math.abs(n - 20000)).toBeLessThan(20000 * 0.03);
    const regs = (await io.call('PFDEBUG', 'GETREG', 'big')) as number[];
    expect(regs).toHaveLength(16384);
  });

  it('PFMERGE and multi-key PFCOUNT give the union', async () => {
    await io.pfadd('m1', 'a', 'b', 'c');
    await io.pfadd('m2', 'b', 'c', 'd');
    await io.pfadd('m3', 'c', 'd', 'e');
    expect(await io.pfcount('m1', 'm2', 'm3', 'nokey')).toBe(5);
    expect(await io.pfmerge('m', 'm1', 'm2', 'm3')).toBe('OK');
    expect(await io.pfcount('m')).toBe(5);
    expect(await io.call('PFMERGE', 'solo')).toBe('OK');
    expect(await io.pfcount('solo')).toBe(0);
  });

  it('rejects other types and non-HLL strings', async () => {
    await io.set('str', 'bar');
    await io.lpush('list', 'x');
    await expect(io.pfadd('str', '1')).rejects.toThrow('WRONGTYPE Key is not a valid HyperLogLog string value.');
    await expect(io.pfcount('str')).rejects.toThrow('WRONGTYPE Key is not a valid HyperLogLog string value.');
    await expect(io.pfadd('list', '1')).rejects.toThrow('WRONGTYPE Operation against a key holding the wrong kind of value');
    await expect(io.pfmerge('str', 'm1')).rejects.toThrow('WRONGTYPE');
    await expect(io.call('PFDEBUG', 'ENCODING', 'nokey')).rejects.toThrow('ERR The specified key does not exist');
    await expect(io.call('PFDEBUG', 'FOO', 'm1')).rejects.toThrow("ERR Unknown PFDEBUG subcommand 'FOO'");
  });

  it('detects corrupted values with INVALIDOBJ and never crashes on random corruption', async () => {
    await io.del('bad');
    await io.pfadd('bad', 'a', 'b', 'c');
    await io.append('bad', 'hello');
    await expect(io.pfcount('bad')).rejects.toThrow('INVALIDOBJ Corrupted HLL object detected');
    const r = rng(99);
    for (let j = 0; j < 50; j++) {
      await io.del('fz');
      const els = elements(Math.floor(r() * 3000), j);
      if (els.length) await io.pfadd('fz', ...els);
      else await io.pfadd('fz');
      for (let i = 0; i < 5; i++) {
        const len = await io.strlen('fz');
        await io.setrange('fz', Math.floor(r() * len), Buffer.from([Math.floor(r() * 256)]));
        if (r() < 0.5) break;
      }
      for (const cmd of [['PFCOUNT', 'fz'], ['PFADD', 'fz', 'x', 'y', 'z'], ['PFCOUNT', 'fz', 'm1'], ['PFMERGE', 'dst', 'fz']]) {
        try {
          await io.call(cmd[0]!, ...cmd.slice(1));
        } catch (err) {
          expect(String(err)).toMatch(/INVALIDOBJ|WRONGTYPE/);
        }
      }
    }
    expect(await io.ping()).toBe('PONG');
  });
});

describe.skipIf(!haveRedisServer())('hyperloglog: differential against redis-server', () => {
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

  /** Runs the same commands on both servers with Buffer replies; returns both reply lists. */
  async function both(cmds: (string | Buffer | number)[][]): Promise<[unknown[], unknown[]]> {
    const run = async (c: Redis): Promise<unknown[]> => {
      const out: unknown[] = [];
      for (const [name, ...args] of cmds) {
        try {
          out.push(await c.callBuffer(String(name), ...args));
        } catch (err) {
          out.push({ error: (err as Error).message });
        }
      }
      return out;
    };
    await io.flushall();
    await theirs.flushall();
    return [await run(io), await run(theirs)];
  }

  it('PFADD produces the same bytes, sparse through dense, and the same counts', async () => {
    const cmds: (string | number)[][] = [];
    let added = 0;
    for (const batch of [1, 2, 5, 10, 30, 100, 300, 500, 1000, 3000, 5000]) {
      const els = elements(batch, batch);
      cmds.push(['PFADD', 'h', ...els], ['GET', 'h'], ['PFCOUNT', 'h'], ['GET', 'h'], ['PFDEBUG', 'ENCODING', 'h']);
      added += batch;
    }
    expect(added).toBeGreaterThan(9000);
    const [ours, theirsR] = await both(cmds);
    expect(Buffer.isBuffer(theirsR[1])).toBe(true);
    expect(theirsR.at(-1)).toEqual(Buffer.from('dense'));
    expect(ours).toEqual(theirsR);
  });

  it('single-element adds walk the sparse opcodes exactly as Redis (DECODE and bytes)', async () => {
    const els = elements(400, 3);
    const cmds: (string | number)[][] = [];
    for (const el of els) cmds.push(['PFADD', 's', el]);
    cmds.push(['GET', 's'], ['PFDEBUG', 'DECODE', 's'], ['PFCOUNT', 's']);
    const [ours, theirsR] = await both(cmds);
    expect(ours).toEqual(theirsR);
  });

  it('PFMERGE (sparse, dense, mixed) and multi-key PFCOUNT match byte for byte', async () => {
    const a = elements(50, 11);
    const b = elements(200, 12);
    const d = elements(6000, 13);
    const [ours, theirsR] = await both([
      ['PFADD', 'a', ...a],
      ['PFADD', 'b', ...b],
      ['PFADD', 'd', ...d],
      ['PFCOUNT', 'a', 'b'],
      ['PFCOUNT', 'a', 'b', 'd', 'missing'],
      ['PFMERGE', 'ab', 'a', 'b'],
      ['GET', 'ab'],
      ['PFMERGE', 'abd', 'a', 'b', 'd'],
      ['GET', 'abd'],
      ['PFMERGE', 'a', 'b'],
      ['GET', 'a'],
      ['PFCOUNT', 'ab'],
      ['PFCOUNT', 'abd'],
      ['PFDEBUG', 'TODENSE', 'b'],
      ['GET', 'b'],
      ['PFDEBUG', 'TODENSE', 'b'],
      ['PFDEBUG', 'DECODE', 'b'],
      ['PFMERGE', 'new', 'missing'],
      ['GET', 'new'],
    ]);
    expect(ours).toEqual(theirsR);
  });

  it('honours hll-sparse-max-bytes', async () => {
    const els = elements(1500, 21);
    const cmds: (string | number)[][] = [['CONFIG', 'SET', 'hll-sparse-max-bytes', '300']];
    for (let i = 0; i < els.length; i += 50) cmds.push(['PFADD', 'h', ...els.slice(i, i + 50)], ['STRLEN', 'h']);
    cmds.push(['GET', 'h'], ['CONFIG', 'SET', 'hll-sparse-max-bytes', '3000']);
    const [ours, theirsR] = await both(cmds);
    expect(ours).toEqual(theirsR);
  });

  it('a value copied from Redis with GET/SET works here, and back', async () => {
    await theirs.flushall();
    await io.flushall();
    for (const [key, n] of [
      ['tiny', 2],
      ['sp', 300],
      ['dn', 8000],
    ] as const) {
      await theirs.pfadd(key, ...elements(n, n));
      const bytes = await theirs.getBuffer(key);
      expect(bytes).not.toBeNull();
      await io.set(key, bytes!);
      expect(await io.pfcount(key)).toBe(await theirs.pfcount(key));
      // an element already counted: nothing changes, but the value is now a raw string on both sides
      const again = elements(n, n)[0]!;
      expect(await io.pfadd(key, again)).toBe(0);
      expect(await theirs.pfadd(key, again)).toBe(0);
      expect(await io.object('ENCODING', key)).toBe(await theirs.object('ENCODING', key));
      const more = elements(700, n + 1);
      await io.pfadd(key, ...more);
      await theirs.pfadd(key, ...more);
      expect(await io.getBuffer(key)).toEqual(await theirs.getBuffer(key));
      expect(await io.pfcount(key)).toBe(await theirs.pfcount(key));
      const back = await io.getBuffer(key);
      await theirs.set(`${key}2`, back!);
      expect(await theirs.pfcount(`${key}2`)).toBe(await io.pfcount(key));
    }
  });

  it('errors and corrupted values get the same replies as Redis', async () => {
    const [ours, theirsR] = await both([
      ['SET', 'str', 'bar'],
      ['PFADD', 'str', 'x'],
      ['PFCOUNT', 'str'],
      ['PFMERGE', 'x', 'str'],
      ['SET', 'int', '12345'],
      ['PFCOUNT', 'int'],
      ['PFADD', 'h', 'a', 'b', 'c'],
      ['APPEND', 'h', 'hello'],
      ['PFCOUNT', 'h'],
      ['PFADD', 'h', 'zz'],
      ['PFCOUNT', 'h', 'h'],
      ['PFDEBUG', 'TODENSE', 'h'],
      ['PFDEBUG', 'GETREG', 'h'],
      ['DEL', 'h'],
      ['PFADD', 'h', 'a'],
      ['SETRANGE', 'h', '0', '0123'],
      ['PFCOUNT', 'h'],
      ['DEL', 'h'],
      ['PFADD', 'h', 'a'],
      ['SETRANGE', 'h', '4', 'x'],
      ['PFCOUNT', 'h'],
      ['DEL', 'h'],
      ['PFADD', 'h', 'a'],
      ['SETRANGE', 'h', '4', '\x00'],
      ['PFCOUNT', 'h'],
      ['PFDEBUG', 'ENCODING', 'nokey'],
      ['PFDEBUG', 'WHAT', 'str'],
      ['SET', 'd', 'x'],
      ['DEL', 'd'],
      ['PFADD', 'd', ...elements(3000, 5)],
      ['PFDEBUG', 'DECODE', 'd'],
      ['PFDEBUG', 'NOPE', 'd'],
      ['PFADD'],
      ['PFDEBUG', 'ENCODING'],
    ]);
    expect(ours).toEqual(theirsR);
  });

  it('deterministic corruptions: the same reply as Redis for each', async () => {
    const r = rng(1234);
    const cmds: (string | number | Buffer)[][] = [];
    for (let j = 0; j < 60; j++) {
      const els = elements(Math.floor(r() * 400), 500 + j);
      cmds.push(['DEL', 'c'], ['PFADD', 'c', ...els]);
      // the sparse length depends only on the elements, which both servers agree on (checked above)
      const pos = 16 + Math.floor(r() * 40);
      cmds.push(['SETRANGE', 'c', pos, Buffer.from([Math.floor(r() * 256)])]);
      cmds.push(['PFCOUNT', 'c'], ['PFADD', 'c', 'p', 'q'], ['GET', 'c'], ['PFCOUNT', 'c', 'c']);
    }
    const [ours, theirsR] = await both(cmds);
    expect(ours).toEqual(theirsR);
  });

  it('plain differential helper agrees on small sequences', async () => {
    const { ours, theirs: t } = await differential(srv.port, real.port, [
      ['PFADD', 'k', 'a', 'b'],
      ['OBJECT', 'ENCODING', 'k'],
      ['EXPIRE', 'k', '1000'],
      ['PFADD', 'k', 'c'],
      ['PFCOUNT', 'k'],
      ['PERSIST', 'k'],
      ['PFCOUNT', 'k', 'nokey'],
      ['PFMERGE', 'k2', 'k'],
      ['PFCOUNT', 'k2'],
      ['TYPE', 'k2'],
    ]);
    expect(ours).toEqual(t);
  });
});

// EVAL / EVALSHA / SCRIPT over the wire: ioredis's defineCommand (EVALSHA with EVAL fallback), redlock's
// release script, and a differential run against redis-server for replies and error texts.
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

describe('scripting over ioredis', () => {
  it('defineCommand: EVALSHA falls back to EVAL and then hits the cache', async () => {
    io.defineCommand('incrTwice', { numberOfKeys: 1, lua: "redis.call('INCR', KEYS[1]); return redis.call('INCR', KEYS[1])" });
    const r = await (io as unknown as { incrTwice(k: string): Promise<number> }).incrTwice('ctr');
    expect(r).toBe(2);
    expect(await (io as unknown as { incrTwice(k: string): Promise<number> }).incrTwice('ctr')).toBe(4);
  });

  it("redlock's release script deletes only the owner's lock", async () => {
    const release = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    await io.set('lock', 'me', 'PX', 10000);
    expect(await io.eval(release, 1, 'lock', 'you')).toBe(0);
    expect(await io.eval(release, 1, 'lock', 'me')).toBe(1);
    expect(await io.exists('lock')).toBe(0);
  });

  it('a rate limiter: INCR + PEXPIRE in one script', async () => {
    const limiter = "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";
    for (let i = 1; i <= 3; i++) expect(await io.eval(limiter, 1, 'rl', 1000)).toBe(i);
    expect(await io.pttl('rl')).toBeGreaterThan(0);
  });
});

describe.skipIf(!haveRedisServer())('scripting: differential against redis-server', () => {
  it('replies and error texts match', async () => {
    const real = await startRealRedis();
    try {
      const { ours, theirs } = await differential(srv.port, real.port, [
        ['SET', 's', 'x'],
        ['EVAL', "return redis.call('INCR', 's')", '0'],
        ['EVAL', "return redis.call('nosuch')", '0'],
        ['EVAL', 'x =', '0'],
        ['EVAL', 'return {1, 2.5, "a", {3, "b"}, false, nil, 7}', '0'],
        ['EVAL', "return {err='My Error'}", '0'],
        ['EVAL', "return redis.error_reply('boom')", '0'],
        ['EVAL', "return redis.status_reply('fine')", '0'],
        ['EVAL', 'return KEYS[1] .. ARGV[1] .. #ARGV', '1', 'k', 'a', 'b'],
        ['EVAL', "return redis.pcall('nosuch')", '0'],
        ['EVAL', "return redis.sha1hex('')", '0'],
        ['EVAL', 'return tostring(10/3)', '0'],
        ['EVAL', 'return string.format("%5.2f|%d|%s", 3.14159, 42, "x")', '0'],
        ['EVAL', 'undefined_global = 1', '0'],
        ['EVAL', 'return undefined_global', '0'],
        ['EVAL', "error('plain error')", '0'],
        ['EVAL', 'error({err="TABLE error"})', '0'],
        ['EVAL_RO', "return redis.call('DEL', 'x')", '0'],
        ['EVAL', "#!lua flags=no-writes\nreturn redis.call('SET', 'x', 'y')", '0'],
        ['EVAL', "#!lua flags=bogus\nreturn 1", '0'],
        ['EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', '0'],
        ['SCRIPT', 'LOAD', 'return 1'],
        ['SCRIPT', 'EXISTS', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db', 'aaaa'],
        ['EVAL', 'return 1', '3', 'a'],
        ['EVAL', "redis.setresp(3); return redis.call('HELLO')['proto']", '0'],
        ['EVAL', "return redis.call('GET', 'nokey')", '0'],
        ['EVAL', "redis.setresp(3); return redis.call('GET', 'nokey')", '0'],
      ]);
      expect(ours).toEqual(theirs);
    } finally {
      await real.close();
    }
  });
});

/** Sorts the `functions` array of each library in a FUNCTION LIST reply (flat RESP2 maps). */
function sortFunctionLists(reply: unknown): unknown {
  if (!Array.isArray(reply)) return reply;
  return reply.map((lib: unknown) => {
    if (!Array.isArray(lib)) return lib;
    const out = [...(lib as unknown[])];
    const i = out.indexOf('functions');
    if (i >= 0 && Array.isArray(out[i + 1])) out[i + 1] = [...(out[i + 1] as unknown[])].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return out;
  });
}

describe.skipIf(!haveRedisServer())('functions: differential against redis-server', () => {
  it('FUNCTION LOAD/LIST/DELETE/STATS and FCALL match', async () => {
    const real = await startRealRedis();
    const lib = "#!lua name=mylib\nredis.register_function('f1', function(keys, args) return args[1] end)\nredis.register_function{function_name='f2', callback=function(keys, args) return redis.call('ping') end, flags={'no-writes'}, description='desc'}";
    try {
      const { ours, theirs } = await differential(srv.port, real.port, [
        ['FUNCTION', 'FLUSH'],
        ['FUNCTION', 'LOAD', lib],
        ['FUNCTION', 'LOAD', lib],
        ['FUNCTION', 'LOAD', 'REPLACE', lib],
        ['FUNCTION', 'LOAD', "redis.register_function('x', function() end)"],
        ['FUNCTION', 'LOAD', '#!lua name=other\nreturn 1'],
        ['FUNCTION', 'LOAD', "#!lua name=lib2\nredis.register_function('f1', function() return 1 end)"],
        ['FUNCTION', 'LOAD', '#!lua name=lib3 foo=bar\nreturn 1'],
        ['FUNCTION', 'LOAD', '#!lua\nreturn 1'],
        ['FCALL', 'f1', '0', 'hello'],
        ['FCALL', 'nosuch', '0'],
        ['FCALL_RO', 'f1', '0', 'a'],
        ['FCALL_RO', 'f2', '0'],
        ['FCALL', 'f1', '5', 'a'],
        ['FUNCTION', 'LIST'],
        ['FUNCTION', 'LIST', 'WITHCODE', 'LIBRARYNAME', 'my*'],
        ['FUNCTION', 'STATS'],
        ['FUNCTION', 'KILL'],
        ['FUNCTION', 'DELETE', 'nosuch'],
        ['FUNCTION', 'DELETE', 'mylib'],
        ['FCALL', 'f1', '0'],
        ['FUNCTION', 'RESTORE', 'garbage'],
      ]);
      // FUNCTION LIST prints a library's functions in the order of Redis's dict (hash order): compare as sets
      expect(ours.map(sortFunctionLists)).toEqual(theirs.map(sortFunctionLists));
    } finally {
      await real.close();
    }
  });

  it('DUMP and RESTORE round-trip the libraries', async () => {
    const c = await import('./helpers.js').then((m) => m.ReplyClient.connect(srv.port));
    await c.call('FUNCTION', 'FLUSH');
    await c.call('FUNCTION', 'LOAD', "#!lua name=l1\nredis.register_function('g', function() return 7 end)");
    const payload = (await c.call('FUNCTION', 'DUMP')) as string;
    await c.call('FUNCTION', 'FLUSH');
    expect(await c.call('FCALL', 'g', 0)).toEqual({ error: 'ERR Function not found' });
    expect(await c.call('FUNCTION', 'RESTORE', payload)).toBe('OK');
    expect(await c.call('FCALL', 'g', 0)).toBe(7);
    expect(await c.call('FUNCTION', 'RESTORE', payload)).toEqual({ error: 'ERR Library l1 already exists' }); // RESTORE's text has no quotes in Redis 7.0
    c.close();
  });
});

describe('busy scripts', () => {
  it('a runaway script makes others get BUSY, SCRIPT KILL stops it, and the server goes on', async () => {
    const s = await start({ config: { 'busy-reply-threshold': '100' } });
    const { ReplyClient } = await import('./helpers.js');
    const runner = await ReplyClient.connect(s.port);
    const other = await ReplyClient.connect(s.port);
    try {
      await other.call('SET', 'k', 'v');
      const pending = runner.call('EVAL', 'local i = 0 while true do i = i + 1 end', 0);
      let reply: unknown;
      for (let i = 0; i < 100; i++) {
        await new Promise((r) => setTimeout(r, 50));
        reply = await other.call('GET', 'k');
        if (typeof reply === 'object') break;
      }
      expect(reply).toEqual({ error: 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.' });
      expect(await other.call('SCRIPT', 'KILL')).toBe('OK');
      const killed = (await pending) as { error: string };
      expect(killed.error).toMatch(/^ERR Script killed by user with SCRIPT KILL\.\.\./);
      expect(await other.call('GET', 'k')).toBe('v');
      expect(await other.call('SCRIPT', 'KILL')).toEqual({ error: 'NOTBUSY No scripts in execution right now.' });
    } finally {
      runner.close();
      other.close();
      await s.close();
    }
  });

  it('a runaway function is sliced too: BUSY for others, FUNCTION KILL stops it', async () => {
    const s = await start({ config: { 'busy-reply-threshold': '100' } });
    const { ReplyClient } = await import('./helpers.js');
    const runner = await ReplyClient.connect(s.port);
    const other = await ReplyClient.connect(s.port);
    try {
      expect(await runner.call('FUNCTION', 'LOAD', "#!lua name=spin\nredis.register_function('spin', function() while true do end end)")).toBe('spin');
      const pending = runner.call('FCALL', 'spin', 0);
      let reply: unknown;
      for (let i = 0; i < 100; i++) {
        await new Promise((r) => setTimeout(r, 50));
        reply = await other.call('PING');
        if (typeof reply === 'object') break;
      }
      expect(reply).toEqual({ error: 'BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.' });
      // Redis refuses to stop a function with SCRIPT KILL and answers the same BUSY text
      expect(await other.call('SCRIPT', 'KILL')).toEqual(reply);
      expect(await other.call('FUNCTION', 'KILL')).toBe('OK');
      expect(((await pending) as { error: string }).error).toMatch(/^ERR Script killed by user/);
      expect(await other.call('PING')).toBe('PONG');
    } finally {
      runner.close();
      other.close();
      await s.close();
    }
  });
});

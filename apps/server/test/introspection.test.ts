// Wire tests for the introspection family: CLIENT *, MONITOR, SLOWLOG, LATENCY, MEMORY, DEBUG, OBJECT, WAIT,
// LASTSAVE, SAVE/BGSAVE, SHUTDOWN ABORT; plus a differential run of their deterministic replies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { differential, haveRedisServer, RawClient, ReplyClient, start, startRealRedis, type Started } from './helpers.js';

const HAVE = haveRedisServer();
if (!HAVE) console.warn('redis-server not installed: skipping introspection differential tests');

let srv: Started;
let io: Redis;

beforeAll(async () => {
  srv = await start({ config: { 'enable-debug-command': 'local' } });
  io = new Redis({ port: srv.port, host: '127.0.0.1' });
});
afterAll(async () => {
  io.disconnect();
  await srv.close();
});

describe('CLIENT', () => {
  it('LIST and INFO print Redis 7.0 fields in order', async () => {
    const c = await ReplyClient.connect(srv.port);
    const list = (await c.call('CLIENT', 'LIST')) as string;
    const line = list.split('\n').find((l) => l.includes('cmd=client|list'));
    expect(line).toMatch(
      /^id=\d+ addr=127\.0\.0\.1:\d+ laddr=127\.0\.0\.1:\d+ fd=\d+ name= age=\d+ idle=\d+ flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=\d+ argv-mem=10 multi-mem=0 rbs=\d+ rbp=\d+ obl=0 oll=0 omem=0 tot-mem=\d+ events=r cmd=client\|list user=default redir=-1 resp=2$/,
    );
    const info = (await c.call('CLIENT', 'INFO')) as string;
    expect(info).toMatch(/^id=\d+ .* cmd=client\|info user=default redir=-1 resp=2\n$/);
    const id = (await c.call('CLIENT', 'ID')) as number;
    const byId = (await c.call('CLIENT', 'LIST', 'ID', id, 999999)) as string;
    expect(byId.split('\n').filter(Boolean)).toHaveLength(1);
    expect(await c.call('CLIENT', 'LIST', 'ID', 'x')).toEqual({ error: 'ERR Invalid client ID' });
    expect(await c.call('CLIENT', 'LIST', 'TYPE', 'bogus')).toEqual({ error: "ERR Unknown client type 'bogus'" });
    expect(((await c.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string).length).toBe(0);
    c.close();
  });

  it('SETNAME / GETNAME', async () => {
    const c = await ReplyClient.connect(srv.port);
    expect(await c.call('CLIENT', 'GETNAME')).toBeNull();
    expect(await c.call('CLIENT', 'SETNAME', 'my-conn')).toBe('OK');
    expect(await c.call('CLIENT', 'GETNAME')).toBe('my-conn');
    expect(await c.call('CLIENT', 'SETNAME', 'a b')).toEqual({
      error: 'ERR Client names cannot contain spaces, newlines or special characters.',
    });
    expect(((await c.call('CLIENT', 'INFO')) as string).includes(' name=my-conn ')).toBe(true);
    expect(await c.call('CLIENT', 'SETNAME', '')).toBe('OK');
    expect(await c.call('CLIENT', 'GETNAME')).toBeNull();
    c.close();
  });

  it('KILL by old form, by ID, SKIPME', async () => {
    const a = await RawClient.connect(srv.port);
    const b = await RawClient.connect(srv.port);
    const me = await ReplyClient.connect(srv.port);
    a.command('CLIENT', 'ID');
    const aId = Number(/:(\d+)/.exec(await a.read())![1]);
    b.command('CLIENT', 'INFO');
    const bAddr = /addr=(\S+)/.exec(await b.read((t) => t.endsWith('\n\r\n')))![1]!;
    expect(await me.call('CLIENT', 'KILL', 'ID', aId)).toBe(1);
    expect(await a.waitClosed()).toBe(true);
    expect(await me.call('CLIENT', 'KILL', bAddr)).toBe('OK');
    expect(await b.waitClosed()).toBe(true);
    expect(await me.call('CLIENT', 'KILL', '1.2.3.4:5')).toEqual({ error: 'ERR No such client' });
    expect(await me.call('CLIENT', 'KILL', 'ID', 0)).toEqual({ error: 'ERR client-id should be greater than 0' });
    expect(await me.call('CLIENT', 'KILL', 'TYPE', 'x')).toEqual({ error: "ERR Unknown client type 'x'" });
    expect(await me.call('CLIENT', 'KILL', 'USER', 'nobody')).toEqual({ error: "ERR No such user 'nobody'" });
    const myId = (await me.call('CLIENT', 'ID')) as number;
    expect(await me.call('CLIENT', 'KILL', 'ID', myId)).toBe(0); // SKIPME yes by default
    expect(await me.call('CLIENT', 'KILL', 'ID', myId, 'SKIPME', 'no')).toBe(1);
    expect(await me.call('PING')).toBeUndefined(); // closed after the reply
    me.close();
  });

  it('REPLY OFF/ON and SKIP silence replies', async () => {
    const r = await RawClient.connect(srv.port);
    r.command('CLIENT', 'REPLY', 'OFF');
    r.command('PING', 'a');
    r.command('CLIENT', 'REPLY', 'ON');
    r.command('PING', 'b');
    const out = await r.read((t) => t.includes('$1\r\nb\r\n'));
    expect(out).not.toContain('$1\r\na\r\n');
    r.command('CLIENT', 'REPLY', 'SKIP');
    r.command('PING', 'c');
    r.command('PING', 'd');
    const out2 = await r.read((t) => t.includes('$1\r\nd\r\n'));
    expect(out2).toBe('$1\r\nd\r\n');
    r.close();
  });

  it('UNBLOCK wakes a blocked BLPOP with a timeout reply or an error', async () => {
    const blocked = await RawClient.connect(srv.port);
    blocked.command('CLIENT', 'ID');
    const id = Number(/:(\d+)/.exec(await blocked.read())![1]);
    blocked.command('BLPOP', 'nothing-here', 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(await io.call('CLIENT', 'UNBLOCK', id)).toBe(1);
    expect(await blocked.read()).toBe('*-1\r\n');
    blocked.command('BLPOP', 'nothing-here', 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(await io.call('CLIENT', 'UNBLOCK', id, 'ERROR')).toBe(1);
    expect(await blocked.read()).toBe('-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n');
    expect(await io.call('CLIENT', 'UNBLOCK', id)).toBe(0);
    await expect(io.call('CLIENT', 'UNBLOCK', id, 'MAYBE')).rejects.toThrow('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
    blocked.close();
  });

  it('PAUSE / UNPAUSE answer OK and check their arguments', async () => {
    expect(await io.call('CLIENT', 'PAUSE', 100000, 'WRITE')).toBe('OK');
    expect(await io.call('CLIENT', 'UNPAUSE')).toBe('OK');
    await expect(io.call('CLIENT', 'PAUSE', -1)).rejects.toThrow('ERR timeout is negative');
    await expect(io.call('CLIENT', 'PAUSE', 'x')).rejects.toThrow('ERR timeout is not an integer or out of range');
    await expect(io.call('CLIENT', 'PAUSE', 10, 'SOME')).rejects.toThrow('ERR CLIENT PAUSE mode must be WRITE or ALL');
  });

  it('NO-EVICT sets the e flag', async () => {
    const c = await ReplyClient.connect(srv.port);
    expect(await c.call('CLIENT', 'NO-EVICT', 'ON')).toBe('OK');
    expect(await c.call('CLIENT', 'INFO')).toMatch(/ flags=e /);
    expect(await c.call('CLIENT', 'NO-EVICT', 'OFF')).toBe('OK');
    expect(await c.call('CLIENT', 'NO-EVICT', 'MAYBE')).toEqual({ error: 'ERR syntax error' });
    c.close();
  });
});

describe('MONITOR, SLOWLOG, LATENCY, MEMORY, DEBUG, misc', () => {
  it('MONITOR streams executed commands', async () => {
    const m = await RawClient.connect(srv.port);
    m.command('MONITOR');
    expect(await m.read()).toBe('+OK\r\n');
    await io.set('mon-key', 'va"l');
    const line = await m.read((t) => t.includes('mon-key'));
    expect(line).toMatch(/^\+\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] "set" "mon-key" "va\\"l"\r\n$/);
    m.close();
  });

  it('SLOWLOG records commands slower than the threshold', async () => {
    await io.config('SET', 'slowlog-log-slower-than', '0');
    await io.slowlog('RESET');
    await io.set('slow', '1');
    const entries = (await io.slowlog('GET', -1)) as unknown[][];
    await io.config('SET', 'slowlog-log-slower-than', '10000');
    expect(entries.length).toBeGreaterThan(0);
    const setEntry = entries.find((e) => (e[3] as string[])[0] === 'set')!;
    expect(setEntry[3]).toEqual(['set', 'slow', '1']);
    expect(typeof setEntry[0]).toBe('number');
    expect(await io.slowlog('LEN')).toBeGreaterThan(0);
    expect(await io.slowlog('RESET')).toBe('OK');
    await expect(io.slowlog('GET', -2)).rejects.toThrow('ERR count should be greater than or equal to -1');
  });

  it('SLOWLOG and MONITOR show commands as sent, not as rewritten (GEOADD, SPOP, GETSET, INCRBYFLOAT, BLPOP)', async () => {
    await io.config('SET', 'slowlog-log-slower-than', '0');
    const last = async (): Promise<unknown> => ((await io.slowlog('GET')) as unknown[][])[0]![3];
    try {
      await io.sadd('sl-set', 'a', 'b');
      await io.slowlog('RESET');
      await io.spop('sl-set', 10);
      expect(await last()).toEqual(['spop', 'sl-set', '10']);
      await io.slowlog('RESET');
      await io.call('GEOADD', 'sl-geo', '-122.33207', '47.60621', 'Seattle');
      expect(await last()).toEqual(['GEOADD', 'sl-geo', '-122.33207', '47.60621', 'Seattle']);
      await io.slowlog('RESET');
      await io.getset('sl-a', '5');
      expect(await last()).toEqual(['getset', 'sl-a', '5']);
      await io.slowlog('RESET');
      await io.call('INCRBYFLOAT', 'sl-f', '1.0');
      expect(await last()).toEqual(['INCRBYFLOAT', 'sl-f', '1.0']);
      const blocked = io.duplicate();
      const p = blocked.blpop('sl-l', 0);
      const t0 = Date.now();
      while (!/blocked_clients:1/.test(await io.info('clients')) && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 10));
      await io.multi().lpush('sl-l', 'foo').slowlog('RESET').exec();
      expect(await p).toEqual(['sl-l', 'foo']);
      blocked.disconnect();
      expect(await last()).toEqual(['blpop', 'sl-l', '0']);
      const m = await RawClient.connect(srv.port);
      m.command('MONITOR');
      await m.read((t) => t.includes('OK'));
      await io.call('GEOADD', 'sl-geo', '13.361389', '38.115556', 'Palermo');
      expect(await m.read((t) => t.includes('Palermo'))).toMatch(/"GEOADD" "sl-geo" "13.361389" "38.115556" "Palermo"/);
      m.close();
    } finally {
      await io.config('SET', 'slowlog-log-slower-than', '10000');
    }
  });

  it('LATENCY answers with empty data when monitoring is off', async () => {
    expect(await io.call('LATENCY', 'LATEST')).toEqual([]);
    expect(await io.call('LATENCY', 'HISTORY', 'command')).toEqual([]);
    expect(await io.call('LATENCY', 'RESET')).toBe(0);
    expect(await io.call('LATENCY', 'DOCTOR')).toMatch(/Latency monitoring is disabled/);
  });

  it('MEMORY USAGE grows with the value; STATS has the fields', async () => {
    await io.set('small', 'x');
    await io.set('big', 'x'.repeat(10000));
    const s = (await io.call('MEMORY', 'USAGE', 'small')) as number;
    const b = (await io.call('MEMORY', 'USAGE', 'big')) as number;
    expect(b).toBeGreaterThan(s + 9000);
    const stats = (await io.call('MEMORY', 'STATS')) as unknown[];
    expect(stats).toContain('keys.count');
    expect(stats).toContain('dataset.bytes');
  });

  it('DEBUG SLEEP, SET-ACTIVE-EXPIRE, OBJECT, POPULATE, PROTOCOL', async () => {
    const t0 = Date.now();
    expect(await io.call('DEBUG', 'SLEEP', '0.05')).toBe('OK');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(await io.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0')).toBe('OK');
    expect(srv.server.engine.keyspace.config.activeExpireEnabled).toBe(false);
    expect(await io.call('DEBUG', 'SET-ACTIVE-EXPIRE', '1')).toBe('OK');
    await io.set('dbg', 'hello');
    expect(await io.call('DEBUG', 'OBJECT', 'dbg')).toMatch(/^Value at:0x[0-9a-f]+ refcount:1 encoding:embstr serializedlength:\d+ lru:\d+ lru_seconds_idle:\d+$/);
    await expect(io.call('DEBUG', 'OBJECT', 'nope')).rejects.toThrow('ERR no such key');
    await io.select(5);
    expect(await io.call('DEBUG', 'POPULATE', 10, 'pop', 4)).toBe('OK');
    expect(await io.dbsize()).toBe(10);
    expect(await io.get('pop:3')).toBe('valu');
    await io.flushdb();
    await io.select(0);
    expect(await io.call('DEBUG', 'PROTOCOL', 'integer')).toBe(12345);
    await expect(io.call('DEBUG', 'RELOAD')).rejects.toThrow(/persistence is not implemented/);
    await expect(io.call('DEBUG', 'NOPE')).rejects.toThrow("ERR unknown subcommand 'NOPE'. Try DEBUG HELP.");
  });

  it('OBJECT IDLETIME and FREQ follow the maxmemory policy', async () => {
    await io.set('obj', 'v');
    expect(await io.object('IDLETIME', 'obj')).toBe(0);
    await expect(io.object('FREQ', 'obj')).rejects.toThrow('ERR An LFU maxmemory policy is not selected');
    await io.config('SET', 'maxmemory-policy', 'allkeys-lfu');
    try {
      await io.set('obj-lfu', 'v');
      expect(await io.object('FREQ', 'obj-lfu')).toBeGreaterThanOrEqual(5);
      await expect(io.object('IDLETIME', 'obj-lfu')).rejects.toThrow('ERR An LFU maxmemory policy is selected');
    } finally {
      await io.config('SET', 'maxmemory-policy', 'noeviction');
    }
  });

  it('WAIT, LASTSAVE, SAVE, BGSAVE, SHUTDOWN ABORT', async () => {
    expect(await io.call('WAIT', 0, 0)).toBe(0);
    expect(await io.call('WAIT', 1, 10)).toBe(0);
    const last = (await io.call('LASTSAVE')) as number;
    expect(Math.abs(last - Date.now() / 1000)).toBeLessThan(3600);
    await expect(io.call('SAVE')).rejects.toThrow(/Persistence is not implemented/);
    await expect(io.call('BGSAVE')).rejects.toThrow(/Persistence is not implemented/);
    await expect(io.call('SHUTDOWN', 'NOSAVE', 'SAVE')).rejects.toThrow('ERR syntax error');
    await expect(io.call('SHUTDOWN', 'ABORT', 'NOW')).rejects.toThrow('ERR syntax error');
  });
});

describe.skipIf(!HAVE)('introspection differential against redis-server', () => {
  let real: Awaited<ReturnType<typeof startRealRedis>>;
  beforeAll(async () => {
    real = await startRealRedis();
  });
  afterAll(async () => {
    await real.close();
  });

  it('MONITOR shows EVAL / FCALL before the commands their scripts run', async () => {
    const scenario = async (port: number): Promise<string[]> => {
      const c = await ReplyClient.connect(port);
      await c.call('FUNCTION', 'LOAD', 'REPLACE', "#!lua name=mon\nredis.register_function('monf', function() return redis.call('set', 'foo', 'bar') end)");
      const m = await RawClient.connect(port);
      m.command('MONITOR');
      await m.read((t) => t.includes('OK'));
      await c.call('EVAL', "redis.call('set',KEYS[1],ARGV[1])", 1, 'foo', 'bar');
      await c.call('FCALL', 'monf', 0);
      await c.call('PING');
      const text = await m.read((t) => t.includes('"ping"'));
      m.close();
      await c.call('FUNCTION', 'DELETE', 'mon');
      c.close();
      // drop timestamps and client addresses, keep the db and the lua marker
      return text
        .split('\r\n')
        .filter(Boolean)
        .map((l) => l.replace(/^\+\d+\.\d+ \[(\d+) ([^\]]+)\]/, (_m, db: string, who: string) => `[${db} ${who === 'lua' ? 'lua' : 'client'}]`));
    };
    const ours = await scenario(srv.port);
    expect(ours.slice(0, 2)).toEqual(['[0 client] "EVAL" "redis.call(\'set\',KEYS[1],ARGV[1])" "1" "foo" "bar"', '[0 lua] "set" "foo" "bar"']);
    expect(ours).toEqual(await scenario(real.port));
  });

  it('CLIENT PAUSE WRITE: expired keys are hidden but not deleted until the pause ends', async () => {
    const scenario = async (port: number): Promise<unknown[]> => {
      const c = await ReplyClient.connect(port);
      const expired = async (): Promise<number> => Number(/expired_keys:(\d+)/.exec((await c.call('INFO', 'stats')) as string)![1]);
      try {
        await c.call('FLUSHALL');
        const before = await expired();
        const out: unknown[] = [];
        out.push(await c.call('MULTI'), await c.call('SET', 'pz', 'v', 'PX', 10), await c.call('CLIENT', 'PAUSE', 50000, 'WRITE'));
        out.push(await c.call('EXEC'));
        await new Promise((r) => setTimeout(r, 40));
        out.push(await c.call('GET', 'pz'), await c.call('EXISTS', 'pz'), await c.call('DBSIZE'), (await expired()) - before);
        out.push(await c.call('CLIENT', 'UNPAUSE'), await c.call('GET', 'pz'), await c.call('DBSIZE'), (await expired()) - before);
        return out;
      } finally {
        await c.call('CLIENT', 'UNPAUSE');
        c.close();
      }
    };
    const ours = await scenario(srv.port);
    expect(ours.slice(4)).toEqual([null, 0, 1, 0, 'OK', null, 0, 1]);
    expect(ours).toEqual(await scenario(real.port));
  });

  it('deterministic replies match', async () => {
    const cmds: (string | number)[][] = [
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', 'a b'],
      ['CLIENT', 'SETNAME', 'abc'],
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'HELP'],
      ['CLIENT', 'NOSUCH'],
      ['CLIENT'],
      ['CLIENT', 'KILL'],
      ['CLIENT', 'KILL', 'ID', 'x'],
      ['CLIENT', 'KILL', 'ID', 10, 'wrong'],
      ['CLIENT', 'KILL', 'SKIPME', 'maybe'],
      ['CLIENT', 'KILL', 'TYPE', 'wrong'],
      ['CLIENT', 'KILL', '9.9.9.9:1'],
      ['CLIENT', 'LIST', 'FOO'],
      ['CLIENT', 'LIST', 'TYPE', 'wrong'],
      ['CLIENT', 'LIST', 'ID', 'x'],
      ['CLIENT', 'LIST', 'ID', 999999],
      ['CLIENT', 'UNBLOCK', 999999],
      ['CLIENT', 'UNBLOCK', 'x'],
      ['CLIENT', 'UNBLOCK', 1, 'bogus'],
      ['CLIENT', 'PAUSE', -1],
      ['CLIENT', 'PAUSE', 'x'],
      ['CLIENT', 'PAUSE', 10, 'bogus'],
      ['CLIENT', 'NO-EVICT', 'maybe'],
      ['CLIENT', 'REPLY', 'maybe'],
      ['CLIENT', 'GETREDIR'],
      ['CLIENT', 'TRACKINGINFO'],
      ['OBJECT', 'HELP'],
      ['SLOWLOG', 'HELP'],
      ['SLOWLOG', 'GET', -2],
      ['SLOWLOG', 'GET', 'x'],
      ['SLOWLOG', 'NOPE'],
      ['LATENCY', 'HELP'],
      ['LATENCY', 'LATEST'],
      ['LATENCY', 'HISTORY', 'command'],
      ['LATENCY', 'RESET'],
      ['LATENCY', 'RESET', 'command', 'other'],
      ['MEMORY', 'HELP'],
      ['MEMORY', 'USAGE', 'nope'],
      ['MEMORY', 'NOPE'],
      ['WAIT', 0, 0],
      ['WAIT', 'x', 0],
      ['WAIT', 0, -1],
      ['WAIT', 0, 'x'],
      ['SHUTDOWN', 'BOGUS'],
      ['SHUTDOWN', 'SAVE', 'NOSAVE'],
      ['SHUTDOWN', 'ABORT', 'FORCE'],
      ['MONITOR', 'extra'],
      ['DEBUG'],
      ['LASTSAVE', 'extra'],
    ];
    const { ours, theirs } = await differential(srv.port, real.port, cmds);
    expect(cmds.map((c, i) => [c.join(' '), ours[i]])).toEqual(cmds.map((c, i) => [c.join(' '), theirs[i]]));
  });
});

// Engine-level tests of the hash and set families: WRONGTYPE on every command (BAD-INPUT item 18), dirty
// counting and keyspace events in Redis's order, and hostile random counts answered at once (item 15).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';

function setup() {
  const e = createEngine();
  const events: string[] = [];
  const notify = e.keyspace.hooks.notify?.bind(e.keyspace.hooks);
  e.keyspace.hooks.notify = (cls, event, key, db) => {
    events.push(`${event}:${key}`);
    notify?.(cls, event, key, db);
  };
  const c = e.createClient();
  const run = (...argv: (string | number)[]): string => e.run(c, argv).toString('latin1');
  return { e, run, events };
}

const WRONGTYPE = '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n';

describe('hash and set commands against the wrong type', () => {
  it('every command answers WRONGTYPE and changes nothing', () => {
    const { run } = setup();
    run('SET', 'k', 'v');
    const cmds: string[][] = [
      ['HSET', 'k', 'f', 'v'], ['HSETNX', 'k', 'f', 'v'], ['HMSET', 'k', 'f', 'v'], ['HGET', 'k', 'f'],
      ['HMGET', 'k', 'f'], ['HDEL', 'k', 'f'], ['HLEN', 'k'], ['HSTRLEN', 'k', 'f'], ['HEXISTS', 'k', 'f'],
      ['HKEYS', 'k'], ['HVALS', 'k'], ['HGETALL', 'k'], ['HINCRBY', 'k', 'f', '1'], ['HINCRBYFLOAT', 'k', 'f', '1'],
      ['HRANDFIELD', 'k'], ['HRANDFIELD', 'k', '2'], ['HSCAN', 'k', '0'],
      ['SADD', 'k', 'm'], ['SREM', 'k', 'm'], ['SCARD', 'k'], ['SISMEMBER', 'k', 'm'], ['SMISMEMBER', 'k', 'm'],
      ['SMEMBERS', 'k'], ['SRANDMEMBER', 'k'], ['SRANDMEMBER', 'k', '-2'], ['SPOP', 'k'], ['SPOP', 'k', '2'],
      ['SMOVE', 'k', 'x', 'm'], ['SINTER', 'k'], ['SINTERCARD', '1', 'k'], ['SINTERSTORE', 'd', 'k'],
      ['SUNION', 'k'], ['SUNIONSTORE', 'd', 'k'], ['SDIFF', 'k'], ['SDIFFSTORE', 'd', 'k'], ['SSCAN', 'k', '0'],
    ];
    for (const cmd of cmds) expect([cmd.join(' '), run(...cmd)]).toEqual([cmd.join(' '), WRONGTYPE]);
    expect(run('GET', 'k')).toBe('$1\r\nv\r\n');
    expect(run('EXISTS', 'd')).toBe(':0\r\n');
  });
});

describe('hash and set writes', () => {
  it('count changes and fire events as Redis does', () => {
    const { e, run, events } = setup();
    const d0 = e.dirty;
    run('HSET', 'h', 'a', '1', 'b', '2');
    run('HDEL', 'h', 'a', 'b');
    run('SADD', 's', 'x', 'y', 'x');
    run('SMOVE', 's', 't', 'x');
    run('SINTERSTORE', 'u', 's', 'nokey');
    expect(e.dirty - d0).toBe(2 + 2 + 2 + 2);
    expect(events).toEqual([
      'new:h', 'hset:h', 'hdel:h', 'del:h',
      'new:s', 'sadd:s', 'srem:s', 'new:t', 'sadd:t', 'keymiss:nokey',
    ]);
  });

  it('SMOVE of the last member deletes the source before creating the destination', () => {
    const { run, events } = setup();
    run('SADD', 'a', '1');
    events.length = 0;
    expect(run('SMOVE', 'a', 'b', '1')).toBe(':1\r\n');
    expect(events).toEqual(['srem:a', 'del:a', 'new:b', 'sadd:b']);
    expect(run('OBJECT', 'ENCODING', 'b')).toBe('$6\r\nintset\r\n');
  });
});

describe('hostile random counts', () => {
  it('SRANDMEMBER / HRANDFIELD with huge negative counts answer at once', () => {
    const { run } = setup();
    run('SADD', 's', 'a', 'b');
    run('HSET', 'h', 'a', '1');
    const t0 = Date.now();
    for (const n of ['-9223372036854775807', '-9223372036854770000', '-999999999']) {
      expect(run('SRANDMEMBER', 's', n)).toBe('-ERR value is out of range\r\n');
      expect(run('HRANDFIELD', 'h', n)).toBe('-ERR value is out of range\r\n');
      expect(run('HRANDFIELD', 'h', n, 'WITHVALUES')).toBe('-ERR value is out of range\r\n');
    }
    expect(run('SRANDMEMBER', 's', '-9223372036854775808')).toMatch(/^-ERR value is out of range, value must between/);
    expect(run('SRANDMEMBER', 's', '9223372036854775807')).toMatch(/^\*2\r\n/);
    expect(run('SPOP', 's', '9223372036854775807')).toMatch(/^\*2\r\n/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

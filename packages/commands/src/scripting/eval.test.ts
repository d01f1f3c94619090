import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';

function setup() {
  const e = createEngine();
  const c = e.createClient();
  const run = (...argv: (string | number)[]): string => e.run(c, argv).toString('latin1');
  return { e, c, run };
}

describe('EVAL / EVALSHA / SCRIPT', () => {
  it('runs a script with KEYS and ARGV and converts replies both ways', () => {
    const { run } = setup();
    expect(run('EVAL', "redis.call('SET', KEYS[1], ARGV[1]); return redis.call('GET', KEYS[1])", 1, 'k', 'v')).toBe('$1\r\nv\r\n');
    expect(run('EVAL', 'return {1, 2, 3.7, "x", nil, 4}', 0)).toBe('*4\r\n:1\r\n:2\r\n:3\r\n$1\r\nx\r\n');
    expect(run('EVAL', "return redis.call('INCR', KEYS[1])", 1, 'n')).toBe(':1\r\n');
    expect(run('EVAL', 'return false', 0)).toBe('$-1\r\n');
    expect(run('EVAL', "return {ok='fine'}", 0)).toBe('+fine\r\n');
  });

  it('EVALSHA finds scripts loaded by EVAL and SCRIPT LOAD; NOSCRIPT otherwise', () => {
    const { run } = setup();
    const sha = run('SCRIPT', 'LOAD', 'return 42').split('\r\n')[1]!;
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(run('EVALSHA', sha, 0)).toBe(':42\r\n');
    expect(run('EVALSHA', sha.toUpperCase(), 0)).toBe(':42\r\n');
    expect(run('SCRIPT', 'EXISTS', sha, 'ffff')).toBe('*2\r\n:1\r\n:0\r\n');
    expect(run('SCRIPT', 'FLUSH')).toBe('+OK\r\n');
    expect(run('EVALSHA', sha, 0)).toBe('-NOSCRIPT No matching script. Please use EVAL.\r\n');
  });

  it('numkeys errors, compile errors and runtime errors use Redis texts', () => {
    const { run } = setup();
    expect(run('EVAL', 'return 1', 2, 'a')).toBe("-ERR Number of keys can't be greater than number of args\r\n");
    expect(run('EVAL', 'return 1', -1)).toBe("-ERR Number of keys can't be negative\r\n");
    expect(run('EVAL', 'return 1', 'x')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(run('EVAL', 'x =', 0)).toMatch(/^-ERR Error compiling script \(new function\): user_script:1: /);
    expect(run('EVAL', "return redis.call('nosuch')", 0)).toMatch(/^-ERR Unknown Redis command called from script script: /);
    expect(run('SET', 's', 'x')).toBe('+OK\r\n');
    expect(run('EVAL', "return redis.call('INCR', 's')", 0)).toMatch(/^-ERR value is not an integer or out of range script: /);
    expect(run('EVAL', "local r = redis.pcall('INCR', 's'); return r['err']", 0)).toBe('$43\r\nERR value is not an integer or out of range\r\n');
  });

  it('read-only scripts refuse writes; noscript commands are refused', () => {
    const { run } = setup();
    expect(run('EVAL_RO', "return redis.call('SET', 'a', 'b')", 0)).toMatch(/^-ERR Write commands are not allowed from read-only scripts\./);
    expect(run('EVAL', "#!lua flags=no-writes\nreturn redis.call('SET', 'a', 'b')", 0)).toMatch(/^-ERR Write commands are not allowed from read-only scripts\./);
    expect(run('EVAL', "return redis.call('MULTI')", 0)).toMatch(/^-ERR This Redis command is not allowed from script/);
    // may_replicate commands (PUBLISH, PFCOUNT, ...) count as writes for read-only scripts, as in Redis 7.0
    expect(run('EVAL_RO', "return redis.call('PUBLISH', 'ch', 'm')", 0)).toMatch(/^-ERR Write commands are not allowed from read-only scripts\./);
    expect(run('EVAL', "#!lua flags=no-writes\nreturn redis.call('PFCOUNT', 'h')", 0)).toMatch(/^-ERR Write commands are not allowed from read-only scripts\./);
    expect(run('EVAL', "return redis.call('PUBLISH', 'ch', 'm')", 0)).toBe(':0\r\n');
  });

  it('scripts see the caller database and SELECT inside does not leak', () => {
    const { run } = setup();
    run('SELECT', 3);
    run('SET', 'here', '3');
    expect(run('EVAL', "redis.call('SELECT', 5); return redis.call('GET', 'here')", 0)).toBe('$-1\r\n');
    expect(run('GET', 'here')).toBe('$1\r\n3\r\n');
  });
});

describe('EXEC rejected by the gate', () => {
  it('answers EXECABORT with the reason and leaves MULTI', () => {
    const e = createEngine();
    const c = e.createClient();
    const run = (...argv: (string | number)[]): string => e.run(c, argv).toString('latin1');
    run('MULTI');
    run('INCR', 'x');
    e.busyScript = true;
    expect(run('EXEC')).toBe(
      '-EXECABORT Transaction discarded because of: BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n',
    );
    e.busyScript = false;
    expect(run('PING')).toBe('+PONG\r\n');
    expect(run('GET', 'x')).toBe('$-1\r\n');
  });
});

describe('busy scripts', () => {
  const until = async (cond: () => boolean): Promise<void> => {
    while (!cond()) await new Promise((r) => setImmediate(r));
  };

  it('a busy FCALL that wrote goes on in slices: BUSY for others, UNKILLABLE, visible in FUNCTION STATS', async () => {
    const e = createEngine();
    const c = e.createClient();
    const other = e.createClient();
    const run = (cl: typeof c, ...argv: (string | number)[]): string => e.run(cl, argv).toString('latin1');
    run(c, 'CONFIG', 'SET', 'busy-reply-threshold', 1);
    const lib = "#!lua name=w\nredis.register_function('w', function(keys) redis.call('set', keys[1], 'y') local n = 0 for i = 1, 3e7 do n = n + 1 end return n end)";
    expect(run(c, 'FUNCTION', 'LOAD', lib)).toBe('$1\r\nw\r\n');
    expect(run(c, 'FCALL', 'W', 1, 'x')).toBe(''); // case-insensitive name; the caller waits
    expect(e.busyScript).toBe(true);
    expect(run(other, 'GET', 'x')).toBe('-BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.\r\n');
    expect(run(other, 'FUNCTION', 'KILL')).toMatch(/^-UNKILLABLE Sorry the script already executed write commands/);
    expect(run(other, 'FUNCTION', 'STATS')).toMatch(/^\*4\r\n\$14\r\nrunning_script\r\n\*6\r\n\$4\r\nname\r\n\$1\r\nw\r\n\$7\r\ncommand\r\n\*4\r\n\$5\r\nFCALL\r\n/);
    await until(() => !e.busyScript);
    expect(c.reply.take().toString('latin1')).toBe(':30000000\r\n');
    expect(run(other, 'GET', 'x')).toBe('$1\r\ny\r\n');
  });

  it('a busy read-only script looping inside pcall is killed by SCRIPT KILL, and FUNCTION KILL refuses it', async () => {
    const e = createEngine();
    const c = e.createClient();
    const other = e.createClient();
    const run = (cl: typeof c, ...argv: (string | number)[]): string => e.run(cl, argv).toString('latin1');
    run(c, 'CONFIG', 'SET', 'busy-reply-threshold', 1);
    expect(run(c, 'EVAL', "local f = function() while 1 do redis.call('ping') end end while 1 do pcall(f) end", 0)).toBe('');
    await new Promise((r) => setImmediate(r));
    expect(run(other, 'PING')).toBe('-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n');
    expect(run(other, 'FUNCTION', 'KILL')).toBe('-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n');
    expect(run(other, 'SCRIPT', 'KILL')).toBe('+OK\r\n');
    await until(() => !e.busyScript);
    expect(c.reply.take().toString('latin1')).toMatch(/^-ERR Script killed by user with SCRIPT KILL\.\.\. script: [0-9a-f]{40}, on @user_script:1\.\r\n$/);
    expect(run(other, 'PING')).toBe('+PONG\r\n');
  });
});

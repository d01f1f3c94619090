// RedisLua against a fake host: the redis API, the sandbox and the conversions, with the texts real
// Redis 7.0 gives for the same scripts.
import { describe, expect, it } from 'vitest';
import { LuaTable } from '../value.js';
import type { LuaHost } from './api.js';
import type { ScriptReply } from './reply.js';
import { RedisLua } from './scripting.js';

function fakeHost(calls: string[][] = []): LuaHost & { logs: [number, string][]; resp: number; repl: number } {
  const store = new Map<string, string>();
  const h = {
    logs: [] as [number, string][],
    resp: 2,
    repl: -1,
    call(args: string[]): ScriptReply {
      calls.push(args);
      const cmd = (args[0] ?? '').toLowerCase();
      if (cmd === 'set') {
        if (args.length !== 3) return { t: 'error', v: 'ERR Wrong number of args calling Redis command from script' };
        store.set(args[1] as string, args[2] as string);
        return { t: 'status', v: 'OK' };
      }
      if (cmd === 'get') {
        const v = store.get(args[1] as string);
        return v === undefined ? (h.resp === 3 ? { t: 'null3' } : { t: 'null' }) : { t: 'bulk', v };
      }
      if (cmd === 'incr') {
        const n = Number(store.get(args[1] as string) ?? '0') + 1;
        store.set(args[1] as string, String(n));
        return { t: 'int', v: n };
      }
      if (cmd === 'hgetall') return h.resp === 3 ? { t: 'map', v: [[{ t: 'bulk', v: 'f' }, { t: 'bulk', v: 'v' }]] } : { t: 'array', v: [] };
      if (cmd === 'lpop') return { t: 'error', v: 'WRONGTYPE Operation against a key holding the wrong kind of value' };
      return { t: 'error', v: 'ERR Unknown Redis command called from script' };
    },
    log(level: number, msg: string) {
      h.logs.push([level, msg]);
    },
    setresp(v: 2 | 3) {
      h.resp = v;
    },
    setRepl(flags: number) {
      h.repl = flags;
    },
    aclCheckCmd(args: string[]) {
      if (args[0] === 'nosuch') return undefined;
      return args[0] !== 'flushall';
    },
  };
  return h;
}

function evalScript(src: string, keys: string[] = [], args: string[] = [], host = fakeHost()): ScriptReply {
  const rl = new RedisLua(host);
  const fn = rl.compile(src);
  if (typeof fn !== 'function') return { t: 'error', v: fn.error };
  return rl.runEval(fn, keys, args, 'f_sha');
}

describe('RedisLua', () => {
  it('runs redis.call with KEYS and ARGV and converts replies both ways', () => {
    const calls: string[][] = [];
    const r = evalScript(
      "redis.call('set', KEYS[1], ARGV[1]); return {redis.call('get', KEYS[1]), redis.call('incr', 'n'), 3.9, true, false, redis.call('get', 'none')}",
      ['k'],
      ['v'],
      fakeHost(calls),
    );
    expect(calls[0]).toEqual(['set', 'k', 'v']);
    expect(r).toEqual({
      t: 'array',
      v: [{ t: 'bulk', v: 'v' }, { t: 'int', v: 1 }, { t: 'int', v: 3 }, { t: 'int', v: 1 }, { t: 'null' }, { t: 'null' }],
    });
  });

  it('passes numbers as %.17g arguments', () => {
    const calls: string[][] = [];
    evalScript("redis.call('set', 'a', 0.1); redis.call('set', 'b', 10)", [], [], fakeHost(calls));
    expect(calls).toEqual([['set', 'a', '0.10000000000000001'], ['set', 'b', '10']]);
  });

  it('words errors as Redis 7 does', () => {
    expect(evalScript('return x')).toEqual({
      t: 'error',
      v: "ERR user_script:1: Script attempted to access nonexistent global variable 'x' script: f_sha, on @user_script:1.",
    });
    expect(evalScript('x = 1')).toEqual({
      t: 'error',
      v: 'ERR user_script:1: Attempt to modify a readonly table script: f_sha, on @user_script:1.',
    });
    expect(evalScript("\nreturn redis.call('nosuch')")).toEqual({
      t: 'error',
      v: 'ERR Unknown Redis command called from script script: f_sha, on @user_script:2.',
    });
    expect(evalScript("return redis.call('lpop', 'k')")).toEqual({
      t: 'error',
      v: 'WRONGTYPE Operation against a key holding the wrong kind of value script: f_sha, on @user_script:1.',
    });
    expect(evalScript('return redis.call({})')).toEqual({
      t: 'error',
      v: 'ERR Lua redis lib command arguments must be strings or integers script: f_sha, on @user_script:1.',
    });
    expect(evalScript("error('boom')")).toEqual({ t: 'error', v: 'ERR user_script:1: boom script: f_sha, on @user_script:1.' });
    expect(evalScript('local t = {} table.insert(string, 1)')).toEqual({
      t: 'error',
      v: 'ERR Attempt to modify a readonly table script: f_sha, on @user_script:1.',
    });
    expect(evalScript('return redis.setresp(4)')).toEqual({
      t: 'error',
      v: 'ERR RESP version must be 2 or 3. script: f_sha, on @user_script:1.',
    });
    expect(evalScript('return 1 +')).toEqual({ t: 'error', v: "user_script:1: unexpected symbol near '<eof>'" });
  });

  it('returns error and status tables as replies, and redis.pcall errors as tables', () => {
    expect(evalScript("return {err='My Error'}")).toEqual({ t: 'error', v: 'My Error' });
    expect(evalScript("return redis.error_reply('My Error')")).toEqual({ t: 'error', v: 'My Error' });
    expect(evalScript("return redis.error_reply('-WRONG thing')")).toEqual({ t: 'error', v: 'WRONG thing' });
    expect(evalScript('return redis.error_reply(5)')).toEqual({ t: 'error', v: 'ERR wrong number or type of arguments' });
    expect(evalScript("return redis.status_reply('FINE')")).toEqual({ t: 'status', v: 'FINE' });
    expect(evalScript("return redis.pcall('set', 'k')")).toEqual({ t: 'error', v: 'ERR Wrong number of args calling Redis command from script' });
    expect(evalScript("local ok, e = pcall(redis.call, 'set', 'k') return e")).toEqual({
      t: 'bulk',
      v: 'ERR Wrong number of args calling Redis command from script',
    });
    expect(evalScript('return {1,2,{3,"x"},nil,5}')).toEqual({
      t: 'array',
      v: [{ t: 'int', v: 1 }, { t: 'int', v: 2 }, { t: 'array', v: [{ t: 'int', v: 3 }, { t: 'bulk', v: 'x' }] }],
    });
  });

  it('supports RESP3 through redis.setresp', () => {
    const host = fakeHost();
    const r = evalScript("redis.setresp(3); local m = redis.call('hgetall', 'h'); return {m.map.f, redis.call('get', 'none') == nil, true}", [], [], host);
    expect(host.resp).toBe(3);
    expect(r).toEqual({ t: 'array', v: [{ t: 'bulk', v: 'v' }, { t: 'bool', v: true }, { t: 'bool', v: true }] });
    expect(evalScript("return {double=3.5}")).toEqual({ t: 'double', v: 3.5 });
    expect(evalScript("return {map={a=1}}")).toEqual({ t: 'map', v: [[{ t: 'bulk', v: 'a' }, { t: 'int', v: 1 }]] });
  });

  it('has the redis helpers and constants', () => {
    const host = fakeHost();
    expect(evalScript("return redis.sha1hex('')")).toEqual({ t: 'bulk', v: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' });
    expect(evalScript('return redis.REDIS_VERSION_NUM')).toEqual({ t: 'int', v: 458767 });
    expect(evalScript("redis.log(redis.LOG_WARNING, 'hi', 5, {}) redis.set_repl(redis.REPL_AOF)", [], [], host)).toEqual({ t: 'null' });
    expect(host.logs).toEqual([[3, 'hi 5']]);
    expect(host.repl).toBe(1);
    expect(evalScript("return {redis.acl_check_cmd('get', 'k'), redis.acl_check_cmd('flushall')}")).toEqual({
      t: 'array',
      v: [{ t: 'int', v: 1 }, { t: 'null' }],
    });
    expect(evalScript('return server.REDIS_VERSION')).toEqual({ t: 'bulk', v: '7.0.15' });
  });

  it('seeds math.random like Redis', () => {
    // real Redis 7.0 answers these exact values
    expect(evalScript("math.randomseed(0); return {math.random(100), string.format('%.3f', math.random()), math.random(5,10)}")).toEqual({
      t: 'array',
      v: [{ t: 'int', v: 18 }, { t: 'bulk', v: '0.750' }, { t: 'int', v: 5 }],
    });
    expect(evalScript('math.randomseed(42); return {math.random(1000000), math.random(1000000)}')).toEqual({
      t: 'array',
      v: [{ t: 'int', v: 744526 }, { t: 'int', v: 342702 }],
    });
  });

  it('gives every script a clean environment', () => {
    const rl = new RedisLua(fakeHost());
    const a = rl.compile('local t = KEYS; t[1] = "changed"; return #ARGV');
    const b = rl.compile('return KEYS[1]');
    if (typeof a !== 'function' || typeof b !== 'function') throw new Error('compile');
    expect(rl.runEval(a, ['k'], ['x', 'y'], 'a')).toEqual({ t: 'int', v: 2 });
    expect(rl.runEval(b, ['k2'], [], 'b')).toEqual({ t: 'bulk', v: 'k2' });
    expect(rl.engine.globals.get('KEYS')).toBeInstanceOf(LuaTable);
  });
});

describe('hostile scripts (BAD-INPUT 21, 23)', () => {
  it('fail with clear errors and keep replies well-formed', () => {
    const cases: [string, string][] = [
      ['return bit.tohex(65535, -2147483648)', '0000FFFF'],
      ['return unpack({}, 1, 1e8)', 'ERR user_script:1: too many results to unpack'],
      ["return string.rep('x', 2^31)", 'ERR user_script:1: not enough memory'],
      ['local function f() return f() + 1 end return f()', 'ERR user_script:1: stack overflow'],
      ["getmetatable('').__index = {}", 'ERR user_script:1: Attempt to modify a readonly table'],
      ["return loadstring('\\27Lua')", ''],
      ['return os.execute("ls")', "ERR user_script:1: attempt to call field 'execute' (a nil value)"],
      ['local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x', 'ERR user_script:1: stack overflow'],
    ];
    for (const [src, want] of cases) {
      const r = evalScript(src);
      const text = r.t === 'error' ? r.v.replace(/ script: .*$/, '') : r.t === 'bulk' ? r.v : '';
      expect(text, src).toBe(want);
    }
    expect(evalScript("return redis.error_reply('bad\\r\\nthing')")).toEqual({ t: 'error', v: 'ERR bad  thing' });
    expect(evalScript("return redis.status_reply('x\\ny')")).toEqual({ t: 'status', v: 'x y' });
    const cyclic = evalScript('local t = {} t[1] = t return t');
    let depth = 0;
    let cur: ScriptReply = cyclic;
    while (cur.t === 'array') {
      depth++;
      cur = cur.v[0] as ScriptReply;
    }
    expect(cur).toEqual({ t: 'error', v: 'ERR reached lua stack limit' });
    expect(depth).toBeGreaterThan(100);
  });
});

describe('resumable EVAL (BUSY handling)', () => {
  it('runs in slices and can be killed between them', () => {
    let answer: 'yield' | 'abort' = 'yield';
    const rl = new RedisLua(fakeHost(), { budget: { checkEvery: 1000, onBudget: () => answer } });
    const fn = rl.compileResumable('local n = 0 while true do n = n + 1 if n == 100000 then return n end end');
    if (typeof fn !== 'function') throw new Error(fn.error);
    const run = rl.startEval(fn, [], [], 'f_x');
    let slices = 0;
    let r = run.step();
    while (!r.done) {
      slices++;
      r = run.step();
    }
    expect(slices).toBeGreaterThan(50);
    expect(r.reply).toEqual({ t: 'int', v: 100000 });

    const loop = rl.compileResumable('\nwhile true do end');
    if (typeof loop !== 'function') throw new Error(loop.error);
    const run2 = rl.startEval(loop, [], [], 'f_y');
    expect(run2.step()).toEqual({ done: false });
    answer = 'abort';
    expect(run2.step()).toEqual({
      done: true,
      reply: { t: 'error', v: 'ERR Script killed by user with SCRIPT KILL... script: f_y, on @user_script:2.' },
    });
  });

  it('pauses inside Redis\'s pcall, whose kill error pcall cannot catch', () => {
    let answer: 'yield' | 'abort' = 'yield';
    const rl = new RedisLua(fakeHost(), { budget: { checkEvery: 1000, onBudget: () => answer } });
    const fn = rl.compileResumable("local f = function() while 1 do redis.call('ping') end end\nwhile 1 do pcall(f) end");
    if (typeof fn !== 'function') throw new Error(fn.error);
    const run = rl.startEval(fn, [], [], 'f_p');
    for (let i = 0; i < 5; i++) expect(run.step()).toEqual({ done: false });
    answer = 'abort';
    const r = run.step();
    expect(r.done).toBe(true);
    expect(r.done && r.reply.t === 'error' && r.reply.v).toMatch(/^ERR Script killed by user with SCRIPT KILL\.\.\. script: f_p, on @user_script:1\.$/);
    // Redis's pcall still turns {err=...} tables into their string in the generator form
    const g = rl.compileResumable("local ok, e = pcall(function() error({err = 'MY err'}) end) return type(e) .. ' ' .. e");
    if (typeof g !== 'function') throw new Error(g.error);
    answer = 'yield';
    const r2 = rl.startEval(g, [], [], 'f_q').step();
    expect(r2.done && r2.reply).toEqual({ t: 'bulk', v: 'string MY err' });
  });
});

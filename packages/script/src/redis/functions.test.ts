// FUNCTION LOAD through RedisLua.loadLibrary and FCALL through runFunction; expected texts are real
// Redis 7.0.15's answers to the same libraries.
import { describe, expect, it } from 'vitest';
import type { LuaHost } from './api.js';
import { RedisLua } from './scripting.js';

const host: LuaHost = {
  call: (a) => (a[0] === 'ping' ? { t: 'status', v: 'PONG' } : { t: 'error', v: 'ERR unknown' }),
  log() {},
  setresp() {},
  setRepl() {},
  aclCheckCmd: () => true,
};

function load(code: string): string {
  const rl = new RedisLua(host);
  const r = rl.loadLibrary(code);
  return 'error' in r ? r.error : r.functions.map((f) => `${f.name}[${f.flags.join(',')}]${f.description ?? ''}`).join(' ');
}

describe('functions', () => {
  it('registers functions positionally and with named arguments, and runs them', () => {
    const rl = new RedisLua(host);
    const r = rl.loadLibrary(
      "\nredis.register_function('f1', function(keys, args) return {keys[1], args[1], x} end)\n" +
        "redis.register_function{function_name='f2', callback=function() return redis.call('ping') end, flags={'no-writes'}, description='d'}",
    );
    if ('error' in r) throw new Error(r.error);
    expect(r.functions.map((f) => [f.name, f.flags, f.description])).toEqual([
      ['f1', [], undefined],
      ['f2', ['no-writes'], 'd'],
    ]);
    const [f1, f2] = r.functions;
    expect(rl.runFunction(f1?.fn, ['k'], ['a'], 'f1')).toEqual({
      t: 'error',
      v: "ERR user_function:2: Script attempted to access nonexistent global variable 'x' script: f1, on @user_function:2.",
    });
    expect(rl.runFunction(f2?.fn, [], [], 'f2')).toEqual({ t: 'status', v: 'PONG' });
  });

  it('words load errors as Redis does', () => {
    expect(load("\nredis.register_function('f3', function() return 1 end) local y = string.len('x')")).toBe(
      "Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'string'",
    );
    expect(load("redis.register_function('bad name', function() end)")).toBe(
      'Error registering functions: ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long',
    );
    expect(load("redis.register_function{function_name='g', callback=function() end, flags={'nope'}}")).toBe(
      'Error registering functions: ERR unknown flag given',
    );
    expect(load('local x = 1')).toBe('No functions registered');
    expect(load("redis.register_function('h', function() end) redis.register_function('h', function() end)")).toBe(
      'Error registering functions: ERR Function already exists in the library',
    );
    expect(load('\nreturn 1 +')).toBe("Error compiling function: user_function:2: unexpected symbol near '<eof>'");
    expect(load("\nredis.call('ping')")).toBe(
      "Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'call'",
    );
  });
});

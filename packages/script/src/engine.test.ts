// LuaEngine's public API: compile/call, values crossing the boundary, the budget hook, the sandbox,
// coroutines, syntax errors and error positions.
import { describe, expect, it } from 'vitest';
import { LuaEngine } from './engine.js';
import { LuaAbort, LuaError, LuaTable } from './value.js';

function run(src: string, engine = new LuaEngine()): unknown[] {
  const f = engine.compile(src);
  if (typeof f !== 'function') throw new Error(f.error);
  return engine.call(f, []);
}

describe('LuaEngine', () => {
  it('compiles and calls chunks with arguments and multiple results', () => {
    const e = new LuaEngine();
    const f = e.compile('local a, b = ... return a + b, a .. b, select("#", ...)');
    if (typeof f !== 'function') throw new Error('compile');
    expect(e.call(f, [2, 3])).toEqual([5, '23', 2]);
  });

  it('returns syntax errors as Lua words them for @user_script', () => {
    const e = new LuaEngine();
    expect(e.compile('x = = 1')).toEqual({ error: "user_script:1: unexpected symbol near '='" });
    expect(e.compile('for i = 1 do end', '=stdin')).toEqual({ error: "stdin:1: ',' expected near 'do'" });
    expect(e.compile('return (')).toEqual({ error: "user_script:1: unexpected symbol near '<eof>'" });
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const e = new LuaEngine();
    const r = e.compile('return ' + '('.repeat(5000) + '1' + ')'.repeat(5000));
    expect(r).toEqual({ error: expect.stringContaining('chunk has too many syntax levels') as unknown });
  });

  it('raises runtime errors as LuaError with Lua messages', () => {
    const e = new LuaEngine();
    expect(() => run('local t = nil\nreturn t.x', e)).toThrow("user_script:2: attempt to index local 't' (a nil value)");
    try {
      run('error({code = 42})', e);
    } catch (err) {
      expect(err).toBeInstanceOf(LuaError);
      expect(((err as LuaError).value as LuaTable).get('code')).toBe(42);
    }
  });

  it('exposes globals and tables to the host', () => {
    const e = new LuaEngine();
    const t = e.newTable(['a', 'b']);
    e.setGlobal('T', t);
    e.setGlobal('f', (x: unknown) => [(x as number) * 2, 'two']);
    expect(run('local a, b = f(21) T.extra = a return #T, b', e)).toEqual([2, 'two']);
    expect(t.get('extra')).toBe(42);
    expect(e.getGlobal('math')).toBeInstanceOf(LuaTable);
  });

  it('maps JS stack exhaustion to a catchable "stack overflow"', () => {
    expect(run('local function f() return 1 + f() end local ok, e = pcall(f) return ok, (string.find(e, "stack overflow", 1, true))')).toEqual([false, expect.any(Number) as unknown]);
  });

  it('calls the budget hook on loops and calls, and an abort cannot be caught by pcall', () => {
    let checks = 0;
    const e = new LuaEngine({
      budget: {
        checkEvery: 1000,
        onBudget: () => (++checks >= 5 ? 'abort' : 'continue'),
      },
    });
    expect(() => run('while true do pcall(function() while true do end end) end', e)).toThrow(LuaAbort);
    expect(checks).toBe(5);
    checks = 0;
    expect(run('local n = 0 for i = 1, 3500 do n = n + i end return n', e)).toEqual([6126750]);
    expect(checks).toBe(3);
  });

  it('applies the Redis sandbox', () => {
    const e = new LuaEngine();
    e.sandbox();
    expect(() => run('return undefined_thing', e)).toThrow("user_script:1: Script attempted to access nonexistent global variable 'undefined_thing'");
    expect(() => run('x = 1', e)).toThrow('user_script:1: Attempt to modify a readonly table');
    expect(() => run('string.foo = 1', e)).toThrow('user_script:1: Attempt to modify a readonly table');
    expect(() => run('rawset(_G, "x", 1)', e)).toThrow('Attempt to modify a readonly table');
    expect(() => run('setmetatable(_G, nil)', e)).toThrow('Attempt to modify a readonly table');
    for (const g of ['debug', 'dofile', 'loadfile', 'package']) expect(() => run(`return ${g}`, e)).toThrow('nonexistent global');
    expect(() => run('return io', e)).toThrow("nonexistent global variable 'io'");
    expect(run('local t = {} t.x = 1 return t.x', e)).toEqual([1]);
    expect(run('return loadstring("\\27Lua")', e)).toEqual([undefined, 'bytecode loading is disabled']);
  });

  it('runs coroutines, including yields from nested Lua calls', () => {
    const r = run(`
      local function walk(t) for _, v in ipairs(t) do if type(v) == 'table' then walk(v) else coroutine.yield(v) end end end
      local out = {}
      for v in coroutine.wrap(function() walk({1, {2, {3, 4}}, 5}) end) do out[#out + 1] = v end
      return table.concat(out, ',')`);
    expect(r).toEqual(['1,2,3,4,5']);
  });

  it('formats numbers with %.14g', () => {
    expect(run('return tostring(1/3), tostring(1e15), tostring(2^53), 10/2 .. ""')).toEqual(['0.33333333333333', '1e+15', '9.007199254741e+15', '5']);
  });
});

describe('resumable runs', () => {
  it('pause at budget checks when the hook says yield, and finish with the same result', () => {
    let mode: 'continue' | 'yield' = 'yield';
    const e = new LuaEngine({ budget: { checkEvery: 1000, onBudget: () => mode } });
    const src = `
      local function work(n) local s = 0 for i = 1, n do s = s + i end return s end
      local t = {} for i = 1, 50 do t[i] = work(1000) end
      table.sort(t, function(a, b) return a > b end)
      local ok, v = pcall(work, 5000)
      return t[1] + v, select('#', ...)`;
    const f = e.compile(src, '@user_script', { resumable: true });
    if (typeof f !== 'function') throw new Error(f.error);
    const run = e.startResumable(f, ['x', 'y']);
    let steps = 0;
    let r = run.step();
    while (!r.done) {
      steps++;
      r = run.step();
    }
    expect(steps).toBeGreaterThan(40);
    expect(r.results).toEqual([500500 + 12502500, 2]);
    mode = 'continue';
    expect(e.call(f, [])).toEqual([500500 + 12502500, 0]);
  });

  // Each script's only long loop runs below a library function or a metamethod: the run must still pause there
  // (a busy script in pcall must not hold the server), and finish with the result of an unpaused run.
  const callbackCases: [string, string, unknown[]][] = [
    ['pcall', 'local ok, v = pcall(spin) return ok, v', [true, 30000]],
    ['pcall, error after the loop', 'local ok, v = pcall(function() spin() error("late") end) return ok, v', [false, 'user_script:3: late']],
    ['nested pcall', 'return select(3, pcall(pcall, spin))', [30000]],
    ['xpcall and its handler', 'return xpcall(function() spin() error("e", 0) end, function(m) return m .. spin() end)', [false, 'e30000']],
    ['a coroutine body (resume)', 'local co = coroutine.create(function(a) spin() local b = coroutine.yield(a) return spin() + b end) local _, x = coroutine.resume(co, 1) local _, y = coroutine.resume(co, 2) return x, y', [1, 30002]],
    ['a coroutine body (wrap)', 'local f = coroutine.wrap(function() return spin() end) return f()', [30000]],
    ['__index', 'local t = setmetatable({}, {__index = function(_, k) return k + spin() end}) return t[1]', [30001]],
    ['__newindex', 'local t = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v + spin()) end}) t.x = 1 return rawget(t, "x")', [30001]],
    ['__add', 'local t = setmetatable({}, {__add = function() return spin() end}) return t + 1', [30000]],
    ['__concat', 'local t = setmetatable({}, {__concat = function() return spin() end}) return "a" .. t', [30000]],
    ['__eq', 'local mt = {__eq = function() return spin() > 0 end} return setmetatable({}, mt) == setmetatable({}, mt)', [true]],
    ['__lt', 'local mt = {__lt = function() return spin() > 0 end} return setmetatable({}, mt) < setmetatable({}, mt)', [true]],
    ['__le', 'local mt = {__le = function() return spin() > 0 end} return setmetatable({}, mt) >= setmetatable({}, mt)', [true]],
    ['__unm', 'return -setmetatable({}, {__unm = function() return spin() end})', [30000]],
    ['__call', 'return setmetatable({}, {__call = function(_, x) return spin() + x end})(5)', [30005]],
    ['__tostring', 'return tostring(setmetatable({}, {__tostring = function() return "n" .. spin() end}))', ['n30000']],
    ['a sort comparator', 'local t = {3, 1, 2} table.sort(t, function(a, b) spin() return a < b end) return table.concat(t)', ['123']],
    ['__lt in sort', 'local mt = {__lt = function(a, b) spin() return a.v < b.v end} local t = {} for i = 1, 3 do t[i] = setmetatable({v = 4 - i}, mt) end table.sort(t) return t[1].v', [1]],
    ['a gsub function', 'return (string.gsub("ab", "%w", function(c) return c .. spin() end))', ['a30000b30000']],
    ['a gsub table with __index', 'return (string.gsub("a", "%w", setmetatable({}, {__index = function() return spin() end})))', ['30000']],
    ['a loadstring chunk', 'return loadstring("local spin = ... return spin() + 1")(spin)', [30001]],
    ['table.foreachi', 'return table.foreachi({7}, function(i, v) return v + spin() end)', [30007]],
  ];
  for (const [what, body, expected] of callbackCases) {
    it(`pause inside ${what}`, () => {
      const e = new LuaEngine({ budget: { checkEvery: 1000, onBudget: () => 'yield' } });
      const src = `local function spin() local s = 0 for i = 1, 30000 do s = s + 1 end return s end\n\n${body}`;
      const f = e.compile(src, '@user_script', { resumable: true });
      if (typeof f !== 'function') throw new Error(f.error);
      const run = e.startResumable(f);
      let slices = 0;
      let r = run.step();
      while (!r.done) {
        slices++;
        r = run.step();
      }
      expect(slices).toBeGreaterThanOrEqual(20);
      expect(r.results).toEqual(expected);
      expect(e.call(f, [])).toEqual(expected);
    });
  }

  it('an abort between slices goes through pcall, xpcall and coroutines', () => {
    let mode: 'yield' | 'abort' = 'yield';
    const e = new LuaEngine({ budget: { checkEvery: 100, onBudget: () => mode } });
    for (const src of [
      'local f = function() while 1 do end end while 1 do pcall(f) end',
      'while 1 do xpcall(function() while 1 do end end, function() return 1 end) end',
      'while 1 do pcall(coroutine.wrap(function() pcall(function() while 1 do end end) end)) end',
      'local t = setmetatable({}, {__index = function() while 1 do end end}) while 1 do pcall(function() return t.x end) end',
    ]) {
      mode = 'yield';
      const f = e.compile(src, '@user_script', { resumable: true });
      if (typeof f !== 'function') throw new Error(f.error);
      const run = e.startResumable(f);
      for (let i = 0; i < 5; i++) expect(run.step().done).toBe(false);
      mode = 'abort';
      expect(() => run.step()).toThrow(LuaAbort);
    }
  });

  it('reports a coroutine.yield across pcall as Lua 5.1 does, and runs coroutines through pauses', () => {
    const e = new LuaEngine({ budget: { checkEvery: 100, onBudget: () => 'yield' } });
    const f = e.compile('local co = coroutine.wrap(function() for i = 1, 1000 do coroutine.yield(i) end end) local s = 0 for i = 1, 1000 do s = s + co() end return s', '@user_script', { resumable: true });
    if (typeof f !== 'function') throw new Error(f.error);
    const run = e.startResumable(f);
    let r = run.step();
    while (!r.done) r = run.step();
    expect(r.results).toEqual([500500]);
    const y = e.compile('local co = coroutine.create(function() return pcall(coroutine.yield, 1) end) return coroutine.resume(co)', '@user_script', { resumable: true });
    if (typeof y !== 'function') throw new Error(y.error);
    expect(e.call(y, [])).toEqual([true, false, 'attempt to yield across metamethod/C-call boundary']);
    const g = e.compile('coroutine.yield(1)', '@user_script', { resumable: true });
    if (typeof g !== 'function') throw new Error(g.error);
    expect(() => e.startResumable(g).step()).toThrow('attempt to yield from outside a coroutine');
  });
});

describe('coroutine-mode compilation', () => {
  it('stays linear in size for deeply nested functions', () => {
    const e = new LuaEngine();
    let body = 'return 1';
    for (let d = 0; d < 40; d++) body = `local function f() ${body} end return f()`;
    const src = 'local c = coroutine\n' + body;
    const js = e.compileToJs(src);
    if (typeof js !== 'string') throw new Error(js.error);
    expect(js.length).toBeLessThan(100_000);
    const f = e.compile(src);
    if (typeof f !== 'function') throw new Error(f.error);
    expect(e.call(f, [])).toEqual([1]);
  });
});

// CPU-bound Lua benchmark: every bench/lua/*.lua program through C Lua 5.1 (`lua5.1`), through @redwing/script
// and through wasmoon (Lua 5.4 compiled to WASM), interleaved, best of N each; outputs must agree.
// Times are CPU time of the run, compile included, process start excluded: C Lua times itself with os.clock
// around dofile; ours and wasmoon's are process.cpuUsage() deltas around compile + run in this process (a
// fresh engine per run; wasmoon's engine is created outside the timed part). Then an in-process EVAL loop.
// Run `npm run bench -w @redwing/script` (builds first) or `node bench/cpu.mjs [name-filter]` after a build.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LuaEngine, RedisLua } from '../dist/index.js';

const RUNS = Number(process.env.RUNS ?? 5);
const dir = join(import.meta.dirname, 'lua');
const only = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith('.lua') && (only === undefined || f.includes(only))).sort();
const hasLua = spawnSync('lua5.1', ['-v']).status === 0;
if (!hasLua) console.warn('lua5.1 not found: the C Lua column is empty');
let wasmoon = null;
try {
  const { LuaFactory } = await import('wasmoon');
  wasmoon = new LuaFactory();
} catch {
  console.warn('wasmoon not installed: its column is empty');
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// C Lua: its own CPU clock around dofile (compile + run), written to stderr after the program's output
const LUA_TIMER = 'local t0 = os.clock() dofile(os.getenv("BENCH_FILE")) io.stderr:write(string.format("%.3f", (os.clock() - t0) * 1000))';
function runCLua(path) {
  const r = spawnSync('lua5.1', ['-e', LUA_TIMER], { env: { ...process.env, BENCH_FILE: path } });
  if (r.status !== 0) throw new Error(`lua5.1 ${path}: ${r.stderr.toString()}`);
  return { ms: Number(r.stderr.toString()), out: r.stdout.toString('latin1') };
}

function runOurs(src, name) {
  let out = '';
  const t0 = cpuMs();
  const e = new LuaEngine({ print: (l) => (out += l + '\n') });
  const fn = e.compile(src, '@' + name);
  if (typeof fn !== 'function') throw new Error(fn.error);
  e.call(fn, []);
  return { ms: cpuMs() - t0, out };
}

// wasmoon: print is redefined in Lua (tostring + tab join, as 5.1's print) and hands one line to JS
const WASMOON_PRINT = 'print = function(...) local t = {} for i = 1, select("#", ...) do t[i] = tostring((select(i, ...))) end __emit(table.concat(t, "\\t")) end';
async function runWasmoon(src) {
  let out = '';
  const lua = await wasmoon.createEngine();
  try {
    lua.global.set('__emit', (line) => {
      out += line + '\n';
    });
    await lua.doString(WASMOON_PRINT);
    const t0 = cpuMs();
    await lua.doString(src);
    return { ms: cpuMs() - t0, out };
  } finally {
    lua.global.close();
  }
}

const NONE = { ms: NaN, out: undefined };
const rows = [];
const logs = { lua: 0, wasm: 0 };
let n = 0;
let nWasm = 0;
for (const f of files) {
  const path = join(dir, f);
  const src = readFileSync(path, 'latin1');
  let [c, ours, w] = [NONE, { ms: Infinity }, NONE];
  for (let i = 0; i < RUNS; i++) {
    if (hasLua) {
      const t = runCLua(path);
      if (!(t.ms >= c.ms)) c = t;
    }
    const o = runOurs(src, f);
    if (o.ms < ours.ms) ours = o;
    if (wasmoon) {
      const t = await runWasmoon(src);
      if (!(t.ms >= w.ms)) w = t;
    }
  }
  const agree = (x) => (x.out === undefined ? '-' : x.out === ours.out ? 'same' : 'DIFFERENT');
  if (hasLua) {
    logs.lua += Math.log(c.ms / ours.ms);
    n++;
  }
  if (wasmoon && w.out === ours.out) {
    logs.wasm += Math.log(w.ms / ours.ms);
    nWasm++;
  }
  rows.push({
    bench: f.replace('.lua', ''),
    'lua5.1 ms': c.ms.toFixed(1),
    'ours ms': ours.ms.toFixed(1),
    'wasmoon ms': w.ms.toFixed(1),
    'vs lua5.1': (c.ms / ours.ms).toFixed(2) + 'x',
    'vs wasmoon': (w.ms / ours.ms).toFixed(2) + 'x',
    'lua5.1 out': agree(c),
    'wasmoon out': agree(w),
  });
}
console.table(rows);
if (n > 0) console.log(`geometric mean speedup vs lua5.1: ${Math.exp(logs.lua / n).toFixed(2)}x (CPU time, best of ${RUNS})`);
if (nWasm > 0) console.log(`geometric mean speedup vs wasmoon: ${Math.exp(logs.wasm / nWasm).toFixed(2)}x over ${nWasm} programs with the same output`);

// EVAL-style: a 3-redis.call script through RedisLua with a trivial host (engine overhead per call)
if (only === undefined || only === 'eval') {
  const store = new Map();
  const host = {
    call(a) {
      const c = a[0].toLowerCase();
      if (c === 'set') {
        store.set(a[1], a[2]);
        return { t: 'status', v: 'OK' };
      }
      if (c === 'get') {
        const v = store.get(a[1]);
        return v === undefined ? { t: 'null' } : { t: 'bulk', v };
      }
      if (c === 'incr') {
        const n = Number(store.get(a[1]) ?? 0) + 1;
        store.set(a[1], String(n));
        return { t: 'int', v: n };
      }
      return { t: 'error', v: 'ERR unknown' };
    },
    log() {},
    setresp() {},
    setRepl() {},
    aclCheckCmd: () => true,
  };
  const rl = new RedisLua(host);
  const fn = rl.compile("redis.call('set', KEYS[1], ARGV[1]); local v = redis.call('get', KEYS[1]); return redis.call('incr', KEYS[2])");
  const N = 300000;
  let best = Infinity;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) rl.runEval(fn, ['k', 'counter'], ['v' + (i & 7)], 'sha');
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`RedisLua EVAL (3 redis.call, trivial host): ${Math.round(N / (best / 1000)).toLocaleString('en-US')} calls/s in process`);
}

// FUNCTION LOAD support, as Redis 7.0's function engine does it: library code runs in an environment whose
// only global is a reduced `redis` table (register_function, log, LOG_*, REDIS_VERSION); the functions it
// registers later run (FCALL) with the full sandboxed globals. Both are one proxy table whose __index is
// switched, as in function_lua.c. Error texts are Redis's.
import type { LuaEngine } from '../engine.js';
import { type LuaFunction, LuaAbort, LuaError, LuaTable, numberToString } from '../value.js';
import { errorTable } from './reply.js';

export interface RegisteredFunction {
  name: string;
  fn: LuaFunction;
  description: string | undefined;
  /** Lower-case flag names: no-writes, allow-oom, allow-stale, no-cluster, allow-cross-slot-keys. */
  flags: string[];
}

const FLAGS = ['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys'];
const NAME_RE = /^[A-Za-z0-9_]+$/;

export class FunctionLoader {
  private readonly proxyMt = new LuaTable();
  readonly env = new LuaTable();
  private readonly libApi = new LuaTable();
  private loading: RegisteredFunction[] | undefined = undefined;

  constructor(
    private readonly engine: LuaEngine,
    version: string,
  ) {
    const R = engine.runtime;
    const fail = (msg: string): never => {
      throw new LuaError(errorTable(msg), R.at);
    };
    const redis = new LuaTable();
    redis.set('register_function', (...a: unknown[]) => {
      const list = this.loading;
      if (list === undefined) fail('redis.register_function can only be called on FUNCTION LOAD command');
      if (a.length < 1 || a.length > 2) fail('wrong number of arguments to redis.register_function');
      let name: unknown;
      let fn: unknown;
      let description: string | undefined;
      const flags: string[] = [];
      if (a.length === 1) {
        const t = a[0];
        if (!(t instanceof LuaTable)) fail('calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).');
        let k: unknown = undefined;
        for (;;) {
          const e = (t as LuaTable).next(k);
          if (e === undefined) break;
          k = e[0];
          const v = e[1];
          if (typeof k !== 'string' && typeof k !== 'number') fail('named argument key given to redis.register_function is not a string');
          const key = (typeof k === 'number' ? numberToString(k) : (k as string)).toLowerCase();
          if (key === 'function_name') {
            if (typeof v !== 'string' && typeof v !== 'number') fail('function_name argument given to redis.register_function must be a string');
            name = typeof v === 'number' ? numberToString(v) : v;
          } else if (key === 'description') {
            if (typeof v !== 'string' && typeof v !== 'number') fail('description argument given to redis.register_function must be a string');
            description = typeof v === 'number' ? numberToString(v) : (v as string);
          } else if (key === 'callback') {
            if (typeof v !== 'function') fail('callback argument given to redis.register_function must be a function');
            fn = v;
          } else if (key === 'flags') {
            if (!(v instanceof LuaTable)) fail('flags argument to redis.register_function must be a table representing function flags');
            for (const f of (v as LuaTable).arr) {
              const s = typeof f === 'string' ? f.toLowerCase() : undefined;
              if (s === undefined || !FLAGS.includes(s)) fail('unknown flag given');
              flags.push(s as string);
            }
          } else fail('unknown argument given to redis.register_function');
        }
        if (name === undefined) fail('redis.register_function must get a function name argument');
        if (fn === undefined) fail('redis.register_function must get a callback argument');
      } else {
        name = a[0];
        fn = a[1];
        if (typeof name === 'number') name = numberToString(name);
        if (typeof name !== 'string') fail('first argument to redis.register_function must be a string');
        if (typeof fn !== 'function') fail('second argument to redis.register_function must be a function');
      }
      const n = name as string;
      if (!NAME_RE.test(n)) fail('Library names can only contain letters, numbers, or underscores(_) and must be at least one character long');
      if ((list as RegisteredFunction[]).some((f) => f.name === n)) fail('Function already exists in the library');
      (list as RegisteredFunction[]).push({ name: n, fn: fn as LuaFunction, description, flags });
      return [];
    });
    const full = engine.globals.get('redis') as LuaTable;
    for (const k of ['log', 'LOG_DEBUG', 'LOG_VERBOSE', 'LOG_NOTICE', 'LOG_WARNING']) redis.set(k, full.get(k));
    const [maj = 0, min = 0, pat = 0] = version.split('.').map((x) => Number(x) || 0);
    redis.set('REDIS_VERSION', version);
    redis.set('REDIS_VERSION_NUM', (maj << 16) | (min << 8) | pat);
    const errMt = engine.globals.mt;
    redis.mt = errMt;
    this.libApi.set('redis', redis);
    this.libApi.mt = errMt;
    redis.readonly = true;
    this.libApi.readonly = true;
    this.proxyMt.set('__index', engine.globals);
    this.env.mt = this.proxyMt;
    this.env.readonly = true;
    this.proxyMt.readonly = true;
  }

  /**
   * Run library code (already stripped of its `#!lua name=...` line) and collect the functions it registers.
   * Errors: "Error compiling function: ..." / "Error registering functions: ..." (without the leading "ERR ").
   */
  load(code: string, opts: { resumable?: boolean } = {}): { functions: RegisteredFunction[] } | { error: string } {
    const f = this.engine.compile(code, '@user_function', { env: this.env, resumable: opts.resumable === true });
    if (typeof f !== 'function') return { error: `Error compiling function: ${f.error}` };
    const list: RegisteredFunction[] = [];
    this.loading = list;
    this.proxyMt.readonly = false;
    this.proxyMt.set('__index', this.libApi);
    this.proxyMt.readonly = true;
    try {
      this.engine.call(f, []);
    } catch (e) {
      if (e instanceof LuaAbort) return { error: 'Error registering functions: ERR FUNCTION LOAD timeout' };
      if (!(e instanceof LuaError)) throw e;
      const v = e.value;
      const msg = v instanceof LuaTable ? this.engine.tostring(v.get('err')) : `ERR ${this.engine.tostring(v)}`;
      return { error: `Error registering functions: ${msg}` };
    } finally {
      this.loading = undefined;
      this.proxyMt.readonly = false;
      this.proxyMt.set('__index', this.engine.globals);
      this.proxyMt.readonly = true;
    }
    if (list.length === 0) return { error: 'No functions registered' };
    return { functions: list };
  }
}

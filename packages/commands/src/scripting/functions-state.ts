// FUNCTION libraries: loading (`#!lua name=<lib>` shebang, redis.register_function during the load run), the
// function registry used by FCALL, listing, deletion, and DUMP/RESTORE of all libraries. Texts of the errors
// are Redis 7.0's. The load run sees a restricted `redis` table (register_function, log, constants) as Redis's
// function-load environment does; its functions later run with the full API like EVAL scripts.
import { LuaError, LuaTable, type LuaFunction } from '@redwing/script';
import { createHash } from 'node:crypto';
import type { Engine } from '../engine.js';

export interface LuaFunctionDef {
  name: string;
  fn: LuaFunction;
  flags: Set<string>;
  description: string | null;
  library: string;
}

export interface Library {
  name: string;
  code: string;
  functions: Map<string, LuaFunctionDef>;
}

const NAME_RE = /^[A-Za-z0-9_]+$/;
const FLAGS = ['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys'];

export class FunctionsState {
  readonly libraries = new Map<string, Library>();
  readonly functions = new Map<string, LuaFunctionDef>();

  constructor(private readonly engine: Engine) {}

  /** FUNCTION LOAD: returns the library name or an error text. */
  load(code: string, replace: boolean): { name: string } | { error: string } {
    if (!code.startsWith('#!')) return { error: 'ERR Missing library metadata' };
    const eol = code.indexOf('\n');
    const shebang = eol < 0 ? code.slice(2) : code.slice(2, eol);
    const parts = shebang.split(' ').filter((p) => p !== '');
    const engineName = parts[0] ?? '';
    if (engineName.toLowerCase() !== 'lua') return { error: `ERR Engine '${engineName}' not found` };
    let name: string | undefined;
    for (const p of parts.slice(1)) {
      if (p.startsWith('name=')) name = p.slice(5);
      else return { error: `ERR Invalid metadata value given: ${p}` };
    }
    if (name === undefined) return { error: 'ERR Library name was not given' };
    if (!NAME_RE.test(name))
      return { error: 'ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long' };
    const existing = this.libraries.get(name);
    if (existing && !replace) return { error: `ERR Library '${name}' already exists` };
    const body = eol < 0 ? '' : '\n' + code.slice(eol + 1);
    const lua = this.engine.scripting.lua;
    // resumable: every registered function also gets its generator form, so a busy FCALL can run in slices
    const compiled = lua.engine.compile(body, '@user_function', { resumable: true });
    if ('error' in compiled) return { error: `ERR Error compiling function: ${compiled.error}` };
    const lib: Library = { name, code, functions: new Map() };
    const regError = this.runLoad(compiled, lib);
    if (regError !== undefined) return { error: `ERR Error registering functions: ${regError}` };
    if (lib.functions.size === 0) return { error: 'ERR No functions registered' };
    for (const f of lib.functions.keys()) {
      const owner = this.functions.get(f);
      if (owner && owner.library !== name) return { error: `ERR Function ${f} already exists` };
    }
    if (existing) this.remove(existing.name);
    this.libraries.set(name, lib);
    for (const f of lib.functions.values()) this.functions.set(f.name, f);
    return { name };
  }

  /** Run the library body with the restricted load-time `redis` table. Returns an error text or undefined. */
  private runLoad(fn: LuaFunction, lib: Library): string | undefined {
    const lua = this.engine.scripting.lua;
    const G = lua.engine.globals;
    const fullRedis = G.get('redis');
    const loadRedis = new LuaTable();
    const R = lua.engine.runtime;
    const register = (...a: unknown[]): unknown => {
      let name: unknown;
      let callback: unknown;
      let flagsT: unknown;
      let description: unknown = null;
      if (a.length === 1 && a[0] instanceof LuaTable) {
        const t = a[0];
        for (const k of tableKeys(t)) {
          if (k === 'function_name') name = t.get(k);
          else if (k === 'callback') callback = t.get(k);
          else if (k === 'flags') flagsT = t.get(k);
          else if (k === 'description') description = t.get(k);
          else R.error('unknown argument given to redis.register_function');
        }
        if (name === undefined) R.error('redis.register_function must get a function name argument');
        if (callback === undefined) R.error('redis.register_function must get a callback argument');
      } else {
        if (a.length !== 2) R.error('wrong number of arguments to redis.register_function');
        name = a[0];
        callback = a[1];
      }
      if (typeof name !== 'string') R.error('function_name argument given to redis.register_function must be a string');
      if (typeof callback !== 'function')
        R.error('callback argument given to redis.register_function must be a function');
      if (description !== null && typeof description !== 'string')
        R.error('description argument given to redis.register_function must be a string');
      const flags = new Set<string>();
      if (flagsT !== undefined) {
        const ft = flagsT;
        if (!(ft instanceof LuaTable)) return R.error('flags argument to redis.register_function must be a table representing function flags');
        for (let i = 1; ; i++) {
          const f = ft.get(i);
          if (f === undefined) break;
          if (typeof f !== 'string' || !FLAGS.includes(f)) return R.error('unknown flag given');
          flags.add(f);
        }
      }
      const fname = name as string;
      if (!NAME_RE.test(fname))
        R.error('Function names can only contain letters, numbers, or underscores(_) and must be at least one character long');
      if (lib.functions.has(fname)) R.error('Function already exists in the library');
      lib.functions.set(fname, { name: fname, fn: callback as LuaFunction, flags, description: (description as string | null) ?? null, library: lib.name });
      return undefined;
    };
    loadRedis.set('register_function', register);
    if (fullRedis instanceof LuaTable) {
      for (const k of ['log', 'LOG_DEBUG', 'LOG_VERBOSE', 'LOG_NOTICE', 'LOG_WARNING', 'setresp', 'REDIS_VERSION', 'REDIS_VERSION_NUM']) {
        const v = fullRedis.get(k);
        if (v !== undefined) loadRedis.set(k, v);
      }
    }
    const mt = new LuaTable();
    mt.set('__index', (_t: unknown, k: unknown) => R.error(`Script attempted to access nonexistent global variable '${String(k)}'`));
    loadRedis.mt = mt;
    G.set('redis', loadRedis);
    G.set('server', loadRedis);
    try {
      lua.engine.call(fn, []);
      return undefined;
    } catch (err) {
      if (err instanceof LuaError) {
        const v = err.value;
        if (v instanceof LuaTable) return String(v.get('err'));
        return `ERR ${lua.engine.tostring(v)}`;
      }
      return `ERR ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      G.set('redis', fullRedis);
      G.set('server', fullRedis);
    }
  }

  remove(name: string): boolean {
    const lib = this.libraries.get(name);
    if (!lib) return false;
    for (const f of lib.functions.keys()) this.functions.delete(f);
    this.libraries.delete(name);
    return true;
  }

  flush(): void {
    this.libraries.clear();
    this.functions.clear();
  }

  /** FUNCTION DUMP payload: our own versioned, checksummed format (opaque to clients, as in Redis). */
  dump(): string {
    const body = JSON.stringify([...this.libraries.values()].map((l) => l.code));
    const sum = createHash('sha1').update(body, 'latin1').digest('hex').slice(0, 16);
    return `RWFN1${sum}${body}`;
  }

  parseDump(payload: string): string[] | null {
    if (!payload.startsWith('RWFN1') || payload.length < 21) return null;
    const sum = payload.slice(5, 21);
    const body = payload.slice(21);
    if (createHash('sha1').update(body, 'latin1').digest('hex').slice(0, 16) !== sum) return null;
    try {
      const codes = JSON.parse(body) as unknown;
      if (!Array.isArray(codes)) return null;
      const out: string[] = [];
      for (const c of codes) {
        if (typeof c !== 'string') return null;
        out.push(c);
      }
      return out;
    } catch {
      return null;
    }
  }
}

function tableKeys(t: LuaTable): unknown[] {
  const out: unknown[] = [];
  let k: unknown = undefined;
  for (;;) {
    const n = t.next(k);
    if (n === undefined) break;
    k = n[0];
    out.push(k);
  }
  return out;
}

// RedisLua: a LuaEngine set up the way Redis 7 sets up its scripting state (libraries, the redis API, the
// sandbox) plus the run protocol of EVAL/FCALL: per-run reset of the script protocol, KEYS/ARGV globals,
// the first return value converted to a reply, and errors worded as Redis words them
// ("<msg> script: <name>, on @user_script:<line>.").
import { LuaEngine, type LuaLibrary } from '../engine.js';
import { installBit } from '../lib/bit.js';
import { installCjson } from '../lib/cjson.js';
import { installCmsgpack } from '../lib/cmsgpack.js';
import { installStruct } from '../lib/struct.js';
import type { BudgetOptions } from '../runtime.js';
import { type LuaFunction, LuaAbort, LuaError, LuaTable, first } from '../value.js';
import { type LuaHost, type RedisApiOptions, type RedisApiState, installRedisApi } from './api.js';
import { FunctionLoader, type RegisteredFunction } from './functions.js';
import { type ScriptReply, luaToReply } from './reply.js';

export interface RedisLuaOptions extends RedisApiOptions {
  budget?: BudgetOptions;
  /** Extra libraries (cjson, bit, struct, cmsgpack, ...) installed before the sandbox is applied. */
  libraries?: LuaLibrary[];
}

export class RedisLua {
  readonly engine: LuaEngine;
  private readonly state: RedisApiState = { resp: 2 };
  private loader: FunctionLoader | undefined = undefined;
  private readonly version: string;

  constructor(host: LuaHost, opts: RedisLuaOptions = {}) {
    this.engine = new LuaEngine(opts.budget !== undefined ? { budget: opts.budget } : {});
    for (const lib of [installCjson, installBit, installStruct, installCmsgpack, ...(opts.libraries ?? [])]) this.engine.use(lib);
    installRedisApi(this.engine, host, this.state, opts);
    // Redis 7.0 never lets `print` into the globals
    this.engine.globals.set('print', undefined);
    this.engine.sandbox();
    this.version = opts.version ?? '7.0.15';
  }

  /**
   * FUNCTION LOAD: run a library's code (without its shebang line) and return the functions it registered,
   * to be called later with runFunction. Use a RedisLua dedicated to functions, as Redis keeps a separate
   * Lua state for them. With `resumable`, the functions also get generator forms (startFunction).
   */
  loadLibrary(code: string, opts: { resumable?: boolean } = {}): { functions: RegisteredFunction[] } | { error: string } {
    this.loader ??= new FunctionLoader(this.engine, this.version);
    return this.loader.load(code, opts);
  }

  /** Compile a script body as Redis does ("@user_script"); a syntax error comes back as Lua's text. */
  compile(body: string): LuaFunction | { error: string } {
    return this.engine.compile(body, '@user_script');
  }

  /** Compile a script body for startEval (generator form; slower than compile, but it can pause). */
  compileResumable(body: string): LuaFunction | { error: string } {
    return this.engine.compile(body, '@user_script', { resumable: true });
  }

  /**
   * EVAL that can pause: each step() runs until the script ends or the budget hook answers 'yield', so the
   * server can serve other clients (BUSY replies, SCRIPT KILL) between slices. `fn` from compileResumable.
   */
  startEval(fn: LuaFunction, keys: string[], args: string[], funcname: string): ResumableScript {
    this.engine.setGlobal('KEYS', new LuaTable(keys.slice()));
    this.engine.setGlobal('ARGV', new LuaTable(args.slice()));
    return this.startRun(fn, [], funcname);
  }

  /**
   * FCALL that can pause (functions are compiled with { resumable: true } at FUNCTION LOAD): the server can
   * start every top-level FCALL this way and, past busy-reply-threshold, continue it in slices instead of
   * restarting it, which stays correct even after the function wrote.
   */
  startFunction(fn: LuaFunction, keys: string[], args: string[], funcname: string): ResumableScript {
    return this.startRun(fn, [new LuaTable(keys.slice()), new LuaTable(args.slice())], funcname);
  }

  private startRun(fn: LuaFunction, args: unknown[], funcname: string): ResumableScript {
    this.state.resp = 2;
    const R = this.engine.runtime;
    R.at = '';
    const run = this.engine.startResumable(fn, args);
    return {
      step: () => {
        try {
          const r = run.step();
          if (!r.done) return { done: false };
          return { done: true, reply: luaToReply(first(r.results), this.state.resp) };
        } catch (e) {
          if (e instanceof LuaAbort) return { done: true, reply: { t: 'error', v: `ERR ${e.message}${suffix(funcname, R.at)}` } };
          if (e instanceof LuaError) return { done: true, reply: { t: 'error', v: scriptErrorText(this.engine, e, funcname) } };
          throw e;
        }
      },
    };
  }

  /** EVAL/EVALSHA: KEYS and ARGV as globals, the first return value as the reply. */
  runEval(fn: LuaFunction, keys: string[], args: string[], funcname: string): ScriptReply {
    this.engine.setGlobal('KEYS', new LuaTable(keys.slice()));
    this.engine.setGlobal('ARGV', new LuaTable(args.slice()));
    return this.run(fn, [], funcname);
  }

  /** FCALL: the function receives the keys and args tables. */
  runFunction(fn: unknown, keys: string[], args: string[], funcname: string): ScriptReply {
    return this.run(fn, [new LuaTable(keys.slice()), new LuaTable(args.slice())], funcname);
  }

  private run(fn: unknown, args: unknown[], funcname: string): ScriptReply {
    this.state.resp = 2;
    const R = this.engine.runtime;
    R.at = '';
    try {
      const r = this.engine.call(fn, args);
      return luaToReply(first(r), this.state.resp);
    } catch (e) {
      if (e instanceof LuaAbort) return { t: 'error', v: `ERR ${e.message}${suffix(funcname, R.at)}` };
      if (e instanceof LuaError) return { t: 'error', v: scriptErrorText(this.engine, e, funcname) };
      throw e;
    }
  }
}

/** A script run that can pause: each step() runs until it ends or the budget hook answers 'yield'. */
export interface ResumableScript {
  step(): { done: true; reply: ScriptReply } | { done: false };
}

function suffix(funcname: string, at: string | undefined): string {
  const m = at === undefined ? null : /^(user_script|user_function):(\d+):$/.exec(at);
  return m === null ? '' : ` script: ${funcname}, on @${m[1] as string}:${m[2] as string}.`;
}

/** The error reply text (without '-') for a script that raised `e`, as Redis 7 builds it. */
export function scriptErrorText(engine: LuaEngine, e: LuaError, funcname: string): string {
  const v = e.value;
  let msg: string;
  let at = e.at;
  if (v instanceof LuaTable) {
    const err = v.get('err');
    msg = typeof err === 'string' ? err : typeof err === 'number' ? engine.tostring(err) : '(null)';
  } else {
    msg = 'ERR ' + engine.tostring(v);
    if (typeof v === 'string') {
      const m = /^((?:user_script|user_function):\d+:)/.exec(v);
      if (m !== null) at = m[1];
    }
  }
  return (msg + suffix(funcname, at)).replace(/[\r\n]/g, ' ');
}

// LuaEngine: one Lua state. Owns the globals, the runtime, the compile pipeline (parse -> JS source ->
// new Function) and the standard libraries; `sandbox()` applies Redis 7's protections. Libraries register
// themselves through the small LuaLibrary interface (a function receiving the engine), see lib/*.ts.
import { compileChunk } from './compiler.js';
import { installBase } from './lib/base.js';
import { installCoroutine } from './lib/coroutine.js';
import { installMath } from './lib/math.js';
import { installOs } from './lib/os.js';
import { installString } from './lib/string.js';
import { installTable } from './lib/table.js';
import { parseChunk, chunkId } from './parser.js';
import { type BudgetOptions, type Helpers, Runtime, makeHelpers } from './runtime.js';
import { CJSON_NULL } from './lib/cjson.js';
import { Coroutine, type LuaFunction, LuaAbort, LuaError, LuaTable, numberToString, results } from './value.js';

export interface LuaEngineOptions {
  budget?: BudgetOptions;
  /** Where `print` writes (default: process.stdout). */
  print?: (line: string) => void;
}

/** A run started by LuaEngine.startResumable. */
export interface ResumableRun {
  step(): { done: true; results: unknown[] } | { done: false };
}

/** A library installer: adds functions/tables to the engine's globals. */
export type LuaLibrary = (engine: LuaEngine) => void;

export class LuaEngine {
  readonly runtime: Runtime;
  readonly helpers: Helpers;
  readonly globals: LuaTable;
  readonly print: (line: string) => void;
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0x55d0c0a01000;
  sandboxed = false;

  constructor(opts: LuaEngineOptions = {}) {
    this.runtime = new Runtime(opts.budget);
    this.helpers = makeHelpers(this.runtime);
    this.globals = new LuaTable();
    this.print = opts.print ?? ((line: string) => process.stdout.write(Buffer.from(line + '\n', 'latin1')));
    this.globals.set('_G', this.globals);
    this.globals.set('_VERSION', 'Lua 5.1');
    for (const lib of [installBase, installString, installTable, installMath, installOs, installCoroutine]) this.use(lib);
  }

  /** Install a library (see LuaLibrary). */
  use(lib: LuaLibrary): void {
    lib(this);
  }

  /**
   * Compile a chunk. `chunkName` follows Lua's convention: "@user_script" reports positions as
   * "user_script:<line>:", other names as [string "..."]. Returns the chunk's function or Lua's syntax error text.
   */
  compile(
    source: string,
    chunkName = '@user_script',
    opts: { resumable?: boolean; env?: LuaTable } = {},
  ): LuaFunction | { error: string } {
    const parsed = parseChunk(source, chunkName);
    if (!parsed.ok) return { error: parsed.error };
    const dual = opts.resumable === true || /\bcoroutine\b/.test(source);
    const js = compileChunk(parsed.main, { where: chunkId(chunkName), dual, resumable: opts.resumable === true });
    // compiling Lua to JS source is this package's purpose; the source is generated, never user JS
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const factory = new Function('R', 'H', 'G', js) as (R: Runtime, H: Helpers, G: LuaTable) => LuaFunction;
    return factory(this.runtime, this.helpers, opts.env ?? this.globals);
  }

  /**
   * Start a run that can pause: `fn` must come from compile(..., { resumable: true }). Each step() runs until
   * the script finishes or the budget hook answers 'yield' (at a loop back-edge or call of Lua code that is
   * not below a library function), then returns. Errors are thrown from step() as from call().
   */
  startResumable(fn: LuaFunction, args: unknown[] = []): ResumableRun {
    const g = (fn as unknown as { $g?: (...a: unknown[]) => Generator<unknown[], unknown, unknown[]> }).$g;
    if (g === undefined) throw new TypeError('startResumable needs a function compiled with { resumable: true }');
    const R = this.runtime;
    const gen = g(...args);
    let finished = false;
    return {
      step: () => {
        if (finished) return { done: true, results: [] };
        R.budget = R.checkEvery;
        R.inResumable = true;
        try {
          const r = gen.next([]);
          if (r.done === true) {
            finished = true;
            return { done: true, results: results(r.value) };
          }
          if (r.value !== R.SLICE) {
            finished = true;
            throw new LuaError('attempt to yield from outside a coroutine', R.at);
          }
          return { done: false };
        } catch (e) {
          finished = true;
          throw this.normalizeError(e);
        } finally {
          R.inResumable = false;
        }
      },
    };
  }

  /** The generated JS for a chunk (debugging aid). */
  compileToJs(source: string, chunkName = '@user_script', opts: { resumable?: boolean } = {}): string | { error: string } {
    const parsed = parseChunk(source, chunkName);
    if (!parsed.ok) return { error: parsed.error };
    const resumable = opts.resumable === true;
    return compileChunk(parsed.main, { where: chunkId(chunkName), dual: resumable || /\bcoroutine\b/.test(source), resumable });
  }

  /** Call a Lua value with arguments; throws LuaError (runtime error) or LuaAbort (budget abort). */
  call(fn: unknown, args: unknown[] = []): unknown[] {
    this.runtime.budget = this.runtime.checkEvery;
    try {
      return this.callValue(fn, args);
    } catch (e) {
      throw this.normalizeError(e);
    }
  }

  /** Call any callable Lua value (function or table with __call) with the current error position. */
  callValue(fn: unknown, args: unknown[]): unknown[] {
    // a library function called by a library function has no Lua position (luaL_where gives "")
    this.runtime.at = '';
    if (typeof fn === 'function') return results((fn as LuaFunction)(...args));
    return results(this.helpers.call(fn, '', args));
  }

  /** Map host-level failures to Lua errors: JS stack exhaustion is Lua's "stack overflow". */
  normalizeError(e: unknown): unknown {
    if (e instanceof LuaError || e instanceof LuaAbort) return e;
    if (e instanceof RangeError) {
      if (/call stack/i.test(e.message)) return new LuaError(`${this.runtime.at} stack overflow`);
      return new LuaError('not enough memory');
    }
    return e;
  }

  getGlobal(name: string): unknown {
    return this.globals.get(name);
  }

  /** Set a global, bypassing the sandbox's read-only protection (for the host: KEYS, ARGV, ...). */
  setGlobal(name: string, value: unknown): void {
    this.globals.set(name, value);
  }

  newTable(arr?: unknown[]): LuaTable {
    return new LuaTable(arr);
  }

  /** Lua's tostring() without metamethods for numbers/strings; tables and functions get stable addresses. */
  tostring(v: unknown): string {
    switch (typeof v) {
      case 'string':
        return v;
      case 'number':
        return numberToString(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'undefined':
        return 'nil';
      case 'function':
        return `function: ${this.address(v)}`;
      default:
        if (v instanceof LuaTable) return `table: ${this.address(v)}`;
        if (v instanceof Coroutine) return `thread: ${this.address(v)}`;
        if (v === CJSON_NULL) return 'userdata: (nil)';
        if (typeof v === 'object' && v !== null) return `userdata: ${this.address(v)}`;
        return String(v);
    }
  }

  address(o: object): string {
    let id = this.ids.get(o);
    if (id === undefined) {
      id = this.nextId;
      this.nextId += 0x40;
      this.ids.set(o, id);
    }
    return '0x' + id.toString(16);
  }

  /**
   * Apply Redis 7's sandbox: drop io/package/dofile/loadfile/debug, make reading an undefined global an
   * error, and make the globals and every table reachable from them read-only.
   */
  sandbox(): void {
    const G = this.globals;
    for (const name of ['io', 'package', 'dofile', 'loadfile', 'debug', 'require', 'module', 'newproxy', 'setfenv', 'getfenv']) {
      G.set(name, undefined);
    }
    const mt = new LuaTable();
    const R = this.runtime;
    mt.set('__index', (_t: unknown, k: unknown) =>
      R.error(`Script attempted to access nonexistent global variable '${typeof k === 'number' ? numberToString(k) : String(k)}'`),
    );
    G.mt = mt;
    protect(G);
    if (R.stringMeta !== undefined) protect(R.stringMeta);
    this.sandboxed = true;
  }
}

function protect(t: LuaTable): void {
  if (t.readonly) return;
  t.readonly = true;
  for (const v of t.arr) if (v instanceof LuaTable) protect(v);
  if (t.hash !== undefined) for (const v of t.hash.values()) if (v instanceof LuaTable) protect(v);
  if (t.mt !== undefined) protect(t.mt);
}

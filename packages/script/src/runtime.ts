// The runtime behind compiled chunks: per-engine state (Runtime: current call position, budget counter, the
// string metatable) and the helper functions generated code calls for everything beyond its inline fast paths:
// indexing with __index/__newindex chains, arithmetic and comparison with coercion and metamethods (Lua 5.1
// rules), calls through __call, concatenation, length, table constructors and for-loop iterators.
// Error texts are Lua 5.1's; `site` strings come from the compiler (see compiler.ts).
import {
  type LuaFunction,
  LuaAbort,
  LuaError,
  LuaTable,
  NONE,
  first,
  numberToString,
  results,
  toNumber,
  typeName,
} from './value.js';

export interface BudgetOptions {
  /** Back-edges and calls between two budget checks (default 100000). */
  checkEvery?: number;
  /**
   * Called at each check; 'abort' stops the script with an error pcall cannot catch; 'yield' pauses a
   * resumable run (LuaEngine.startResumable) at this point and acts as 'continue' anywhere else.
   */
  onBudget?: () => 'continue' | 'abort' | 'yield';
}

export class Runtime {
  /** Position prefix of the most recent call site, e.g. "user_script:3:" (used by library errors). */
  at = '?:';
  budget: number;
  readonly checkEvery: number;
  onBudget: (() => 'continue' | 'abort' | 'yield') | undefined;
  /**
   * True while a resumable run is being stepped: generator-form budget checks then yield SLICE, which every
   * generator-aware frame (pcall, coroutine.resume, metamethod helpers, ...) passes up to the runner and every
   * plain driver (`drive`) simply continues through.
   */
  inResumable = false;
  /** Number of coroutines currently running. */
  coDepth = 0;
  /** The value a generator-form budget check yields to pause a resumable run. */
  readonly SLICE: unknown[] = [];
  stringMeta: LuaTable | undefined = undefined;
  /** coroutine.yield, recognised by generator-form call sites. */
  coyield: LuaFunction | undefined = undefined;
  /** The base library's select (recognised by compiled select(n, ...) calls). */
  selectFn: LuaFunction | undefined = undefined;
  abortMessage = 'Script killed by user with SCRIPT KILL...';

  constructor(budget: BudgetOptions | undefined) {
    this.checkEvery = budget?.checkEvery ?? 100000;
    this.onBudget = budget?.onBudget;
    this.budget = this.checkEvery;
  }

  budgetTrip(at: string): void {
    this.at = at;
    this.budget = this.checkEvery;
    if (this.onBudget !== undefined && this.onBudget() === 'abort') {
      this.budget = 0;
      throw new LuaAbort(this.abortMessage);
    }
  }

  /** The budget check of generator-form code: true when the run should pause here. */
  budgetTripGen(at: string): boolean {
    this.at = at;
    this.budget = this.checkEvery;
    if (this.onBudget === undefined) return false;
    const r = this.onBudget();
    if (r === 'abort') {
      this.budget = 0;
      throw new LuaAbort(this.abortMessage);
    }
    return r === 'yield' && this.inResumable;
  }

  /** Throw a Lua error positioned at the current call (like luaL_error at level 1). */
  error(msg: string): never {
    throw new LuaError(this.at === '' ? msg : `${this.at} ${msg}`, this.at);
  }
}

/** rawIdx's answer when the __index chain must run (generator code then calls gindex). */
export const MISS: unknown[] = [];

// ---- error wording ----

/** "<where> <msg>", or just the message when there is no Lua position. */
export function at(where: string, msg: string): string {
  return where === '' ? msg : `${where} ${msg}`;
}

function siteWhere(site: string): string {
  const i = site.indexOf('\0');
  return i < 0 ? site : site.slice(0, i);
}

function siteName(site: string, which: number): string {
  const parts = site.split('\0');
  return parts[1 + which] ?? '';
}

export function typeError(site: string, which: number, v: unknown, what: string): LuaError {
  const name = siteName(site, which);
  const t = typeName(v);
  const desc = name !== '' ? `${name} (a ${t} value)` : `a ${t} value`;
  const w = siteWhere(site);
  return new LuaError(at(w, `attempt to ${what} ${desc}`), w);
}

export function tostr(v: string | number): string {
  return typeof v === 'string' ? v : numberToString(v);
}

// ---- the helpers, bound to one Runtime ----

export type Helpers = ReturnType<typeof makeHelpers>;

export function makeHelpers(R: Runtime) {
  function metaOf(v: unknown): LuaTable | undefined {
    if (v instanceof LuaTable) return v.mt;
    if (typeof v === 'string') return R.stringMeta;
    return undefined;
  }

  function mm(v: unknown, event: string): unknown {
    const mt = metaOf(v);
    return mt === undefined ? undefined : mt.getStr(event);
  }

  function call1(f: unknown, a: unknown, b: unknown, site: string): unknown {
    if (typeof f === 'function') return first((f as LuaFunction)(a, b));
    return first(call(f, site, [a, b]));
  }

  function call(f: unknown, site: string, args: unknown[]): unknown {
    if (typeof f === 'function') return (f as LuaFunction)(...args);
    const h = mm(f, '__call');
    if (typeof h === 'function') return (h as LuaFunction)(f, ...args);
    throw typeError(site, 0, f, 'call');
  }

  function* gcall(f: unknown, site: string, args: unknown[]): Generator<unknown[], unknown, unknown[]> {
    if (typeof f === 'function') {
      const g = (f as { $g?: (...a: unknown[]) => Generator<unknown[], unknown, unknown[]> }).$g;
      if (g !== undefined) return yield* g(...args);
      if (f === R.coyield) return yield args;
      return (f as LuaFunction)(...args);
    }
    const h = mm(f, '__call');
    if (typeof h === 'function') return yield* gcall(h, site, [f, ...args]);
    throw typeError(site, 0, f, 'call');
  }

  const BOUNDARY = 'attempt to yield across metamethod/C-call boundary';

  /**
   * Run a generator below a "C boundary" (a library function or metamethod calling Lua): budget pauses (SLICE)
   * pass up to the resumable runner, a coroutine.yield fails where it was called, with Lua 5.1's error.
   */
  function* boundary(gen: Generator<unknown[], unknown, unknown[]>): Generator<unknown[], unknown, unknown[]> {
    let r = gen.next(NONE);
    for (;;) {
      if (r.done === true) return r.value;
      if (r.value === R.SLICE) {
        yield R.SLICE;
        r = gen.next(NONE);
      } else r = gen.throw(new LuaError(BOUNDARY, R.at));
    }
  }

  /** Call a Lua value below a C boundary (see boundary), from generator code: the results as an array. */
  function* gcallB(f: unknown, site: string, args: unknown[]): Generator<unknown[], unknown[], unknown[]> {
    if (typeof f === 'function' && (f as { $g?: unknown }).$g === undefined && f !== R.coyield) {
      return results((f as LuaFunction)(...args));
    }
    return results(yield* boundary(gcall(f, site, args)));
  }

  function* gcall1(f: unknown, a: unknown, b: unknown, site: string): Generator<unknown[], unknown, unknown[]> {
    return (yield* gcallB(f, site, [a, b]))[0];
  }

  function one(r: unknown): unknown {
    return r instanceof Array ? r[0] : r;
  }

  function arr(r: unknown): unknown[] {
    return r instanceof Array ? r : [r];
  }

  type GenFn = (...a: unknown[]) => Generator<unknown[], unknown, unknown[]>;

  /** Run a generator-form function to completion from a plain call (a C-call boundary for yields). */
  function drive(gen: Generator<unknown[], unknown, unknown[]>): unknown {
    let r = gen.next([]);
    for (;;) {
      if (r.done === true) return r.value;
      if (r.value === R.SLICE) {
        r = gen.next([]);
        continue;
      }
      if (R.coDepth === 0) throw new LuaError('attempt to yield from outside a coroutine', R.at);
      r = gen.throw(new LuaError(BOUNDARY, R.at));
    }
  }

  /** A dual-mode function: the plain form drives the generator form, which stays reachable as f.$g. */
  function dual(g: GenFn): LuaFunction {
    const f = (...a: unknown[]): unknown => drive(g(...a));
    (f as unknown as { $g: GenFn }).$g = g;
    return f;
  }

  // ---- indexing ----

  /** The __index chain; the caller has already found no raw value in `o` when it is a table. */
  function indexMeta(o: unknown, k: unknown, site: string): unknown {
    let t = o;
    for (let loop = 0; loop < 100; loop++) {
      let h: unknown;
      if (t instanceof LuaTable) {
        if (loop > 0) {
          const v = t.get(k);
          if (v !== undefined) return v;
        }
        const mt = t.mt;
        if (mt === undefined) return undefined;
        h = mt.getStr('__index');
        if (h === undefined) return undefined;
      } else {
        h = mm(t, '__index');
        if (h === undefined) throw typeError(t === o ? site : siteWhere(site), 0, t, 'index');
      }
      if (typeof h === 'function') {
        R.at = siteWhere(site);
        return first((h as LuaFunction)(t, k));
      }
      t = h;
    }
    throw new LuaError(at(siteWhere(site), `loop in gettable`), siteWhere(site));
  }

  function index(o: unknown, k: unknown, site: string): unknown {
    if (o instanceof LuaTable) {
      const v = o.get(k);
      if (v !== undefined || o.mt === undefined) return v;
    }
    return indexMeta(o, k, site);
  }

  function indexS(o: unknown, k: string, site: string): unknown {
    if (o instanceof LuaTable) {
      const h = o.hash;
      const v = h === undefined ? undefined : h.get(k);
      if (v !== undefined || o.mt === undefined) return v;
    }
    return indexMeta(o, k, site);
  }

  function rawsetChecked(t: LuaTable, k: unknown, v: unknown, site: string): void {
    if (k === undefined) throw new LuaError(at(siteWhere(site), `table index is nil`), siteWhere(site));
    if (typeof k === 'number' && k !== k) throw new LuaError(at(siteWhere(site), `table index is NaN`), siteWhere(site));
    t.set(k, v);
  }

  /** t[k] = v: the array-part fast path inline, everything else in setindexSlow. */
  function setindex(o: unknown, k: unknown, v: unknown, site: string): void {
    if (typeof k === 'number' && v !== undefined && o instanceof LuaTable && o.mt === undefined && !o.readonly) {
      const a = o.arr;
      const n = a.length;
      if (k > 0 && k <= n && (k | 0) === k) {
        a[k - 1] = v;
        return;
      }
      if (k === n + 1 && o.hash === undefined) {
        a.push(v);
        return;
      }
    }
    setindexSlow(o, k, v, site);
  }

  /** t.name = v for a constant string key. */
  function setindexS(o: unknown, k: string, v: unknown, site: string): void {
    if (o instanceof LuaTable && o.mt === undefined && !o.readonly) {
      if (v === undefined) o.hash?.delete(k);
      else (o.hash ??= new Map()).set(k, v);
      return;
    }
    setindexSlow(o, k, v, site);
  }

  function setindexSlow(o: unknown, k: unknown, v: unknown, site: string): void {
    if (o instanceof LuaTable && o.mt === undefined && !o.readonly) {
      if (typeof k === 'string') {
        if (v === undefined) o.hash?.delete(k);
        else (o.hash ??= new Map()).set(k, v);
        return;
      }
      if (typeof k === 'number' && v !== undefined) {
        const n = o.arr.length;
        if (k > n && k - n <= 9 && (k | 0) === k) {
          o.setInt(k, v);
          return;
        }
      }
      rawsetChecked(o, k, v, site);
      return;
    }
    let t = o;
    for (let loop = 0; loop < 100; loop++) {
      let h: unknown;
      if (t instanceof LuaTable) {
        if (t.readonly) throw new LuaError(at(siteWhere(site), `Attempt to modify a readonly table`), siteWhere(site));
        const mt = t.mt;
        if (mt === undefined || t.get(k) !== undefined) {
          rawsetChecked(t, k, v, site);
          return;
        }
        h = mt.getStr('__newindex');
        if (h === undefined) {
          rawsetChecked(t, k, v, site);
          return;
        }
      } else {
        h = mm(t, '__newindex');
        if (h === undefined) throw typeError(t === o ? site : siteWhere(site), 0, t, 'index');
      }
      if (typeof h === 'function') {
        R.at = siteWhere(site);
        (h as LuaFunction)(t, k, v);
        return;
      }
      t = h;
    }
    throw new LuaError(at(siteWhere(site), `loop in settable`), siteWhere(site));
  }

  // ---- arithmetic ----

  const EVENTS: Record<string, string> = { '+': '__add', '-': '__sub', '*': '__mul', '/': '__div', '%': '__mod', '^': '__pow' };

  function rawArith(op: string, x: number, y: number): number {
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case '/': return x / y;
      case '%': return x - Math.floor(x / y) * y;
      default: return powNum(x, y);
    }
  }

  function arith(op: string, a: unknown, b: unknown, site: string): unknown {
    const x = toNumber(a);
    const y = toNumber(b);
    if (x !== undefined && y !== undefined) return rawArith(op, x, y);
    const ev = EVENTS[op] as string;
    let h = mm(a, ev);
    if (h === undefined) h = mm(b, ev);
    if (h !== undefined) return call1(h, a, b, site);
    if (x === undefined) throw typeError(site, 0, a, 'perform arithmetic on');
    throw typeError(site, 1, b, 'perform arithmetic on');
  }

  function add(a: unknown, b: unknown, site: string): unknown {
    return typeof a === 'number' && typeof b === 'number' ? a + b : arith('+', a, b, site);
  }
  function sub(a: unknown, b: unknown, site: string): unknown {
    return typeof a === 'number' && typeof b === 'number' ? a - b : arith('-', a, b, site);
  }
  function mul(a: unknown, b: unknown, site: string): unknown {
    return typeof a === 'number' && typeof b === 'number' ? a * b : arith('*', a, b, site);
  }
  function div(a: unknown, b: unknown, site: string): unknown {
    return typeof a === 'number' && typeof b === 'number' ? a / b : arith('/', a, b, site);
  }
  function mod(a: unknown, b: unknown, site: string): unknown {
    return typeof a === 'number' && typeof b === 'number' ? a - Math.floor(a / b) * b : arith('%', a, b, site);
  }
  function pow(a: unknown, b: unknown, site: string): unknown {
    return typeof a === 'number' && typeof b === 'number' ? powNum(a, b) : arith('^', a, b, site);
  }
  function unm(a: unknown, site: string): unknown {
    const x = toNumber(a);
    if (x !== undefined) return -x;
    const h = mm(a, '__unm');
    if (h !== undefined) return call1(h, a, a, site);
    throw typeError(site, 0, a, 'perform arithmetic on');
  }

  function concat(a: unknown, b: unknown, site: string): unknown {
    const ta = typeof a;
    const tb = typeof b;
    if ((ta === 'string' || ta === 'number') && (tb === 'string' || tb === 'number'))
      return tostr(a as string | number) + tostr(b as string | number);
    let h = mm(a, '__concat');
    if (h === undefined) h = mm(b, '__concat');
    if (h !== undefined) return call1(h, a, b, site);
    if (ta === 'string' || ta === 'number') throw typeError(site, 1, b, 'concatenate');
    throw typeError(site, 0, a, 'concatenate');
  }

  function len(a: unknown, site: string): unknown {
    if (typeof a === 'string') return a.length;
    if (a instanceof LuaTable) return a.length();
    const h = mm(a, '__len');
    if (h !== undefined) return call1(h, a, undefined, site);
    throw typeError(site, 0, a, 'get length of');
  }

  // ---- comparison ----

  function compMeta(a: unknown, b: unknown, event: string): unknown {
    const h1 = mm(a, event);
    if (h1 === undefined) return undefined;
    const h2 = mm(b, event);
    return h1 === h2 ? h1 : undefined;
  }

  function eq(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (!(a instanceof LuaTable) || !(b instanceof LuaTable)) return false;
    if (a.mt === undefined || b.mt === undefined) return false;
    const h = compMeta(a, b, '__eq');
    if (h === undefined) return false;
    const r = call1(h, a, b, '?:');
    return r !== undefined && r !== false;
  }

  function orderError(a: unknown, b: unknown, site: string): LuaError {
    const t1 = typeName(a);
    const t2 = typeName(b);
    const w = siteWhere(site);
    if (t1 === t2) return new LuaError(at(w, `attempt to compare two ${t1} values`), w);
    return new LuaError(at(w, `attempt to compare ${t1} with ${t2}`), w);
  }

  function lt(a: unknown, b: unknown, site: string): boolean {
    const ta = typeof a;
    if (ta === typeof b) {
      if (ta === 'number') return (a as number) < (b as number);
      if (ta === 'string') return (a as string) < (b as string);
      const h = compMeta(a, b, '__lt');
      if (h !== undefined) {
        const r = call1(h, a, b, site);
        return r !== undefined && r !== false;
      }
    }
    throw orderError(a, b, site);
  }

  function le(a: unknown, b: unknown, site: string): boolean {
    const ta = typeof a;
    if (ta === typeof b) {
      if (ta === 'number') return (a as number) <= (b as number);
      if (ta === 'string') return (a as string) <= (b as string);
      let h = compMeta(a, b, '__le');
      if (h !== undefined) {
        const r = call1(h, a, b, site);
        return r !== undefined && r !== false;
      }
      h = compMeta(b, a, '__lt');
      if (h !== undefined) {
        const r = call1(h, b, a, site);
        return !(r !== undefined && r !== false);
      }
    }
    throw orderError(a, b, site);
  }

  function gt(a: unknown, b: unknown, site: string): boolean {
    return lt(b, a, site);
  }
  function ge(a: unknown, b: unknown, site: string): boolean {
    return le(b, a, site);
  }

  // ---- generator forms of the metamethod paths (resumable code: a budget pause inside a metamethod) ----

  type G<T> = Generator<unknown[], T, unknown[]>;

  /** Raw read for resumable code: the value, or MISS when the __index chain (or an error) is involved. */
  function rawIdx(o: unknown, k: unknown): unknown {
    if (o instanceof LuaTable) {
      const v = o.get(k);
      if (v !== undefined || o.mt === undefined) return v;
    }
    return MISS;
  }

  function rawIdxS(o: unknown, k: string): unknown {
    if (o instanceof LuaTable) {
      const h = o.hash;
      const v = h === undefined ? undefined : h.get(k);
      if (v !== undefined || o.mt === undefined) return v;
    }
    return MISS;
  }

  function* gindex(o: unknown, k: unknown, site: string): G<unknown> {
    let t = o;
    for (let loop = 0; loop < 100; loop++) {
      let h: unknown;
      if (t instanceof LuaTable) {
        const v = t.get(k);
        if (v !== undefined) return v;
        const mt = t.mt;
        if (mt === undefined) return undefined;
        h = mt.getStr('__index');
        if (h === undefined) return undefined;
      } else {
        h = mm(t, '__index');
        if (h === undefined) throw typeError(t === o ? site : siteWhere(site), 0, t, 'index');
      }
      if (typeof h === 'function') {
        R.at = siteWhere(site);
        return yield* gcall1(h, t, k, site);
      }
      t = h;
    }
    throw new LuaError(at(siteWhere(site), `loop in gettable`), siteWhere(site));
  }

  function* gsetindex(o: unknown, k: unknown, v: unknown, site: string): G<void> {
    let t = o;
    for (let loop = 0; loop < 100; loop++) {
      let h: unknown;
      if (t instanceof LuaTable) {
        if (t.mt === undefined || t.readonly) {
          setindexSlow(t, k, v, site);
          return;
        }
        const mt = t.mt;
        if (t.get(k) !== undefined) {
          rawsetChecked(t, k, v, site);
          return;
        }
        h = mt.getStr('__newindex');
        if (h === undefined) {
          rawsetChecked(t, k, v, site);
          return;
        }
      } else {
        h = mm(t, '__newindex');
        if (h === undefined) throw typeError(t === o ? site : siteWhere(site), 0, t, 'index');
      }
      if (typeof h === 'function') {
        R.at = siteWhere(site);
        yield* gcallB(h, site, [t, k, v]);
        return;
      }
      t = h;
    }
    throw new LuaError(at(siteWhere(site), `loop in settable`), siteWhere(site));
  }

  function* garith(op: string, a: unknown, b: unknown, site: string): G<unknown> {
    const x = toNumber(a);
    const y = toNumber(b);
    if (x !== undefined && y !== undefined) return rawArith(op, x, y);
    const ev = EVENTS[op] as string;
    let h = mm(a, ev);
    if (h === undefined) h = mm(b, ev);
    if (h !== undefined) return yield* gcall1(h, a, b, site);
    if (x === undefined) throw typeError(site, 0, a, 'perform arithmetic on');
    throw typeError(site, 1, b, 'perform arithmetic on');
  }

  function* gunm(a: unknown, site: string): G<unknown> {
    const x = toNumber(a);
    if (x !== undefined) return -x;
    const h = mm(a, '__unm');
    if (h !== undefined) return yield* gcall1(h, a, a, site);
    throw typeError(site, 0, a, 'perform arithmetic on');
  }

  function* gconcat(a: unknown, b: unknown, site: string): G<unknown> {
    const ta = typeof a;
    const tb = typeof b;
    if ((ta === 'string' || ta === 'number') && (tb === 'string' || tb === 'number'))
      return tostr(a as string | number) + tostr(b as string | number);
    let h = mm(a, '__concat');
    if (h === undefined) h = mm(b, '__concat');
    if (h !== undefined) return yield* gcall1(h, a, b, site);
    if (ta === 'string' || ta === 'number') throw typeError(site, 1, b, 'concatenate');
    throw typeError(site, 0, a, 'concatenate');
  }

  function* glen(a: unknown, site: string): G<unknown> {
    if (typeof a === 'string') return a.length;
    if (a instanceof LuaTable) return a.length();
    const h = mm(a, '__len');
    if (h !== undefined) return yield* gcall1(h, a, undefined, site);
    throw typeError(site, 0, a, 'get length of');
  }

  function* geq(a: unknown, b: unknown): G<boolean> {
    if (a === b) return true;
    if (!(a instanceof LuaTable) || !(b instanceof LuaTable)) return false;
    if (a.mt === undefined || b.mt === undefined) return false;
    const h = compMeta(a, b, '__eq');
    if (h === undefined) return false;
    const r = yield* gcall1(h, a, b, '?:');
    return r !== undefined && r !== false;
  }

  function* glt(a: unknown, b: unknown, site: string): G<boolean> {
    const ta = typeof a;
    if (ta === typeof b) {
      if (ta === 'number') return (a as number) < (b as number);
      if (ta === 'string') return (a as string) < (b as string);
      const h = compMeta(a, b, '__lt');
      if (h !== undefined) {
        const r = yield* gcall1(h, a, b, site);
        return r !== undefined && r !== false;
      }
    }
    throw orderError(a, b, site);
  }

  function* gle(a: unknown, b: unknown, site: string): G<boolean> {
    const ta = typeof a;
    if (ta === typeof b) {
      if (ta === 'number') return (a as number) <= (b as number);
      if (ta === 'string') return (a as string) <= (b as string);
      let h = compMeta(a, b, '__le');
      if (h !== undefined) {
        const r = yield* gcall1(h, a, b, site);
        return r !== undefined && r !== false;
      }
      h = compMeta(b, a, '__lt');
      if (h !== undefined) {
        const r = yield* gcall1(h, b, a, site);
        return !(r !== undefined && r !== false);
      }
    }
    throw orderError(a, b, site);
  }

  // ---- constructors and loops ----

  function tarr(arr: unknown[]): LuaTable {
    let n = arr.length;
    while (n > 0 && arr[n - 1] === undefined) n--;
    if (n !== arr.length) arr.length = n;
    return new LuaTable(arr);
  }

  function tnew(pos: unknown[], kv: unknown[], site: string): LuaTable {
    const t = tarr(pos);
    const n = pos.length;
    for (let i = 0; i < kv.length; i += 2) {
      const k = kv[i];
      if (typeof k === 'number' && k >= 1 && k <= n && Number.isInteger(k)) continue;
      rawsetChecked(t, k, kv[i + 1], site);
    }
    return t;
  }

  function forNum(v: unknown, what: string, site: string): number {
    if (typeof v === 'number') return v;
    const n = toNumber(v);
    if (n === undefined) throw new LuaError(at(siteWhere(site), `'for' ${what} must be a number`), siteWhere(site));
    return n;
  }

  return {
    LuaTable, NONE, one, arr, index, indexS, setindex, setindexS, call, call1, gcall, arith, add, sub, mul, div, mod, pow, unm, concat,
    eq, lt, le, gt, ge, len, tarr, tnew, iter, forNum, dual, metaOf, mm, rawsetChecked, selectVa,
    boundary, gcallB, MISS, rawIdx, rawIdxS, gindex, gsetindex, garith, gunm, gconcat, glen, geq, glt, gle,
  };

  /** select(n, ...) (first value only) for the compiler's fast path; errors as the library's select. */
  function selectVa(n: unknown, va: unknown[]): unknown {
    if (n === '#') return va.length;
    if (typeof n === 'number' && n >= 1 && (n | 0) === n) return va[n - 1];
    return first((R.selectFn as LuaFunction)(n, ...va));
  }

  function iter(f: unknown, s: unknown, c: unknown, site: string): ForIter {
    if (f === nextFn && s instanceof LuaTable && c === undefined) return new NextIter(s);
    if (f === inextFn && s instanceof LuaTable && c === 0) return new IpairsIter(s);
    return new GenericIter(f, s, c, site, call);
  }
}

export function powNum(x: number, y: number): number {
  if (y !== y) return x === 1 ? 1 : NaN;
  if ((x === 1 || x === -1) && !Number.isFinite(y)) return 1;
  return Math.pow(x, y);
}

// ---- iterators for generic for ----

/** The `next` and ipairs-iterator functions of the base library (recognised by `iter`). */
export const nextFn: LuaFunction = (t?: unknown, k?: unknown) => {
  if (!(t instanceof LuaTable)) throw new LuaError(`bad argument #1 to 'next' (table expected, got ${t === undefined ? 'no value' : typeName(t)})`);
  const r = t.next(k);
  return r === undefined ? [undefined] : r;
};

export const inextFn: LuaFunction = (t?: unknown, i?: unknown) => {
  const n = (i as number) + 1;
  const v = t instanceof LuaTable ? t.getInt(n) : undefined;
  return v === undefined ? NONE : [n, v];
};

export interface ForIter {
  a: unknown;
  b: unknown;
  r: unknown[];
  step(): boolean;
}

class IpairsIter implements ForIter {
  a: unknown = undefined;
  b: unknown = undefined;
  r: unknown[] = NONE;
  i = 0;
  constructor(readonly t: LuaTable) {}
  step(): boolean {
    const v = this.t.getInt(++this.i);
    if (v === undefined) return false;
    this.a = this.i;
    this.b = v;
    return true;
  }
}

class NextIter implements ForIter {
  a: unknown = undefined;
  b: unknown = undefined;
  r: unknown[] = NONE;
  i = 0;
  it: Iterator<[unknown, unknown]> | undefined = undefined;
  constructor(readonly t: LuaTable) {}
  step(): boolean {
    const arr = this.t.arr;
    if (this.it === undefined) {
      while (this.i < arr.length) {
        const v = arr[this.i++];
        if (v !== undefined) {
          this.a = this.i;
          this.b = v;
          return true;
        }
      }
      const h = this.t.hash;
      if (h === undefined) return false;
      this.it = h.entries();
    }
    for (;;) {
      const r = this.it.next();
      if (r.done === true) return false;
      const e = r.value;
      if (e[1] !== undefined) {
        this.a = e[0];
        this.b = e[1];
        return true;
      }
    }
  }
}

class GenericIter implements ForIter {
  a: unknown = undefined;
  b: unknown = undefined;
  r: unknown[] = NONE;
  constructor(
    readonly f: unknown,
    readonly s: unknown,
    public c: unknown,
    readonly site: string,
    readonly call: (f: unknown, site: string, args: unknown[]) => unknown,
  ) {}
  step(): boolean {
    const f = this.f;
    const r = results(typeof f === 'function' ? (f as LuaFunction)(this.s, this.c) : this.call(f, this.site, [this.s, this.c]));
    const k = r[0];
    if (k === undefined) return false;
    this.c = k;
    this.a = k;
    this.b = r[1];
    this.r = r;
    return true;
  }
}

export { LuaAbort };

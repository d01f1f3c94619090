// Coroutines on generators. Chunks that mention `coroutine` are compiled in "dual" mode: every function also
// gets a generator twin (f.$g) whose calls are `yield*`-able, so coroutine.yield can suspend the whole Lua stack
// of a coroutine. Yielding across natives (pcall, sort comparators, metamethods) fails with Lua 5.1's own error:
// "attempt to yield across metamethod/C-call boundary". A budget pause (R.SLICE) inside a coroutine body is not
// a coroutine yield: resume/wrap called from generator code pass it up to the resumable runner.
import type { LuaEngine } from '../engine.js';
import { Coroutine, type LuaFunction, LuaAbort, LuaError, LuaTable, NONE, results, typeName, withGen } from '../value.js';
import { argError, typeErrorArg } from './args.js';

type Gen = Generator<unknown[], unknown, unknown[]>;

export function installCoroutine(engine: LuaEngine): void {
  const R = engine.runtime;
  const C = new LuaTable();
  let current: Coroutine | undefined;

  const yieldFn: LuaFunction = function (): never {
    // reached only through a plain call: from a library function (R.at is '') or outside any coroutine
    if (current === undefined && R.at !== '') throw new LuaError('attempt to yield from outside a coroutine', R.at);
    throw new LuaError('attempt to yield across metamethod/C-call boundary', R.at);
  };
  R.coyield = yieldFn;

  /** resume as a generator: budget pauses inside the coroutine body pass up (when `pass`) or are run through. */
  function* resumeG(co: Coroutine, args: unknown[], pass: boolean): Generator<unknown[], { ok: boolean; values: unknown[] }, unknown[]> {
    if (co.status === 'dead') return { ok: false, values: ['cannot resume dead coroutine'] };
    if (co.status !== 'suspended') return { ok: false, values: ['cannot resume non-suspended coroutine'] };
    const prev = current;
    if (prev !== undefined) prev.status = 'normal';
    current = co;
    co.status = 'running';
    R.coDepth++;
    try {
      let step: IteratorResult<unknown[], unknown>;
      if (co.gen === undefined) {
        const g = (co.fn as unknown as { $g?: (...a: unknown[]) => Gen }).$g;
        if (g === undefined) {
          const r = engine.callValue(co.fn, args);
          co.status = 'dead';
          return { ok: true, values: r };
        }
        co.gen = g(...args);
      }
      step = co.gen.next(args);
      while (step.done !== true && step.value === R.SLICE) {
        if (pass) yield R.SLICE;
        step = co.gen.next(NONE);
      }
      co.status = step.done === true ? 'dead' : 'suspended';
      return { ok: true, values: results(step.value) };
    } catch (e) {
      co.status = 'dead';
      const n = engine.normalizeError(e);
      if (n instanceof LuaAbort || !(n instanceof LuaError)) throw n;
      return { ok: false, values: [n.value] };
    } finally {
      R.coDepth--;
      current = prev;
      if (prev !== undefined) prev.status = 'running';
    }
  }

  function resume(co: Coroutine, args: unknown[]): { ok: boolean; values: unknown[] } {
    const r = resumeG(co, args, false).next(NONE);
    return r.value as { ok: boolean; values: unknown[] };
  }

  C.set('create', function (...a: unknown[]) {
    const f = a[0];
    if (typeof f !== 'function') argError(R, 1, 'create', 'Lua function expected');
    return [new Coroutine(f as LuaFunction)];
  });
  C.set(
    'resume',
    withGen(
      function (...a: unknown[]) {
        const co = a[0];
        if (!(co instanceof Coroutine)) argError(R, 1, 'resume', 'coroutine expected');
        const r = resume(co, a.slice(1));
        return [r.ok, ...r.values];
      },
      function* (...a: unknown[]) {
        const co = a[0];
        if (!(co instanceof Coroutine)) argError(R, 1, 'resume', 'coroutine expected');
        const r = yield* resumeG(co, a.slice(1), true);
        return [r.ok, ...r.values];
      },
    ),
  );
  C.set('yield', yieldFn);
  C.set('status', function (...a: unknown[]) {
    const co = a[0];
    if (!(co instanceof Coroutine)) argError(R, 1, 'status', 'coroutine expected');
    return [co.status];
  });
  C.set('running', () => [current]);
  C.set('wrap', function (...a: unknown[]) {
    const f = a[0];
    if (typeof f !== 'function') argError(R, 1, 'wrap', 'Lua function expected');
    const co = new Coroutine(f as LuaFunction);
    const fail = (err: unknown): never => {
      if (typeof err === 'string') R.error(err);
      throw new LuaError(err);
    };
    const w: LuaFunction = withGen(
      (...args: unknown[]) => {
        const at = R.at;
        const r = resume(co, args);
        R.at = at;
        return r.ok ? r.values : fail(r.values[0]);
      },
      function* (...args: unknown[]) {
        const at = R.at;
        const r = yield* resumeG(co, args, true);
        R.at = at;
        return r.ok ? r.values : fail(r.values[0]);
      },
    );
    return [w];
  });
  engine.globals.set('coroutine', C);
  void typeErrorArg;
  void typeName;
}

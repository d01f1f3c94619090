// Compiles a parsed Lua chunk to JavaScript source. Each Lua function becomes a JS function taking its
// parameters positionally (varargs as a rest array) and returning an array of results. Fast paths (number
// arithmetic, table reads without metatables, direct calls) are inlined; everything else goes to the runtime
// helpers (runtime.ts), which receive a constant "site" string: `<where>\0<operand a>\0<operand b>` used only
// to word errors as Lua does ("user_script:3: attempt to index local 't' (a nil value)").
// In coroutine ("dual") mode each function is also emitted as a generator so coroutine.yield can suspend it.
import type { Expr, FuncInfo, LocalVar, Stmt } from './ast.js';

export interface CompileOptions {
  /** "user_script" etc.: the prefix of error positions. */
  where: string;
  /** Emit generator twins of every function (needed for coroutines). */
  dual: boolean;
  /**
   * Resumable runs (implies dual): the generator forms also run metamethods through generator helpers, so a
   * budget pause can happen inside a metamethod; plain dual code calls them directly (a C boundary, as in Lua).
   */
  resumable?: boolean;
}

function jsStr(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function numLit(v: number): string {
  if (v !== v) return '(0/0)';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  if (v === 0 && 1 / v < 0) return '(-0)';
  return v < 0 ? `(${String(v)})` : String(v);
}

const ARITH: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod', '^': 'pow' };

function isSimple(e: Expr): boolean {
  return e.k === 'local' || e.k === 'num' || e.k === 'str' || e.k === 'nil' || e.k === 'true' || e.k === 'false';
}

function isMulti(e: Expr): boolean {
  return e.k === 'call' || e.k === 'method' || e.k === 'vararg';
}

/** Might evaluating e run Lua code (a call or a metamethod)? Then R.at must be re-set after it. */
function mayCall(e: Expr): boolean {
  switch (e.k) {
    case 'nil': case 'true': case 'false': case 'vararg': case 'num': case 'str': case 'func': case 'local':
      return false;
    case 'paren':
      return mayCall(e.e);
    case 'un':
      return e.op === 'not' ? mayCall(e.a) : true;
    case 'bin':
      if (e.op === 'and' || e.op === 'or') return mayCall(e.a) || mayCall(e.b);
      return true;
    case 'table':
      return e.items.some((it) => (it.t === 'key' && mayCall(it.key)) || mayCall(it.v));
    default:
      return true;
  }
}

class FnCompiler {
  temps = 0;
  readonly own = new Set<number>();
  constructor(
    readonly c: ChunkCompiler,
    readonly gen: boolean,
  ) {}

  /** Lua keeps one constant per numeric value and function, and 0 == -0: the first zero seen wins. */
  private zero: string | undefined = undefined;
  num(v: number): string {
    if (v === 0) return (this.zero ??= numLit(v));
    return numLit(v);
  }

  /** Generator code of a resumable chunk: metamethod paths go through the generator helpers. */
  get r(): boolean {
    return this.gen && this.c.opts.resumable === true;
  }

  /** t[k] read; in resumable code a raw hit stays inline and only the __index chain runs as a generator. */
  idx(o: string, k: string, str: boolean, site: string): string {
    if (!this.r) return `${str ? 'indexS' : 'index'}(${o}, ${k}, ${site})`;
    const ot = o === 'G' ? 'G' : this.tmp();
    const v = this.tmp();
    const pre = ot === o ? '' : `(${ot} = ${o}), `;
    let kt = k;
    let kpre = '';
    if (!str) {
      kt = this.tmp();
      kpre = `(${kt} = ${k}), `;
    }
    return `(${pre}${kpre}(${v} = ${str ? 'rawIdxS' : 'rawIdx'}(${ot}, ${kt})) !== MISS ? ${v} : (yield* gindex(${ot}, ${kt}, ${site})))`;
  }

  /** t[k] = v as a statement (without the trailing semicolon). */
  setIdx(o: string, k: string, v: string, str: boolean, site: string): string {
    const fn = str ? 'setindexS' : 'setindex';
    if (!this.r) return `${fn}(${o}, ${k}, ${v}, ${site})`;
    const ot = this.tmp();
    const kt = this.tmp();
    const vt = this.tmp();
    return `(${ot} = ${o}), (${kt} = ${k}), (${vt} = ${v}), (${ot} instanceof LuaTable && ${ot}.mt === undefined ? ${fn}(${ot}, ${kt}, ${vt}, ${site}) : (yield* gsetindex(${ot}, ${kt}, ${vt}, ${site})))`;
  }

  tmp(): string {
    return `$${this.temps++}`;
  }

  v(lv: LocalVar): string {
    return `${lv.name}$${lv.id}`;
  }

  site(line: number, a?: Expr, b?: Expr): string {
    let s = `${this.c.opts.where}:${line}:`;
    const da = a !== undefined ? this.describe(a) : '';
    const db = b !== undefined ? this.describe(b) : '';
    if (da !== '' || db !== '') s += '\0' + da + '\0' + db;
    return jsStr(s);
  }

  describe(e: Expr): string {
    switch (e.k) {
      case 'local':
        return `${this.own.has(e.v.id) ? 'local' : 'upvalue'} '${e.v.name}'`;
      case 'global':
        return `global '${e.name}'`;
      case 'index':
        return e.key.k === 'str' ? `field '${e.key.v}'` : '';
      case 'method':
        return `method '${e.name}'`;
      default:
        return '';
    }
  }

  // ---- expressions ----

  /** A JS expression for the single Lua value of e. */
  expr(e: Expr): string {
    switch (e.k) {
      case 'nil':
        return 'undefined';
      case 'true':
        return 'true';
      case 'false':
        return 'false';
      case 'num':
        return this.num(e.v);
      case 'str':
        return jsStr(e.v);
      case 'vararg':
        return '$va[0]';
      case 'local':
        return this.v(e.v);
      case 'global':
        return this.idx('G', jsStr(e.name), true, this.site(e.line, e));
      case 'paren':
        return this.expr(e.e);
      case 'func':
        return this.c.func(e.f, this);
      case 'index': {
        const o = this.expr(e.obj);
        if (e.key.k === 'str') return this.idx(o, jsStr(e.key.v), true, this.site(e.line, e.obj));
        return this.idx(o, this.expr(e.key), false, this.site(e.line, e.obj));
      }
      case 'call':
      case 'method': {
        const sel = this.selectVa(e);
        if (sel !== undefined) return sel;
        return `one(${this.call(e)})`;
      }
      case 'table':
        return this.table(e);
      case 'un': {
        if (e.op === 'not') return `!${this.test(e.a)}`;
        const a = this.expr(e.a);
        if (this.r) {
          const t = this.tmp();
          const site = this.site(e.line, e.a);
          if (e.op === 'neg') return `((${t} = ${a}), typeof ${t} === 'number' ? -${t} : (yield* gunm(${t}, ${site})))`;
          return `((${t} = ${a}), typeof ${t} === 'string' ? ${t}.length : ${t} instanceof LuaTable ? ${t}.length() : (yield* glen(${t}, ${site})))`;
        }
        if (e.op === 'neg') {
          if (isSimple(e.a)) return `(typeof ${a} === 'number' ? -${a} : unm(${a}, ${this.site(e.line, e.a)}))`;
          return `unm(${a}, ${this.site(e.line, e.a)})`;
        }
        return `len(${a}, ${this.site(e.line, e.a)})`;
      }
      case 'bin':
        return this.bin(e);
    }
  }

  bin(e: Extract<Expr, { k: 'bin' }>): string {
    const op = e.op;
    if (op === 'and' || op === 'or') {
      const t = this.tmp();
      const a = this.expr(e.a);
      const b = this.expr(e.b);
      return op === 'and'
        ? `((${t} = ${a}) === undefined || ${t} === false ? ${t} : ${b})`
        : `((${t} = ${a}) === undefined || ${t} === false ? ${b} : ${t})`;
    }
    if (op === '==' || op === '~=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
      return `(${this.compare(e)})`;
    }
    const a = this.expr(e.a);
    const b = this.expr(e.b);
    const site = this.site(e.line, e.a, e.b);
    if (this.r) {
      const ta = this.tmp();
      const tb = this.tmp();
      const pre = `(${ta} = ${a}), (${tb} = ${b}), `;
      if (op === '..') {
        const sn = (x: string): string => `(typeof ${x} === 'string' || typeof ${x} === 'number')`;
        return `(${pre}${sn(ta)} && ${sn(tb)} ? concat(${ta}, ${tb}, ${site}) : (yield* gconcat(${ta}, ${tb}, ${site})))`;
      }
      const fn = ARITH[op] as string;
      return `(${pre}typeof ${ta} === 'number' && typeof ${tb} === 'number' ? ${fn}(${ta}, ${tb}, ${site}) : (yield* garith(${jsStr(op)}, ${ta}, ${tb}, ${site})))`;
    }
    if (op === '..') {
      if ((e.a.k === 'str' || e.a.k === 'local') && (e.b.k === 'str' || e.b.k === 'local')) {
        const ca = e.a.k === 'str' ? '' : `typeof ${a} === 'string'`;
        const cb = e.b.k === 'str' ? '' : `typeof ${b} === 'string'`;
        const cond = [ca, cb].filter((x) => x !== '').join(' && ');
        if (cond === '') return `(${a} + ${b})`;
        return `(${cond} ? ${a} + ${b} : concat(${a}, ${b}, ${site}))`;
      }
      return `concat(${a}, ${b}, ${site})`;
    }
    const fn = ARITH[op] as string;
    if (isSimple(e.a) && isSimple(e.b) && op !== '%' && op !== '^') {
      const ca = e.a.k === 'num' ? '' : `typeof ${a} === 'number'`;
      const cb = e.b.k === 'num' ? '' : `typeof ${b} === 'number'`;
      const cond = [ca, cb].filter((x) => x !== '').join(' && ');
      if (cond === '') return `(${a} ${op} ${b})`;
      return `(${cond} ? ${a} ${op} ${b} : arith(${jsStr(op)}, ${a}, ${b}, ${site}))`;
    }
    return `${fn}(${a}, ${b}, ${site})`;
  }

  /** A JS boolean expression for a comparison. */
  compare(e: Extract<Expr, { k: 'bin' }>): string {
    const op = e.op;
    const a = this.expr(e.a);
    const b = this.expr(e.b);
    if (op === '==' || op === '~=') {
      const lit = (x: Expr): boolean =>
        x.k === 'num' || x.k === 'str' || x.k === 'nil' || x.k === 'true' || x.k === 'false' || x.k === 'func';
      if (lit(e.a) || lit(e.b)) return op === '==' ? `${a} === ${b}` : `${a} !== ${b}`;
      if (this.r) {
        const ta = this.tmp();
        const tb = this.tmp();
        const q = `((${ta} = ${a}), (${tb} = ${b}), ${ta} === ${tb} || (${ta} instanceof LuaTable && ${tb} instanceof LuaTable && (yield* geq(${ta}, ${tb}))))`;
        return op === '==' ? q : `!${q}`;
      }
      return op === '==' ? `eq(${a}, ${b})` : `!eq(${a}, ${b})`;
    }
    const site = this.site(e.line);
    const fn = op === '<' ? 'lt' : op === '<=' ? 'le' : op === '>' ? 'gt' : 'ge';
    if (this.r) {
      const ta = this.tmp();
      const tb = this.tmp();
      const [x, y] = op === '<' || op === '<=' ? [ta, tb] : [tb, ta];
      const g = op === '<' || op === '>' ? 'glt' : 'gle';
      return `((${ta} = ${a}), (${tb} = ${b}), typeof ${ta} === 'number' && typeof ${tb} === 'number' ? ${ta} ${op} ${tb} : ${ta} instanceof LuaTable ? (yield* ${g}(${x}, ${y}, ${site})) : ${fn}(${ta}, ${tb}, ${site}))`;
    }
    if (isSimple(e.a) && isSimple(e.b)) {
      const ca = e.a.k === 'num' ? '' : `typeof ${a} === 'number'`;
      const cb = e.b.k === 'num' ? '' : `typeof ${b} === 'number'`;
      const cond = [ca, cb].filter((x) => x !== '').join(' && ');
      if (cond === '') return `${a} ${op} ${b}`;
      return `(${cond} ? ${a} ${op} ${b} : ${fn}(${a}, ${b}, ${site}))`;
    }
    return `${fn}(${a}, ${b}, ${site})`;
  }

  /** A JS boolean for Lua truthiness of e. */
  test(e: Expr): string {
    switch (e.k) {
      case 'nil':
      case 'false':
        return 'false';
      case 'true':
      case 'num':
      case 'str':
      case 'func':
      case 'table':
        if (e.k === 'table' || e.k === 'func') break;
        return 'true';
      case 'un':
        if (e.op === 'not') return `!${this.test(e.a)}`;
        break;
      case 'bin':
        if (e.op === 'and') return `(${this.test(e.a)} && ${this.test(e.b)})`;
        if (e.op === 'or') return `(${this.test(e.a)} || ${this.test(e.b)})`;
        if (e.op === '==' || e.op === '~=' || e.op === '<' || e.op === '<=' || e.op === '>' || e.op === '>=')
          return `(${this.compare(e)})`;
        break;
      case 'local': {
        const n = this.v(e.v);
        return `(${n} !== undefined && ${n} !== false)`;
      }
      default:
        break;
    }
    const t = this.tmp();
    return `((${t} = ${this.expr(e)}) !== undefined && ${t} !== false)`;
  }

  /** A JS expression for all values of e, as an array. */
  multi(e: Expr): string {
    if (e.k === 'call' || e.k === 'method') return `arr(${this.call(e)})`;
    if (e.k === 'vararg') return '$va';
    return `[${this.expr(e)}]`;
  }

  /** JS argument list text for Lua arguments (the last one expanded). */
  argList(args: Expr[]): string {
    const parts: string[] = [];
    args.forEach((a, i) => {
      if (i === args.length - 1 && isMulti(a)) parts.push(`...${this.multi(a)}`);
      else parts.push(this.expr(a));
    });
    return parts.join(', ');
  }

  /** A JS expression calling f; evaluates to the result array. */
  /**
   * select('#', ...) and select(n, ...) in a single-value context read the vararg array directly (no
   * argument spreading or slicing), as long as the global `select` is still the library's.
   */
  selectVa(e: Extract<Expr, { k: 'call' | 'method' }>): string | undefined {
    if (this.gen || e.k !== 'call' || e.fn.k !== 'global' || e.fn.name !== 'select') return undefined;
    if (e.args.length !== 2 || (e.args[1] as Expr).k !== 'vararg') return undefined;
    const t = this.tmp();
    const n = this.expr(e.args[0] as Expr);
    return `((${t} = indexS(G, "select", ${this.site(e.line, e.fn)})) === R.selectFn ? selectVa(${n}, $va) : one(${this.call(e)}))`;
  }

  call(e: Extract<Expr, { k: 'call' | 'method' }>): string {
    const pre: string[] = [];
    let fn: string;
    let site: string;
    let args: Expr[];
    let selfArg: string | undefined;
    if (e.k === 'method') {
      const o = this.tmp();
      pre.push(`${o} = ${this.expr(e.obj)}`);
      fn = this.tmp();
      pre.push(`${fn} = ${this.idx(o, jsStr(e.name), true, this.site(e.line, e.obj))}`);
      site = this.site(e.line, e);
      selfArg = o;
      args = e.args;
    } else {
      site = this.site(e.line, e.fn);
      if (e.fn.k === 'local') fn = this.v(e.fn.v);
      else {
        fn = this.tmp();
        pre.push(`${fn} = ${this.expr(e.fn)}`);
      }
      args = e.args;
    }
    const where = jsStr(`${this.c.opts.where}:${e.line}:`);
    let argText: string;
    if (args.some(mayCall)) {
      // evaluate the arguments before setting the position of this call
      const parts: string[] = selfArg !== undefined ? [selfArg] : [];
      args.forEach((a, i) => {
        const t = this.tmp();
        if (i === args.length - 1 && isMulti(a)) {
          pre.push(`${t} = ${this.multi(a)}`);
          parts.push(`...${t}`);
        } else {
          pre.push(`${t} = ${this.expr(a)}`);
          parts.push(t);
        }
      });
      argText = parts.join(', ');
    } else {
      const al = this.argList(args);
      argText = selfArg !== undefined ? (al === '' ? selfArg : `${selfArg}, ${al}`) : al;
    }
    pre.push(`R.at = ${where}`);
    if (this.gen) {
      // Lua-to-Lua calls go straight to the callee's generator form (one generator frame per Lua call)
      return `(${pre.join(', ')}, (typeof ${fn} === 'function' && ${fn}.$g !== undefined ? (yield* ${fn}.$g(${argText})) : (yield* gcall(${fn}, ${site}, [${argText}]))))`;
    }
    return `(${pre.join(', ')}, typeof ${fn} === 'function' ? ${fn}(${argText}) : call(${fn}, ${site}, [${argText}]))`;
  }

  table(e: Extract<Expr, { k: 'table' }>): string {
    const pos: string[] = [];
    const keyed: string[] = [];
    const mixed = e.items.some((it) => it.t === 'pos') && e.items.some((it) => it.t === 'key');
    const pre: string[] = [];
    // with positional and keyed items mixed, evaluate everything in source order first (Lua's order)
    const val = (x: Expr): string => {
      const js = this.expr(x);
      if (!mixed || !mayCall(x)) return js;
      const t = this.tmp();
      pre.push(`${t} = ${js}`);
      return t;
    };
    e.items.forEach((it, i) => {
      if (it.t === 'pos') {
        if (i === e.items.length - 1 && isMulti(it.v)) pos.push(`...${this.multi(it.v)}`);
        else pos.push(val(it.v));
      } else keyed.push(val(it.key), val(it.v));
    });
    if (pre.length > 0) return `(${pre.join(', ')}, tnew([${pos.join(', ')}], [${keyed.join(', ')}], ${this.site(e.line)}))`;
    if (keyed.length === 0) {
      if (pos.length === 0) return 'new LuaTable()';
      return `tarr([${pos.join(', ')}])`;
    }
    return `tnew([${pos.join(', ')}], [${keyed.join(', ')}], ${this.site(e.line)})`;
  }

  // ---- statements ----

  block(body: Stmt[], out: string[]): void {
    for (const s of body) this.stmt(s, out);
  }

  /** The budget check; `line` positions an abort ("... on @user_script:<line>."). */
  budget(line: number): string {
    const at = jsStr(`${this.c.opts.where}:${line}:`);
    if (this.gen) return `if (--R.budget < 0 && R.budgetTripGen(${at})) yield R.SLICE;`;
    return `if (--R.budget < 0) R.budgetTrip(${at});`;
  }

  stmt(s: Stmt, out: string[]): void {
    switch (s.k) {
      case 'local': {
        for (const v of s.vars) this.own.add(v.id);
        const names = s.vars.map((v) => this.v(v));
        if (s.exprs.length === 0) {
          out.push(`let ${names.join(', ')};`);
          return;
        }
        if (s.exprs.length === 1 && s.vars.length === 1) {
          out.push(`let ${names[0]} = ${this.expr(s.exprs[0] as Expr)};`);
          return;
        }
        const vals = this.adjust(s.exprs, names.length, out);
        out.push(`let ${names.map((n, i) => `${n} = ${vals[i]}`).join(', ')};`);
        return;
      }
      case 'localfunc': {
        this.own.add(s.v.id);
        const n = this.v(s.v);
        out.push(`let ${n};`);
        out.push(`${n} = ${this.c.func(s.f, this)};`);
        return;
      }
      case 'assign':
        this.assign(s, out);
        return;
      case 'call':
        out.push(`${this.call(s.e as Extract<Expr, { k: 'call' | 'method' }>)};`);
        return;
      case 'do':
        out.push('{');
        this.block(s.body, out);
        out.push('}');
        return;
      case 'while':
        out.push(`while (${this.test(s.cond)}) {`);
        out.push(this.budget(s.line));
        this.block(s.body, out);
        out.push('}');
        return;
      case 'repeat':
        out.push('do {');
        out.push(this.budget(s.line));
        this.block(s.body, out);
        out.push(`if (${this.test(s.cond)}) break;`);
        out.push('} while (true);');
        return;
      case 'if':
        s.clauses.forEach((c, i) => {
          out.push(`${i === 0 ? 'if' : '} else if'} (${this.test(c.cond)}) {`);
          this.block(c.body, out);
        });
        if (s.orelse !== undefined) {
          out.push('} else {');
          this.block(s.orelse, out);
        }
        out.push('}');
        return;
      case 'numfor': {
        this.own.add(s.v.id);
        const i = this.tmp();
        const lim = this.tmp();
        const site = this.site(s.line);
        out.push('{');
        out.push(`let ${i} = forNum(${this.expr(s.start)}, 'initial value', ${site});`);
        out.push(`const ${lim} = forNum(${this.expr(s.limit)}, 'limit', ${site});`);
        let cond: string;
        let incr: string;
        if (s.step === undefined) {
          cond = `${i} <= ${lim}`;
          incr = `${i}++`;
        } else if (s.step.k === 'num') {
          const st = s.step.v;
          cond = st > 0 ? `${i} <= ${lim}` : `${lim} <= ${i}`;
          incr = `${i} += ${numLit(st)}`;
        } else {
          const st = this.tmp();
          out.push(`const ${st} = forNum(${this.expr(s.step)}, 'step', ${site});`);
          cond = `(0 < ${st} ? ${i} <= ${lim} : ${lim} <= ${i})`;
          incr = `${i} += ${st}`;
        }
        out.push(`for (; ${cond}; ${incr}) {`);
        out.push(`let ${this.v(s.v)} = ${i};`);
        out.push(this.budget(s.line));
        this.block(s.body, out);
        out.push('}');
        out.push('}');
        return;
      }
      case 'genfor': {
        for (const v of s.vars) this.own.add(v.id);
        const vals = this.adjust(s.exprs, 3, out);
        const site = this.site(s.line);
        const names = s.vars.map((v) => this.v(v));
        out.push('{');
        if (this.gen) {
          const f = this.tmp();
          const st = this.tmp();
          const c = this.tmp();
          const r = this.tmp();
          out.push(`let ${f} = ${vals[0]}, ${st} = ${vals[1]}, ${c} = ${vals[2]};`);
          out.push('for (;;) {');
          out.push(`const ${r} = arr(yield* gcall(${f}, ${site}, [${st}, ${c}]));`);
          out.push(`if (${r}[0] === undefined) break;`);
          out.push(`${c} = ${r}[0];`);
          out.push(`let ${names.map((n, k) => `${n} = ${r}[${k}]`).join(', ')};`);
        } else {
          const it = this.tmp();
          out.push(`const ${it} = iter(${vals[0]}, ${vals[1]}, ${vals[2]}, ${site});`);
          out.push(`while (${it}.step()) {`);
          const decl = names.map((n, k) => `${n} = ${k === 0 ? `${it}.a` : k === 1 ? `${it}.b` : `${it}.r[${k}]`}`);
          out.push(`let ${decl.join(', ')};`);
        }
        out.push(this.budget(s.line));
        this.block(s.body, out);
        out.push('}');
        out.push('}');
        return;
      }
      case 'return': {
        if (s.exprs.length === 0) out.push('return NONE;');
        else if (s.exprs.length === 1) {
          const e = s.exprs[0] as Expr;
          out.push(`return ${e.k === 'call' || e.k === 'method' ? this.call(e) : e.k === 'vararg' ? '$va' : this.expr(e)};`);
        } else out.push(`return [${this.argList(s.exprs)}];`);
        return;
      }
      case 'break':
        out.push('break;');
        return;
    }
  }

  /** Evaluate an expression list into exactly n values (temps, or literal undefined). */
  adjust(exprs: Expr[], n: number, out: string[]): string[] {
    const vals: string[] = [];
    exprs.forEach((e, i) => {
      const last = i === exprs.length - 1;
      if (last && isMulti(e) && vals.length < n) {
        const t = this.tmp();
        out.push(`${t} = ${this.multi(e)};`);
        for (let k = 0; vals.length < n; k++) vals.push(`${t}[${k}]`);
      } else {
        const t = this.tmp();
        out.push(`${t} = ${this.expr(e)};`);
        vals.push(t);
      }
    });
    while (vals.length < n) vals.push('undefined');
    return vals.slice(0, n);
  }

  assign(s: Extract<Stmt, { k: 'assign' }>, out: string[]): void {
    if (s.targets.length === 1 && s.exprs.length === 1) {
      const t = s.targets[0] as Expr;
      const e = s.exprs[0] as Expr;
      if (t.k === 'local') {
        out.push(`${this.v(t.v)} = ${this.expr(e)};`);
        return;
      }
      if (t.k === 'global') {
        out.push(`${this.setIdx('G', jsStr(t.name), this.expr(e), true, this.site(t.line))};`);
        return;
      }
      if (t.k === 'index') {
        const o = this.expr(t.obj);
        const k = this.expr(t.key);
        out.push(`${this.setIdx(o, k, this.expr(e), t.key.k === 'str', this.site(t.line, t.obj))};`);
        return;
      }
    }
    // general case: evaluate table and key expressions, then values, then assign right to left
    const refs: { t: Expr; o?: string; k?: string }[] = [];
    for (const t of s.targets) {
      if (t.k === 'index') {
        const o = this.tmp();
        const k = this.tmp();
        out.push(`${o} = ${this.expr(t.obj)};`);
        out.push(`${k} = ${this.expr(t.key)};`);
        refs.push({ t, o, k });
      } else refs.push({ t });
    }
    const vals = this.adjust(s.exprs, s.targets.length, out);
    for (let i = refs.length - 1; i >= 0; i--) {
      const r = refs[i] as { t: Expr; o?: string; k?: string };
      const val = vals[i] as string;
      const t = r.t;
      if (t.k === 'local') out.push(`${this.v(t.v)} = ${val};`);
      else if (t.k === 'global') out.push(`${this.setIdx('G', jsStr(t.name), val, false, this.site(t.line))};`);
      else if (t.k === 'index') out.push(`${this.setIdx(r.o as string, r.k as string, val, false, this.site(t.line, t.obj))};`);
    }
  }

  /** The JS text of a function (plain or generator) for f. */
  funcText(f: FuncInfo): string {
    for (const p of f.params) this.own.add(p.id);
    const body: string[] = [];
    this.block(f.body, body);
    const params = f.params.map((p) => this.v(p));
    if (f.isVararg) params.push('...$va');
    const temps = [];
    for (let i = 0; i < this.temps; i++) temps.push(`$${i}`);
    const head = `${this.gen ? 'function*' : 'function'} (${params.join(', ')}) {\n`;
    const decl = temps.length > 0 ? `let ${temps.join(', ')};\n` : '';
    return `${head}${decl}${this.budget(Math.max(f.line, 1))}\n${body.join('\n')}\nreturn NONE;\n}`;
  }
}

class ChunkCompiler {
  constructor(readonly opts: CompileOptions) {}

  /**
   * A function literal. In dual mode only the generator body is emitted (once: emitting a plain twin per
   * nesting level would grow the code exponentially); its plain form is a wrapper that drives the generator.
   */
  func(f: FuncInfo, _parent: FnCompiler | undefined): string {
    if (!this.opts.dual) return `(${new FnCompiler(this, false).funcText(f)})`;
    return `dual(${new FnCompiler(this, true).funcText(f)})`;
  }
}

/** JS source of a factory `(R, H, G) => mainFunction` for the chunk. */
export function compileChunk(main: FuncInfo, opts: CompileOptions): string {
  const cc = new ChunkCompiler(opts);
  const fn = cc.func(main, undefined);
  return (
    "'use strict';\n" +
    'const {LuaTable, NONE, one, arr, index, indexS, setindex, setindexS, call, gcall, arith, add, sub, mul, div, mod, pow, unm, concat, ' +
    'eq, lt, le, gt, ge, len, tarr, tnew, iter, forNum, dual, selectVa, ' +
    'MISS, rawIdx, rawIdxS, gindex, gsetindex, garith, gunm, gconcat, glen, geq, glt, gle} = H;\n' +
    `return ${fn};`
  );
}

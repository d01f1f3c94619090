// Lexer and parser for Lua 5.1 source, producing the tree in ast.ts. Syntax errors are returned as values worded
// exactly as Lua 5.1 words them: `<chunkid>:<line>: <message> near '<token>'`, where chunkid follows luaO_chunkid
// ("@user_script" -> "user_script", other names -> [string "..."]). Nesting deeper than 200 levels is refused
// ("chunk has too many syntax levels") so hostile input cannot exhaust the JS stack.
import type { BinOp, Expr, FuncInfo, LocalVar, Stmt, TableItem } from './ast.js';

const KEYWORDS = new Set([
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'if', 'in', 'local', 'nil', 'not',
  'or', 'repeat', 'return', 'then', 'true', 'until', 'while',
]);
const MAX_LEVELS = 200;

/** luaO_chunkid: how a chunk name appears in messages. */
export function chunkId(name: string): string {
  if (name.startsWith('=') || name.startsWith('@')) return name.slice(1);
  let first = name;
  const nl = first.indexOf('\n');
  if (nl >= 0) first = first.slice(0, nl);
  const max = 60 - 15;
  if (nl >= 0 || first.length > max) {
    if (first.length > max) first = first.slice(0, max);
    return `[string "${first}..."]`;
  }
  return `[string "${first}"]`;
}

export class LuaSyntaxError extends Error {
  readonly code = 'LUA_SYNTAX';
}

const T_EOF = '<eof>';
const T_NAME = '<name>';
const T_STRING = '<string>';
const T_NUMBER = '<number>';

interface Token {
  t: string;
  v: string | number;
  raw: string;
  line: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isAlnum(c: number): boolean {
  return isAlpha(c) || isDigit(c);
}
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

class Lexer {
  pos = 0;
  line = 1;
  constructor(
    readonly src: string,
    readonly chunk: string,
  ) {}

  error(msg: string, near: string | undefined, line = this.line): never {
    throw new LuaSyntaxError(`${this.chunk}:${line}: ${msg}` + (near !== undefined ? ` near '${near}'` : ''));
  }

  private ch(off = 0): number {
    const p = this.pos + off;
    return p < this.src.length ? this.src.charCodeAt(p) : -1;
  }

  private newline(): void {
    const c = this.ch();
    this.pos++;
    const d = this.ch();
    if ((d === 10 || d === 13) && d !== c) this.pos++;
    this.line++;
  }

  next(): Token {
    const s = this.src;
    for (;;) {
      const c = this.ch();
      if (c === -1) return { t: T_EOF, v: '', raw: T_EOF, line: this.line };
      if (c === 10 || c === 13) {
        this.newline();
        continue;
      }
      if (isSpace(c)) {
        this.pos++;
        continue;
      }
      const start = this.pos;
      const line = this.line;
      if (c === 45 /* - */) {
        if (this.ch(1) !== 45) {
          this.pos++;
          return { t: '-', v: '-', raw: '-', line };
        }
        this.pos += 2;
        if (this.ch() === 91 /* [ */) {
          const sep = this.skipSep();
          if (sep >= 0) {
            this.readLong(sep, true);
            continue;
          }
        }
        while (this.ch() !== -1 && this.ch() !== 10 && this.ch() !== 13) this.pos++;
        continue;
      }
      if (c === 91 /* [ */) {
        const sep = this.skipSep();
        if (sep >= 0) {
          const v = this.readLong(sep, false);
          return { t: T_STRING, v, raw: s.slice(start, this.pos), line };
        }
        if (sep !== -1) this.error('invalid long string delimiter', s.slice(start, this.pos));
        return { t: '[', v: '[', raw: '[', line };
      }
      if (c === 61 /* = */ || c === 60 || c === 62 || c === 126) {
        this.pos++;
        if (this.ch() === 61) {
          this.pos++;
          const op = s.slice(start, this.pos);
          return { t: op, v: op, raw: op, line };
        }
        if (c === 126) return { t: '~', v: '~', raw: '~', line };
        const op = s[start] as string;
        return { t: op, v: op, raw: op, line };
      }
      if (c === 34 || c === 39) return this.readString(c);
      if (c === 46 /* . */) {
        if (this.ch(1) === 46) {
          if (this.ch(2) === 46) {
            this.pos += 3;
            return { t: '...', v: '...', raw: '...', line };
          }
          this.pos += 2;
          return { t: '..', v: '..', raw: '..', line };
        }
        if (!isDigit(this.ch(1))) {
          this.pos++;
          return { t: '.', v: '.', raw: '.', line };
        }
        return this.readNumber();
      }
      if (isDigit(c)) return this.readNumber();
      if (isAlpha(c)) {
        let p = this.pos + 1;
        while (p < s.length && isAlnum(s.charCodeAt(p))) p++;
        const w = s.slice(this.pos, p);
        this.pos = p;
        if (KEYWORDS.has(w)) return { t: w, v: w, raw: w, line };
        return { t: T_NAME, v: w, raw: w, line };
      }
      this.pos++;
      const ch = s[start] as string;
      return { t: ch, v: ch, raw: ch, line };
    }
  }

  /** At '[' (or ']'): counts '=' signs; returns the level if the bracket repeats, else -(count)-1. */
  private skipSep(): number {
    const open = this.ch();
    let count = 0;
    this.pos++;
    while (this.ch() === 61) {
      this.pos++;
      count++;
    }
    if (this.ch() === open) {
      this.pos++;
      return count;
    }
    return -count - 1;
  }

  private readLong(sep: number, comment: boolean): string {
    const startLine = this.line;
    const c0 = this.ch();
    if (c0 === 10 || c0 === 13) this.newline();
    let out = '';
    let segStart = this.pos;
    for (;;) {
      const c = this.ch();
      if (c === -1) {
        this.error(comment ? 'unfinished long comment' : 'unfinished long string', T_EOF);
      }
      if (c === 93 /* ] */) {
        const before = this.pos;
        if (this.skipSep() === sep) {
          out += this.src.slice(segStart, before);
          return out;
        }
        this.pos = before + 1;
      } else if (c === 91 /* [ */) {
        const before = this.pos;
        if (this.skipSep() === sep && sep === 0) {
          this.error('nesting of [[...]] is deprecated', '[');
        }
        this.pos = before + 1;
      } else if (c === 10 || c === 13) {
        out += this.src.slice(segStart, this.pos) + '\n';
        this.newline();
        segStart = this.pos;
      } else this.pos++;
    }
    void startLine;
  }

  private readString(q: number): Token {
    const s = this.src;
    const start = this.pos;
    const line = this.line;
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.ch();
      if (c === -1) this.error('unfinished string', T_EOF);
      if (c === 10 || c === 13) this.error('unfinished string', (s[start] as string) + out);
      if (c === q) {
        this.pos++;
        return { t: T_STRING, v: out, raw: s.slice(start, this.pos), line };
      }
      if (c !== 92) {
        out += s[this.pos];
        this.pos++;
        continue;
      }
      this.pos++;
      const e = this.ch();
      switch (e) {
        case 97: out += '\x07'; this.pos++; break;
        case 98: out += '\b'; this.pos++; break;
        case 102: out += '\f'; this.pos++; break;
        case 110: out += '\n'; this.pos++; break;
        case 114: out += '\r'; this.pos++; break;
        case 116: out += '\t'; this.pos++; break;
        case 118: out += '\v'; this.pos++; break;
        case 10:
        case 13:
          out += '\n';
          this.newline();
          break;
        case -1:
          break; // reported as unfinished string on the next turn
        default:
          if (isDigit(e)) {
            let n = 0;
            let i = 0;
            while (i < 3 && isDigit(this.ch())) {
              n = n * 10 + (this.ch() - 48);
              this.pos++;
              i++;
            }
            if (n > 255) this.error('escape sequence too large', (s[start] as string) + out);
            out += String.fromCharCode(n);
          } else {
            out += s[this.pos];
            this.pos++;
          }
      }
    }
  }

  private readNumber(): Token {
    const s = this.src;
    const start = this.pos;
    while (isDigit(this.ch()) || this.ch() === 46) this.pos++;
    if (this.ch() === 69 || this.ch() === 101) {
      this.pos++;
      if (this.ch() === 43 || this.ch() === 45) this.pos++;
    }
    while (isAlnum(this.ch())) this.pos++;
    const raw = s.slice(start, this.pos);
    const v = str2d(raw);
    if (v === undefined) this.error('malformed number', raw);
    return { t: T_NUMBER, v, raw, line: this.line };
  }
}

/** The lexer's numeral conversion (strtod, then strtoul base 16 for 0x). */
function str2d(raw: string): number | undefined {
  if (/^[0-9]*\.?[0-9]*(?:[eE][-+]?[0-9]+)?$/.test(raw) && /[0-9]/.test(raw)) return Number(raw);
  const m = /^0[xX]([0-9a-fA-F]+)$/.exec(raw);
  if (m !== null) return parseInt(m[1] as string, 16);
  const h = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([-+]?[0-9]+))?$/.exec(raw);
  if (h !== null && ((h[1] ?? '') !== '' || (h[2] ?? '') !== '')) {
    let v = 0;
    for (const c of h[1] ?? '') v = v * 16 + parseInt(c, 16);
    let sc = 1 / 16;
    for (const c of h[2] ?? '') {
      v += parseInt(c, 16) * sc;
      sc /= 16;
    }
    if (h[3] !== undefined) v *= Math.pow(2, Number(h[3]));
    return v;
  }
  return undefined;
}

// ---- parser ----

interface Block {
  vars: Map<string, LocalVar>;
}

interface FuncState {
  parent: FuncState | undefined;
  blocks: Block[];
  isVararg: boolean;
  loops: number;
  info: FuncInfo;
}

const BIN_PRI: Record<string, [number, number]> = {
  '+': [6, 6], '-': [6, 6], '*': [7, 7], '/': [7, 7], '%': [7, 7],
  '^': [10, 9], '..': [5, 4],
  '==': [3, 3], '~=': [3, 3], '<': [3, 3], '<=': [3, 3], '>': [3, 3], '>=': [3, 3],
  'and': [2, 2], 'or': [1, 1],
};
const UNARY_PRI = 8;

class Parser {
  lx: Lexer;
  tok: Token;
  ahead: Token | undefined = undefined;
  prevLine = 1;
  fs!: FuncState;
  level = 0;
  nextVarId = 0;

  constructor(src: string, chunk: string) {
    this.lx = new Lexer(src, chunk);
    this.tok = this.lx.next();
  }

  error(msg: string, tok: Token = this.tok): never {
    this.lx.error(msg, tok.raw, tok.line);
  }

  advance(): void {
    this.prevLine = this.tok.line;
    if (this.ahead !== undefined) {
      this.tok = this.ahead;
      this.ahead = undefined;
    } else this.tok = this.lx.next();
  }

  peek(): Token {
    this.ahead ??= this.lx.next();
    return this.ahead;
  }

  check(t: string): void {
    if (this.tok.t !== t) this.error(`'${t}' expected`);
  }

  expect(t: string): void {
    this.check(t);
    this.advance();
  }

  accept(t: string): boolean {
    if (this.tok.t === t) {
      this.advance();
      return true;
    }
    return false;
  }

  /** `what` expected (to close `who` at line N). */
  checkMatch(what: string, who: string, line: number): void {
    if (this.tok.t !== what) {
      if (line === this.tok.line) this.error(`'${what}' expected`);
      else this.error(`'${what}' expected (to close '${who}' at line ${line})`);
    }
    this.advance();
  }

  name(): string {
    if (this.tok.t !== T_NAME) this.error(`'<name>' expected`);
    const n = this.tok.v as string;
    this.advance();
    return n;
  }

  enter(): void {
    if (++this.level > MAX_LEVELS) this.lx.error('chunk has too many syntax levels', this.tok.raw, this.tok.line);
  }

  leave(): void {
    this.level--;
  }

  // ---- scopes ----

  declare(name: string): LocalVar {
    return { name, id: this.nextVarId++ };
  }

  activate(v: LocalVar): void {
    const b = this.fs.blocks[this.fs.blocks.length - 1] as Block;
    b.vars.set(v.name, v);
  }

  resolve(name: string): LocalVar | undefined {
    for (let fs: FuncState | undefined = this.fs; fs !== undefined; fs = fs.parent) {
      for (let i = fs.blocks.length - 1; i >= 0; i--) {
        const v = (fs.blocks[i] as Block).vars.get(name);
        if (v !== undefined) return v;
      }
    }
    return undefined;
  }

  openFunc(line: number, name: string): FuncState {
    const info: FuncInfo = { params: [], isVararg: false, body: [], line, name, usesVararg: false };
    const fs: FuncState = { parent: this.fs, blocks: [{ vars: new Map() }], isVararg: false, loops: 0, info };
    this.fs = fs;
    return fs;
  }

  closeFunc(fs: FuncState): void {
    this.fs = fs.parent as FuncState;
  }

  // ---- chunk and blocks ----

  chunk(): FuncInfo {
    const fs = this.openFunc(0, 'main chunk');
    fs.isVararg = true;
    fs.info.isVararg = true;
    fs.info.body = this.statList();
    if (this.tok.t !== T_EOF) this.error(`'<eof>' expected`);
    this.closeFunc(fs);
    return fs.info;
  }

  blockFollow(): boolean {
    const t = this.tok.t;
    return t === 'else' || t === 'elseif' || t === 'end' || t === 'until' || t === T_EOF;
  }

  statList(): Stmt[] {
    this.enter();
    const out: Stmt[] = [];
    while (!this.blockFollow()) {
      if (this.tok.t === 'return' || this.tok.t === 'break') {
        out.push(this.lastStat());
        this.accept(';');
        break;
      }
      const s = this.statement();
      if (s !== undefined) out.push(s);
      this.accept(';');
    }
    this.leave();
    return out;
  }

  block(): Stmt[] {
    this.fs.blocks.push({ vars: new Map() });
    const b = this.statList();
    this.fs.blocks.pop();
    return b;
  }

  lastStat(): Stmt {
    const line = this.tok.line;
    if (this.tok.t === 'break') {
      this.advance();
      if (this.fs.loops === 0) this.lx.error('no loop to break', this.tok.raw, line);
      return { k: 'break' };
    }
    this.advance();
    let exprs: Expr[] = [];
    if (!this.blockFollow() && this.tok.t !== ';') exprs = this.exprList();
    return { k: 'return', exprs, line };
  }

  statement(): Stmt | undefined {
    const line = this.tok.line;
    switch (this.tok.t) {
      case 'if':
        return this.ifStat(line);
      case 'while': {
        this.advance();
        const cond = this.expr();
        this.expect('do');
        this.fs.loops++;
        const body = this.block();
        this.fs.loops--;
        this.checkMatch('end', 'while', line);
        return { k: 'while', cond, body, line };
      }
      case 'do': {
        this.advance();
        const body = this.block();
        this.checkMatch('end', 'do', line);
        return { k: 'do', body };
      }
      case 'for':
        return this.forStat(line);
      case 'repeat': {
        this.advance();
        this.fs.loops++;
        this.fs.blocks.push({ vars: new Map() });
        const body = this.statList();
        this.checkMatch('until', 'repeat', line);
        const cond = this.expr();
        this.fs.blocks.pop();
        this.fs.loops--;
        return { k: 'repeat', body, cond, line };
      }
      case 'function':
        return this.funcStat(line);
      case 'local':
        this.advance();
        if (this.accept('function')) {
          const v = this.declare(this.name());
          this.activate(v);
          const f = this.funcBody(false, line, v.name);
          return { k: 'localfunc', v, f };
        }
        return this.localStat(line);
      default:
        return this.exprStat(line);
    }
  }

  ifStat(line: number): Stmt {
    const clauses: { cond: Expr; body: Stmt[] }[] = [];
    this.advance();
    let cond = this.expr();
    this.expect('then');
    clauses.push({ cond, body: this.block() });
    let orelse: Stmt[] | undefined;
    for (;;) {
      if (this.tok.t === 'elseif') {
        this.advance();
        cond = this.expr();
        this.expect('then');
        clauses.push({ cond, body: this.block() });
      } else if (this.tok.t === 'else') {
        this.advance();
        orelse = this.block();
        this.checkMatch('end', 'if', line);
        break;
      } else {
        this.checkMatch('end', 'if', line);
        break;
      }
    }
    return { k: 'if', clauses, orelse };
  }

  forStat(line: number): Stmt {
    this.advance();
    const n1 = this.name();
    if (this.tok.t === '=') {
      this.advance();
      const start = this.expr();
      this.expect(',');
      const limit = this.expr();
      const step = this.accept(',') ? this.expr() : undefined;
      this.expect('do');
      this.fs.blocks.push({ vars: new Map() });
      const v = this.declare(n1);
      this.activate(v);
      this.fs.loops++;
      const body = this.block();
      this.fs.loops--;
      this.fs.blocks.pop();
      this.checkMatch('end', 'for', line);
      return { k: 'numfor', v, start, limit, step, body, line };
    }
    if (this.tok.t === ',' || this.tok.t === 'in') {
      const names = [n1];
      while (this.accept(',')) names.push(this.name());
      this.expect('in');
      const exprs = this.exprList();
      this.expect('do');
      this.fs.blocks.push({ vars: new Map() });
      const vars = names.map((n) => this.declare(n));
      for (const v of vars) this.activate(v);
      this.fs.loops++;
      const body = this.block();
      this.fs.loops--;
      this.fs.blocks.pop();
      this.checkMatch('end', 'for', line);
      return { k: 'genfor', vars, exprs, body, line };
    }
    this.error(`'=' or 'in' expected`);
  }

  funcStat(line: number): Stmt {
    this.advance();
    const n = this.name();
    let target: Expr = this.singleVar(n, line);
    let fname = n;
    let isMethod = false;
    while (this.tok.t === '.') {
      this.advance();
      const k = this.name();
      fname += '.' + k;
      target = { k: 'index', obj: target, key: { k: 'str', v: k }, line };
    }
    if (this.tok.t === ':') {
      this.advance();
      const k = this.name();
      fname += ':' + k;
      target = { k: 'index', obj: target, key: { k: 'str', v: k }, line };
      isMethod = true;
    }
    const f = this.funcBody(isMethod, line, fname);
    return { k: 'assign', targets: [target], exprs: [{ k: 'func', f }], line };
  }

  localStat(line: number): Stmt {
    const vars: LocalVar[] = [];
    do vars.push(this.declare(this.name()));
    while (this.accept(','));
    const exprs = this.accept('=') ? this.exprList() : [];
    for (const v of vars) this.activate(v);
    return { k: 'local', vars, exprs, line };
  }

  exprStat(line: number): Stmt {
    const e = this.suffixedExp();
    if (this.tok.t === '=' || this.tok.t === ',') {
      const targets = [e];
      this.checkAssignable(e);
      while (this.accept(',')) {
        const t = this.suffixedExp();
        this.checkAssignable(t);
        targets.push(t);
      }
      this.expect('=');
      const exprs = this.exprList();
      return { k: 'assign', targets, exprs, line };
    }
    if (e.k !== 'call' && e.k !== 'method') {
      this.checkAssignable(e);
      this.expect('=');
    }
    return { k: 'call', e };
  }

  checkAssignable(e: Expr): void {
    if (e.k !== 'local' && e.k !== 'global' && e.k !== 'index') this.error('syntax error');
  }

  // ---- expressions ----

  exprList(): Expr[] {
    const out = [this.expr()];
    while (this.accept(',')) out.push(this.expr());
    return out;
  }

  expr(limit = 0): Expr {
    this.enter();
    let left: Expr;
    const t = this.tok.t;
    if (t === 'not' || t === '-' || t === '#') {
      const line = this.tok.line;
      this.advance();
      const a = this.expr(UNARY_PRI);
      if (t === '-' && a.k === 'num') left = { k: 'num', v: -a.v };
      else left = { k: 'un', op: t === 'not' ? 'not' : t === '-' ? 'neg' : 'len', a, line };
    } else left = this.simpleExp();
    for (;;) {
      const op = this.tok.t;
      const pri = BIN_PRI[op];
      if (pri === undefined || pri[0] <= limit) break;
      const line = this.tok.line;
      this.advance();
      const right = this.expr(pri[1]);
      left = { k: 'bin', op: op as BinOp, a: left, b: right, line };
    }
    this.leave();
    return left;
  }

  simpleExp(): Expr {
    const tk = this.tok;
    switch (tk.t) {
      case T_NUMBER:
        this.advance();
        return { k: 'num', v: tk.v as number };
      case T_STRING:
        this.advance();
        return { k: 'str', v: tk.v as string };
      case 'nil':
        this.advance();
        return { k: 'nil' };
      case 'true':
        this.advance();
        return { k: 'true' };
      case 'false':
        this.advance();
        return { k: 'false' };
      case '...':
        if (!this.fs.isVararg) this.error(`cannot use '...' outside a vararg function`);
        this.fs.info.usesVararg = true;
        this.advance();
        return { k: 'vararg' };
      case '{':
        return this.tableCons();
      case 'function': {
        const line = tk.line;
        this.advance();
        return { k: 'func', f: this.funcBody(false, line, 'anonymous') };
      }
      default:
        return this.suffixedExp();
    }
  }

  singleVar(name: string, line: number): Expr {
    const v = this.resolve(name);
    return v !== undefined ? { k: 'local', v } : { k: 'global', name, line };
  }

  primaryExp(): Expr {
    const tk = this.tok;
    if (tk.t === T_NAME) {
      this.advance();
      return this.singleVar(tk.v as string, tk.line);
    }
    if (tk.t === '(') {
      const line = tk.line;
      this.advance();
      const e = this.expr();
      this.checkMatch(')', '(', line);
      return e.k === 'call' || e.k === 'method' || e.k === 'vararg' ? { k: 'paren', e } : e.k === 'local' || e.k === 'global' || e.k === 'index' ? { k: 'paren', e } : e;
    }
    this.error('unexpected symbol');
  }

  suffixedExp(): Expr {
    let e = this.primaryExp();
    for (;;) {
      const tk = this.tok;
      switch (tk.t) {
        case '.': {
          this.advance();
          const n = this.name();
          e = { k: 'index', obj: e, key: { k: 'str', v: n }, line: tk.line };
          break;
        }
        case '[': {
          this.advance();
          const key = this.expr();
          this.expect(']');
          e = { k: 'index', obj: e, key, line: tk.line };
          break;
        }
        case ':': {
          this.advance();
          const n = this.name();
          const args = this.callArgs();
          e = { k: 'method', obj: e, name: n, args, line: tk.line };
          break;
        }
        case '(':
        case T_STRING:
        case '{': {
          const args = this.callArgs();
          e = { k: 'call', fn: e, args, line: tk.line };
          break;
        }
        default:
          return e;
      }
    }
  }

  callArgs(): Expr[] {
    const tk = this.tok;
    if (tk.t === T_STRING) {
      this.advance();
      return [{ k: 'str', v: tk.v as string }];
    }
    if (tk.t === '{') return [this.tableCons()];
    if (tk.t !== '(') this.error('function arguments expected');
    if (tk.line !== this.prevLine) this.error('ambiguous syntax (function call x new statement)');
    this.advance();
    if (this.tok.t === ')') {
      this.advance();
      return [];
    }
    const args = this.exprList();
    this.checkMatch(')', '(', tk.line);
    return args;
  }

  tableCons(): Expr {
    const line = this.tok.line;
    this.expect('{');
    const items: TableItem[] = [];
    while (this.tok.t !== '}') {
      if (this.tok.t === T_NAME && this.peek().t === '=') {
        const k = this.tok.v as string;
        this.advance();
        this.advance();
        items.push({ t: 'key', key: { k: 'str', v: k }, v: this.expr() });
      } else if (this.tok.t === '[') {
        this.advance();
        const key = this.expr();
        this.expect(']');
        this.expect('=');
        items.push({ t: 'key', key, v: this.expr() });
      } else items.push({ t: 'pos', v: this.expr() });
      if (!this.accept(',') && !this.accept(';')) break;
    }
    this.checkMatch('}', '{', line);
    return { k: 'table', items, line };
  }

  funcBody(isMethod: boolean, line: number, name: string): FuncInfo {
    const fs = this.openFunc(line, name);
    if (isMethod) {
      const self = this.declare('self');
      fs.info.params.push(self);
      this.activate(self);
    }
    this.expect('(');
    if (this.tok.t !== ')') {
      do {
        if (this.tok.t === '...') {
          this.advance();
          fs.isVararg = true;
          fs.info.isVararg = true;
          break;
        }
        if (this.tok.t !== T_NAME) this.error(`<name> or '...' expected`);
        const v = this.declare(this.name());
        fs.info.params.push(v);
      } while (this.accept(','));
    }
    for (const p of fs.info.params) this.activate(p);
    this.expect(')');
    fs.info.body = this.statList();
    this.checkMatch('end', 'function', line);
    this.closeFunc(fs);
    return fs.info;
  }
}

export interface ParseResult {
  ok: true;
  main: FuncInfo;
}

/** Parse a chunk; a syntax error comes back as its Lua message. */
export function parseChunk(src: string, chunkName: string): ParseResult | { ok: false; error: string } {
  try {
    const p = new Parser(src, chunkId(chunkName));
    return { ok: true, main: p.chunk() };
  } catch (e) {
    if (e instanceof LuaSyntaxError) return { ok: false, error: e.message };
    if (e instanceof RangeError) return { ok: false, error: `${chunkId(chunkName)}: chunk has too many syntax levels` };
    throw e;
  }
}

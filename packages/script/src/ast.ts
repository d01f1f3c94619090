// The syntax tree the parser builds and the compiler consumes. Locals are resolved by the parser: every
// declaration is a distinct LocalVar (the compiler gives each one its own JS name), so shadowing, `local x = x`
// and per-iteration loop variables need no further analysis.

export interface LocalVar {
  name: string;
  id: number;
}

export interface FuncInfo {
  params: LocalVar[];
  isVararg: boolean;
  body: Stmt[];
  line: number;
  /** For error messages and debugging only. */
  name: string;
  /** True when the body (not nested functions) contains `...`. */
  usesVararg: boolean;
}

export type Expr =
  | { k: 'nil' }
  | { k: 'true' }
  | { k: 'false' }
  | { k: 'vararg' }
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'func'; f: FuncInfo }
  | { k: 'local'; v: LocalVar }
  | { k: 'global'; name: string; line: number }
  | { k: 'index'; obj: Expr; key: Expr; line: number }
  | { k: 'call'; fn: Expr; args: Expr[]; line: number }
  | { k: 'method'; obj: Expr; name: string; args: Expr[]; line: number }
  | { k: 'bin'; op: BinOp; a: Expr; b: Expr; line: number }
  | { k: 'un'; op: 'neg' | 'not' | 'len'; a: Expr; line: number }
  | { k: 'table'; items: TableItem[]; line: number }
  | { k: 'paren'; e: Expr };

export type BinOp =
  | '+' | '-' | '*' | '/' | '%' | '^' | '..'
  | '==' | '~=' | '<' | '<=' | '>' | '>='
  | 'and' | 'or';

export type TableItem = { t: 'pos'; v: Expr } | { t: 'key'; key: Expr; v: Expr };

export type Stmt =
  | { k: 'local'; vars: LocalVar[]; exprs: Expr[]; line: number }
  | { k: 'localfunc'; v: LocalVar; f: FuncInfo }
  | { k: 'assign'; targets: Expr[]; exprs: Expr[]; line: number }
  | { k: 'call'; e: Expr }
  | { k: 'do'; body: Stmt[] }
  | { k: 'while'; cond: Expr; body: Stmt[]; line: number }
  | { k: 'repeat'; body: Stmt[]; cond: Expr; line: number }
  | { k: 'if'; clauses: { cond: Expr; body: Stmt[] }[]; orelse: Stmt[] | undefined }
  | { k: 'numfor'; v: LocalVar; start: Expr; limit: Expr; step: Expr | undefined; body: Stmt[]; line: number }
  | { k: 'genfor'; vars: LocalVar[]; exprs: Expr[]; body: Stmt[]; line: number }
  | { k: 'return'; exprs: Expr[]; line: number }
  | { k: 'break' };

// Argument checking for library functions, worded as Lua 5.1's lauxlib does:
// "bad argument #2 to 'sub' (number expected, got no value)". `nargs` is the call's argument count, so a
// missing argument reads "no value" and an explicit nil reads "nil".
import type { Runtime } from '../runtime.js';
import { LuaTable, numberToString, strToNumber, typeName } from '../value.js';

export function argError(R: Runtime, n: number, fname: string, msg: string): never {
  // called straight from another library function (pcall(string.rep)), Lua cannot name the function
  R.error(`bad argument #${n} to '${R.at === '' ? '?' : fname}' (${msg})`);
}

function got(v: unknown, n: number, nargs: number): string {
  return n > nargs ? 'no value' : typeName(v);
}

export function typeErrorArg(R: Runtime, n: number, fname: string, expected: string, v: unknown, nargs: number): never {
  argError(R, n, fname, `${expected} expected, got ${got(v, n, nargs)}`);
}

export function checkNumber(R: Runtime, v: unknown, n: number, fname: string, nargs: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const x = strToNumber(v);
    if (x !== undefined) return x;
  }
  typeErrorArg(R, n, fname, 'number', v, nargs);
}

/** luaL_checkint: a number truncated toward zero (as C's cast of a double to int). */
export function checkInt(R: Runtime, v: unknown, n: number, fname: string, nargs: number): number {
  const x = checkNumber(R, v, n, fname, nargs);
  return toInt(x);
}

export function toInt(x: number): number {
  if (x !== x) return -2147483648;
  const t = Math.trunc(x);
  if (t > 2147483647 || t < -2147483648) return -2147483648;
  return t;
}

export function optInt(R: Runtime, v: unknown, n: number, fname: string, def: number, nargs: number): number {
  if (v === undefined) return def;
  return checkInt(R, v, n, fname, nargs);
}

export function optNumber(R: Runtime, v: unknown, n: number, fname: string, def: number, nargs: number): number {
  if (v === undefined) return def;
  return checkNumber(R, v, n, fname, nargs);
}

export function checkString(R: Runtime, v: unknown, n: number, fname: string, nargs: number): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToString(v);
  typeErrorArg(R, n, fname, 'string', v, nargs);
}

export function optString(R: Runtime, v: unknown, n: number, fname: string, def: string, nargs: number): string {
  if (v === undefined) return def;
  return checkString(R, v, n, fname, nargs);
}

export function checkTable(R: Runtime, v: unknown, n: number, fname: string, nargs: number): LuaTable {
  if (v instanceof LuaTable) return v;
  typeErrorArg(R, n, fname, 'table', v, nargs);
}

export function checkAny(R: Runtime, n: number, fname: string, nargs: number): void {
  if (n > nargs) argError(R, n, fname, 'value expected');
}

/** luaL_checkinteger: truncated toward zero, large values kept (clamped to +-2^53). */
export function checkInteger(R: Runtime, v: unknown, n: number, fname: string, nargs: number): number {
  const x = checkNumber(R, v, n, fname, nargs);
  if (x !== x) return 0;
  const t = Math.trunc(x);
  return t > 9007199254740992 ? 9007199254740992 : t < -9007199254740992 ? -9007199254740992 : t;
}

export function optInteger(R: Runtime, v: unknown, n: number, fname: string, def: number, nargs: number): number {
  if (v === undefined) return def;
  return checkInteger(R, v, n, fname, nargs);
}

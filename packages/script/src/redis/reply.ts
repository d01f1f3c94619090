// Redis replies crossing the script boundary, and Redis 7's conversion rules both ways (script_lua.c
// semantics): command replies -> Lua values for redis.call/pcall, and a script's Lua return value -> reply.
// Strings are latin1. Hard-codes Redis's wording of the conversion errors.
import { LuaTable, formatG } from '../value.js';

/** A reply as a command produces it (in the script client's protocol: RESP2 or RESP3 types). */
export type ScriptReply =
  | { t: 'bulk'; v: string }
  | { t: 'status'; v: string }
  /** Error text without the leading '-', e.g. "ERR unknown command" or "WRONGTYPE ...". */
  | { t: 'error'; v: string }
  | { t: 'int'; v: number }
  /** RESP2 null bulk ($-1). */
  | { t: 'null' }
  /** RESP2 null array (*-1). */
  | { t: 'nullarray' }
  /** RESP3 null (_). */
  | { t: 'null3' }
  | { t: 'array'; v: ScriptReply[] }
  | { t: 'map'; v: [ScriptReply, ScriptReply][] }
  | { t: 'set'; v: ScriptReply[] }
  | { t: 'double'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'bignum'; v: string }
  | { t: 'verbatim'; format: string; v: string };

/** luaPushErrorBuff: "-CODE msg" or "msg" -> the {err=...} table Lua sees. */
export function errorTable(text: string): LuaTable {
  let code = 'ERR';
  let msg: string;
  if (text.startsWith('-')) {
    const sp = text.indexOf(' ');
    if (sp < 0) msg = text.slice(1);
    else {
      code = text.slice(1, sp);
      msg = text.slice(sp + 1);
    }
  } else msg = text;
  msg = msg.replace(/^[\r\n]+|[\r\n]+$/g, '');
  const t = new LuaTable();
  t.set('err', `${code} ${msg}`);
  return t;
}

/** A command reply as the Lua value redis.call returns. */
export function replyToLua(r: ScriptReply): unknown {
  switch (r.t) {
    case 'bulk':
      return r.v;
    case 'int':
      return r.v;
    case 'status': {
      const t = new LuaTable();
      t.set('ok', r.v);
      return t;
    }
    case 'error': {
      const t = errorTable('-' + r.v);
      t.set('ignore_error_stats_update', true);
      return t;
    }
    case 'null':
    case 'nullarray':
      return false;
    case 'null3':
      return undefined;
    case 'array': {
      const t = new LuaTable();
      for (let i = 0; i < r.v.length; i++) {
        const v = replyToLua(r.v[i] as ScriptReply);
        if (v !== undefined) t.set(i + 1, v);
      }
      return t;
    }
    case 'map': {
      const inner = new LuaTable();
      for (const [k, v] of r.v) {
        const kk = replyToLua(k);
        if (kk !== undefined && !(typeof kk === 'number' && kk !== kk)) inner.set(kk, replyToLua(v));
      }
      const t = new LuaTable();
      t.set('map', inner);
      return t;
    }
    case 'set': {
      const inner = new LuaTable();
      for (const k of r.v) {
        const kk = replyToLua(k);
        if (kk !== undefined && !(typeof kk === 'number' && kk !== kk)) inner.set(kk, true);
      }
      const t = new LuaTable();
      t.set('set', inner);
      return t;
    }
    case 'double': {
      const t = new LuaTable();
      t.set('double', r.v);
      return t;
    }
    case 'bool':
      return r.v;
    case 'bignum': {
      const t = new LuaTable();
      t.set('big_number', r.v);
      return t;
    }
    case 'verbatim': {
      const inner = new LuaTable();
      inner.set('string', r.v);
      inner.set('format', r.format);
      const t = new LuaTable();
      t.set('verbatim_string', inner);
      return t;
    }
  }
}

function noNewlines(s: string): string {
  return s.replace(/[\r\n]/g, ' ');
}

/**
 * A Lua value returned by a script as a reply. `scriptResp` is the protocol the script selected with
 * redis.setresp (booleans depend on it); nil and other non-convertible values become a null reply.
 */
export function luaToReply(v: unknown, scriptResp: 2 | 3, depth = 0): ScriptReply {
  switch (typeof v) {
    case 'string':
      return { t: 'bulk', v };
    case 'boolean':
      if (scriptResp === 2) return v ? { t: 'int', v: 1 } : { t: 'null' };
      return { t: 'bool', v };
    case 'number':
      return { t: 'int', v: toLongLong(v) };
    default:
      break;
  }
  if (!(v instanceof LuaTable)) return { t: 'null' };
  if (depth > 1000) return { t: 'error', v: 'ERR reached lua stack limit' };
  const err = v.get('err');
  if (typeof err === 'string') return { t: 'error', v: noNewlines(err) };
  const ok = v.get('ok');
  if (typeof ok === 'string') return { t: 'status', v: noNewlines(ok) };
  const dbl = v.get('double');
  if (typeof dbl === 'number') return { t: 'double', v: dbl };
  const big = v.get('big_number');
  if (typeof big === 'string') return { t: 'bignum', v: noNewlines(big) };
  const verb = v.get('verbatim_string');
  if (verb instanceof LuaTable) {
    const format = verb.get('format');
    const s = verb.get('string');
    if (typeof format === 'string' && typeof s === 'string') return { t: 'verbatim', format, v: s };
  }
  const map = v.get('map');
  if (map instanceof LuaTable) {
    const out: [ScriptReply, ScriptReply][] = [];
    let k: unknown = undefined;
    for (;;) {
      const e = map.next(k);
      if (e === undefined) break;
      k = e[0];
      out.push([luaToReply(e[0], scriptResp, depth + 1), luaToReply(e[1], scriptResp, depth + 1)]);
    }
    return { t: 'map', v: out };
  }
  const set = v.get('set');
  if (set instanceof LuaTable) {
    const out: ScriptReply[] = [];
    let k: unknown = undefined;
    for (;;) {
      const e = set.next(k);
      if (e === undefined) break;
      k = e[0];
      out.push(luaToReply(e[0], scriptResp, depth + 1));
    }
    return { t: 'set', v: out };
  }
  const arr: ScriptReply[] = [];
  for (let i = 1; ; i++) {
    const e = v.get(i);
    if (e === undefined) break;
    arr.push(luaToReply(e, scriptResp, depth + 1));
  }
  return { t: 'array', v: arr };
}

/** C's (long long) cast of a double. */
function toLongLong(x: number): number {
  if (x !== x) return -(2 ** 63);
  const t = Math.trunc(x);
  if (t >= 2 ** 63 || t < -(2 ** 63)) return -(2 ** 63);
  return t === 0 ? 0 : t;
}

/** Lua -> command argument: strings as-is, numbers as "%.17g"; undefined when not convertible. */
export function luaToArg(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatG(v, 17, false);
  return undefined;
}

// cjson as Redis ships it (lua-cjson 2.1): encode with "%.14g" numbers, "\/" escaping, sparse-array and depth
// checks; decode with strtod numbers, \u escapes to UTF-8, cjson.null for JSON null; error texts as lua-cjson's
// ("Expected value but found T_END at character 1").
import type { LuaEngine } from '../engine.js';
import { LuaError, LuaTable, formatG, typeName } from '../value.js';
import { argError, checkString } from './args.js';

/** cjson.null: a light userdata that is not nil. */
export const CJSON_NULL: object = Object.freeze({ cjsonNull: true });

const MAX_DEPTH = 1000;

function escapeString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) out += '\\"';
    else if (c === 92) out += '\\\\';
    else if (c === 47) out += '\\/';
    else if (c < 32 || c === 127) {
      switch (c) {
        case 8: out += '\\b'; break;
        case 9: out += '\\t'; break;
        case 10: out += '\\n'; break;
        case 12: out += '\\f'; break;
        case 13: out += '\\r'; break;
        default: out += '\\u' + c.toString(16).padStart(4, '0');
      }
    } else out += s[i];
  }
  return out + '"';
}

export function installCjson(engine: LuaEngine): void {
  const R = engine.runtime;
  const cfg = {
    precision: 14,
    sparseRatio: 2,
    sparseSafe: 10,
    sparseConvert: false,
    maxEncode: MAX_DEPTH,
    maxDecode: MAX_DEPTH,
    /** encode_invalid_numbers: false (error), true (nan/inf as text) or 'null'. */
    invalid: false as boolean | 'null',
  };
  const fail = (msg: string): never => {
    throw new LuaError(R.at === '' ? msg : `${R.at} ${msg}`, R.at);
  };

  function num(n: number): string {
    if (!Number.isFinite(n)) {
      if (cfg.invalid === false) fail('Cannot serialise number: must not be NaN or Inf');
      if (cfg.invalid === 'null') return 'null';
      return n !== n ? 'nan' : n > 0 ? 'inf' : '-inf';
    }
    return formatG(n, cfg.precision, false);
  }

  function arrayLength(t: LuaTable): number {
    let max = 0;
    let items = 0;
    let k: unknown = undefined;
    for (;;) {
      const e = t.next(k);
      if (e === undefined) break;
      k = e[0];
      if (typeof k === 'number' && Number.isInteger(k) && k >= 1) {
        if (k > max) max = k;
        items++;
      } else return -1;
    }
    if (cfg.sparseRatio > 0 && max > items * cfg.sparseRatio && max > cfg.sparseSafe) {
      if (!cfg.sparseConvert) fail('Cannot serialise table: excessively sparse array');
      return -1;
    }
    return max;
  }

  function encode(v: unknown, depth: number, out: string[]): void {
    switch (typeof v) {
      case 'string':
        out.push(escapeString(v));
        return;
      case 'number':
        out.push(num(v));
        return;
      case 'boolean':
        out.push(v ? 'true' : 'false');
        return;
      case 'undefined':
        out.push('null');
        return;
      default:
        break;
    }
    if (v === CJSON_NULL) {
      out.push('null');
      return;
    }
    if (!(v instanceof LuaTable)) {
      fail(`Cannot serialise ${typeName(v)}: type not supported`);
      return;
    }
    if (depth + 1 > cfg.maxEncode) fail(`Cannot serialise, excessive nesting (${depth + 1})`);
    const len = arrayLength(v);
    if (len > 0) {
      out.push('[');
      for (let i = 1; i <= len; i++) {
        if (i > 1) out.push(',');
        encode(v.get(i), depth + 1, out);
      }
      out.push(']');
      return;
    }
    out.push('{');
    let first = true;
    let k: unknown = undefined;
    for (;;) {
      const e = v.next(k);
      if (e === undefined) break;
      k = e[0];
      if (!first) out.push(',');
      first = false;
      if (typeof k === 'string') out.push(escapeString(k));
      else if (typeof k === 'number') out.push('"' + num(k) + '"');
      else fail(`Cannot serialise ${typeName(k)}: table key must be a number or string`);
      out.push(':');
      encode(e[1], depth + 1, out);
    }
    out.push('}');
  }

  // ---- decoding ----

  interface Tok {
    t: string;
    v?: unknown;
    i: number;
  }

  function decode(s: string): unknown {
    let p = 0;
    let depth = 0;
    const err = (exp: string, tok: Tok): never => fail(`Expected ${exp} but found ${tok.t} at character ${tok.i + 1}`);
    const errTok = (i: number, what: string): Tok => ({ t: what, i });

    function next(): Tok {
      while (p < s.length) {
        const c = s.charCodeAt(p);
        if (c === 32 || c === 9 || c === 10 || c === 13) p++;
        else break;
      }
      const i = p;
      if (p >= s.length) return { t: 'T_END', i };
      const c = s[p] as string;
      switch (c) {
        case '{': p++; return { t: 'T_OBJ_BEGIN', i };
        case '}': p++; return { t: 'T_OBJ_END', i };
        case '[': p++; return { t: 'T_ARR_BEGIN', i };
        case ']': p++; return { t: 'T_ARR_END', i };
        case ':': p++; return { t: 'T_COLON', i };
        case ',': p++; return { t: 'T_COMMA', i };
        case '"':
          return str(i);
        default:
          break;
      }
      if (c === '-' || (c >= '0' && c <= '9')) {
        const m = /^[-+]?(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|inf(?:inity)?|nan)/i.exec(s.slice(p, p + 400));
        if (m === null) return errTok(i, 'invalid number');
        p += m[0].length;
        const txt = m[0];
        const hex = /^([-+]?)0[xX]([0-9a-fA-F]+)$/.exec(txt);
        const v = hex !== null ? (hex[1] === '-' ? -1 : 1) * parseInt(hex[2] as string, 16) : Number(txt.replace(/inf(inity)?/i, 'Infinity'));
        return { t: 'T_NUMBER', v, i };
      }
      if (s.startsWith('true', p)) {
        p += 4;
        return { t: 'T_BOOLEAN', v: true, i };
      }
      if (s.startsWith('false', p)) {
        p += 5;
        return { t: 'T_BOOLEAN', v: false, i };
      }
      if (s.startsWith('null', p)) {
        p += 4;
        return { t: 'T_NULL', v: CJSON_NULL, i };
      }
      return errTok(i, 'invalid token');
    }

    function str(i: number): Tok {
      p++;
      let out = '';
      for (;;) {
        if (p >= s.length) return errTok(p, 'unexpected end of string');
        const c = s[p] as string;
        if (c === '"') {
          p++;
          return { t: 'T_STRING', v: out, i };
        }
        if (c !== '\\') {
          out += c;
          p++;
          continue;
        }
        const e = s[p + 1];
        switch (e) {
          case '"': case '\\': case '/': out += e; p += 2; break;
          case 'b': out += '\b'; p += 2; break;
          case 'f': out += '\f'; p += 2; break;
          case 'n': out += '\n'; p += 2; break;
          case 'r': out += '\r'; p += 2; break;
          case 't': out += '\t'; p += 2; break;
          case 'u': {
            const at = p;
            const cp = unicode();
            if (cp < 0) return errTok(at, 'invalid unicode escape code');
            out += utf8(cp);
            break;
          }
          default:
            return errTok(p, 'invalid escape code');
        }
      }
    }

    function hex4(at: number): number {
      const h = s.slice(at, at + 4);
      return /^[0-9a-fA-F]{4}$/.test(h) ? parseInt(h, 16) : -1;
    }

    function unicode(): number {
      let cp = hex4(p + 2);
      if (cp < 0) return -1;
      p += 6;
      if (cp >= 0xdc00 && cp <= 0xdfff) return -1;
      if (cp >= 0xd800 && cp <= 0xdbff) {
        if (s[p] !== '\\' || s[p + 1] !== 'u') return -1;
        const lo = hex4(p + 2);
        if (lo < 0xdc00 || lo > 0xdfff) return -1;
        p += 6;
        cp = (((cp & 0x3ff) << 10) | (lo & 0x3ff)) + 0x10000;
      }
      return cp;
    }

    function value(tok: Tok): unknown {
      switch (tok.t) {
        case 'T_STRING':
        case 'T_NUMBER':
        case 'T_BOOLEAN':
        case 'T_NULL':
          return tok.v;
        case 'T_OBJ_BEGIN':
          return object(tok);
        case 'T_ARR_BEGIN':
          return array(tok);
        default:
          return err('value', tok);
      }
    }

    function enter(tok: Tok): void {
      if (++depth > cfg.maxDecode) fail(`Found too many nested data structures (${depth}) at character ${tok.i + 1}`);
    }

    function object(open: Tok): LuaTable {
      enter(open);
      const t = new LuaTable();
      let tok = next();
      if (tok.t === 'T_OBJ_END') {
        depth--;
        return t;
      }
      for (;;) {
        if (tok.t !== 'T_STRING') err('object key string', tok);
        const key = tok.v as string;
        tok = next();
        if (tok.t !== 'T_COLON') err('colon', tok);
        const v = value(next());
        t.set(key, v);
        tok = next();
        if (tok.t === 'T_OBJ_END') break;
        if (tok.t !== 'T_COMMA') err('comma or object end', tok);
        tok = next();
      }
      depth--;
      return t;
    }

    function array(open: Tok): LuaTable {
      enter(open);
      const t = new LuaTable();
      let tok = next();
      if (tok.t === 'T_ARR_END') {
        depth--;
        return t;
      }
      for (let i = 1; ; i++) {
        t.set(i, value(tok));
        tok = next();
        if (tok.t === 'T_ARR_END') break;
        if (tok.t !== 'T_COMMA') err('comma or array end', tok);
        tok = next();
      }
      depth--;
      return t;
    }

    if (s.length >= 2 && (s.charCodeAt(0) === 0 || s.charCodeAt(1) === 0)) fail('JSON parser does not support UTF-16 or UTF-32');
    const v = value(next());
    const end = next();
    if (end.t !== 'T_END') err('the end', end);
    return v;
  }

  const C = new LuaTable();
  C.set('encode', (...a: unknown[]) => {
    if (a.length !== 1) argError(R, 1, 'encode', 'expected 1 argument');
    const out: string[] = [];
    encode(a[0], 0, out);
    return out.join('');
  });
  C.set('decode', (...a: unknown[]) => {
    if (a.length !== 1) argError(R, 1, 'decode', 'expected 1 argument');
    return decode(checkString(R, a[0], 1, 'decode', a.length));
  });
  const setting = (name: string, get: () => unknown[], set: (a: unknown[]) => void): void => {
    C.set(name, (...a: unknown[]) => {
      if (a.length > 0) set(a);
      return get();
    });
  };
  setting('encode_sparse_array', () => [cfg.sparseConvert, cfg.sparseRatio, cfg.sparseSafe], (a) => {
    if (typeof a[0] === 'boolean') cfg.sparseConvert = a[0];
    if (typeof a[1] === 'number') cfg.sparseRatio = a[1];
    if (typeof a[2] === 'number') cfg.sparseSafe = a[2];
  });
  setting('encode_max_depth', () => [cfg.maxEncode], (a) => {
    if (typeof a[0] === 'number' && a[0] >= 1) cfg.maxEncode = Math.trunc(a[0]);
  });
  setting('decode_max_depth', () => [cfg.maxDecode], (a) => {
    if (typeof a[0] === 'number' && a[0] >= 1) cfg.maxDecode = Math.trunc(a[0]);
  });
  setting('encode_number_precision', () => [cfg.precision], (a) => {
    if (typeof a[0] === 'number' && a[0] >= 1 && a[0] <= 14) cfg.precision = Math.trunc(a[0]);
  });
  setting('encode_keep_buffer', () => [true], () => undefined);
  // lua-cjson's enum option: a boolean, or one of "off", "on", "null"
  setting('encode_invalid_numbers', () => [cfg.invalid], (a) => {
    const v = a[0];
    if (typeof v === 'boolean') cfg.invalid = v;
    else if (v === 'on') cfg.invalid = true;
    else if (v === 'off') cfg.invalid = false;
    else if (v === 'null') cfg.invalid = 'null';
    else argError(R, 1, 'encode_invalid_numbers', "invalid option '" + String(v) + "'");
  });
  setting('decode_invalid_numbers', () => [true], () => undefined);
  C.set('null', CJSON_NULL);
  C.set('_NAME', 'cjson');
  C.set('_VERSION', '2.1.0');
  engine.globals.set('cjson', C);
}

function utf8(cp: number): string {
  if (cp < 0x80) return String.fromCharCode(cp);
  if (cp < 0x800) return String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  if (cp < 0x10000) return String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  return String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

// string.format for Lua 5.1: every conversion (%d %i %o %u %x %X %c %e %E %f %g %G %q %s %%) with the flags
// "-+ #0", width and precision (two digits each at most), C printf semantics for doubles (%.14g etc.) and Lua's
// error texts ("invalid option '%y' to 'format'", "invalid format (repeated flags)").
import type { Runtime } from '../runtime.js';
import { expString, fixedString, formatG, nonFinite, numberToString } from '../value.js';
import { argError, checkNumber, typeErrorArg } from './args.js';

interface Spec {
  minus: boolean;
  plus: boolean;
  space: boolean;
  hash: boolean;
  zero: boolean;
  width: number;
  prec: number; // -1 = none
}

function pad(body: string, sign: string, spec: Spec, numeric: boolean): string {
  const len = sign.length + body.length;
  if (len >= spec.width) return sign + body;
  const fill = spec.width - len;
  if (spec.minus) return sign + body + ' '.repeat(fill);
  if (spec.zero && numeric) return sign + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sign + body;
}

function signOf(neg: boolean, spec: Spec): string {
  return neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
}

/** C's (long) cast of a double, as BigInt. */
function toLong(x: number): bigint {
  if (!Number.isFinite(x)) return -9223372036854775808n;
  const t = Math.trunc(x);
  if (t >= 2 ** 63 || t < -(2 ** 63)) return -9223372036854775808n;
  return BigInt(t);
}

function fmtInt(x: number, conv: string, spec: Spec): string {
  let v = toLong(x);
  let neg = false;
  let digits: string;
  if (conv === 'd' || conv === 'i') {
    neg = v < 0n;
    if (neg) v = -v;
    digits = v.toString();
  } else {
    const u = BigInt.asUintN(64, v);
    digits = conv === 'o' ? u.toString(8) : conv === 'x' ? u.toString(16) : conv === 'X' ? u.toString(16).toUpperCase() : u.toString();
  }
  if (spec.prec >= 0) {
    if (spec.prec === 0 && digits === '0') digits = '';
    if (digits.length < spec.prec) digits = '0'.repeat(spec.prec - digits.length) + digits;
  }
  let prefix = '';
  if (spec.hash) {
    if (conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
    if ((conv === 'x' || conv === 'X') && v !== 0n) prefix = conv === 'x' ? '0x' : '0X';
  }
  const sign = conv === 'd' || conv === 'i' ? signOf(neg, spec) : '';
  const zeroOk = spec.prec < 0;
  return pad(digits, sign + prefix, { ...spec, zero: spec.zero && zeroOk }, true);
}

function fmtFloat(x: number, conv: string, spec: Spec): string {
  const neg = x < 0 || (x === 0 && 1 / x < 0);
  const a = Math.abs(x);
  const upper = conv === 'E' || conv === 'G';
  let body: string;
  if (!Number.isFinite(x)) {
    body = nonFinite(a);
    if (x !== x) body = 'nan';
    if (upper) body = body.toUpperCase();
    const sign = x !== x ? (spec.plus ? '+' : spec.space ? ' ' : '') : signOf(neg, spec);
    return pad(body, x !== x ? '-'.slice(1) + sign : sign, { ...spec, zero: false }, true);
  }
  const prec = spec.prec < 0 ? 6 : spec.prec;
  if (conv === 'f' || conv === 'F') {
    body = fixedString(a, prec);
    if (spec.hash && prec === 0) body += '.';
  } else if (conv === 'e' || conv === 'E') {
    const s = expString(a, prec);
    const ei = s.indexOf('e');
    let mant = s.slice(0, ei);
    const ex = Number(s.slice(ei + 1));
    if (spec.hash && prec === 0) mant += '.';
    const ax = Math.abs(ex);
    body = mant + 'e' + (ex < 0 ? '-' : '+') + (ax < 10 ? '0' + ax : String(ax));
  } else {
    body = formatG(a, prec, spec.hash);
  }
  if (upper) body = body.toUpperCase();
  return pad(body, signOf(neg, spec), spec, true);
}

function quoted(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    switch (c) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\0':
        out += '\\000';
        break;
      default:
        out += c;
    }
  }
  return out + '"';
}

export function stringFormat(R: Runtime, args: unknown[]): string {
  const fmtV = args[0];
  let fmt: string;
  if (typeof fmtV === 'string') fmt = fmtV;
  else if (typeof fmtV === 'number') fmt = numberToString(fmtV);
  else typeErrorArg(R, 1, 'format', 'string', fmtV, args.length);
  let out = '';
  let arg = 0;
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    if (pct > i) out += fmt.slice(i, pct);
    i = pct + 1;
    if (fmt[i] === '%') {
      out += '%';
      i++;
      continue;
    }
    // parse spec
    const spec: Spec = { minus: false, plus: false, space: false, hash: false, zero: false, width: 0, prec: -1 };
    const fstart = i;
    while (i < n && '-+ #0'.includes(fmt[i] as string)) {
      const f = fmt[i] as string;
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === ' ') spec.space = true;
      else if (f === '#') spec.hash = true;
      else spec.zero = true;
      i++;
    }
    if (i - fstart >= 6) R.error('invalid format (repeated flags)');
    let w = '';
    while (i < n && /[0-9]/.test(fmt[i] as string)) w += fmt[i++];
    if (w.length > 2) R.error('invalid format (width or precision too long)');
    spec.width = w === '' ? 0 : Number(w);
    if (fmt[i] === '.') {
      i++;
      let p = '';
      while (i < n && /[0-9]/.test(fmt[i] as string)) p += fmt[i++];
      if (p.length > 2) R.error('invalid format (width or precision too long)');
      spec.prec = p === '' ? 0 : Number(p);
    }
    const conv = fmt[i++];
    arg++;
    const v = args[arg];
    const nargs = args.length;
    if (arg >= nargs && conv !== undefined && 'cdiouxXeEfgGqs'.includes(conv)) argError(R, arg + 1, 'format', 'no value');
    switch (conv) {
      case 'c': {
        const x = checkNumber(R, v, arg + 1, 'format', nargs);
        out += pad(String.fromCharCode(Number(BigInt.asUintN(8, toLong(x)))), '', spec, false);
        break;
      }
      case 'd':
      case 'i':
      case 'o':
      case 'u':
      case 'x':
      case 'X':
        out += fmtInt(checkNumber(R, v, arg + 1, 'format', nargs), conv, spec);
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'g':
      case 'G':
        out += fmtFloat(checkNumber(R, v, arg + 1, 'format', nargs), conv, spec);
        break;
      case 'q': {
        out += quoted(strArg(R, v, arg + 1, nargs));
        break;
      }
      case 's': {
        let s = strArg(R, v, arg + 1, nargs);
        if (spec.prec >= 0) s = s.slice(0, spec.prec);
        else if (s.length >= 100) {
          out += s;
          break;
        }
        out += pad(s, '', spec, false);
        break;
      }
      default:
        R.error(`invalid option '%${conv ?? ''}' to 'format'`);
    }
  }
  return out;
}

function strArg(R: Runtime, v: unknown, n: number, nargs: number): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToString(v);
  if (n > nargs) argError(R, n, 'format', 'string expected, got no value');
  typeErrorArg(R, n, 'format', 'string', v, nargs);
}

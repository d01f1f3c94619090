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

function pad(body: string, sign: string, spec: Spec, zero: boolean): string {
  const len = sign.length + body.length;
  if (len >= spec.width) return sign + body;
  const fill = spec.width - len;
  if (spec.minus) return sign + body + ' '.repeat(fill);
  if (zero) return sign + '0'.repeat(fill) + body;
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
  let digits: string;
  let neg = false;
  let nonZero: boolean;
  const t = Math.trunc(x);
  if (t >= -MAX_EXACT && t <= MAX_EXACT && (t >= 0 || conv === 'd' || conv === 'i')) {
    // |t| < 2^53: the double is the C long exactly, digits without BigInt
    neg = t < 0;
    const a = neg ? -t : t;
    nonZero = a !== 0;
    digits = conv === 'o' ? a.toString(8) : conv === 'x' ? a.toString(16) : conv === 'X' ? a.toString(16).toUpperCase() : String(a);
  } else {
    let v = toLong(x);
    nonZero = v !== 0n;
    if (conv === 'd' || conv === 'i') {
      neg = v < 0n;
      if (neg) v = -v;
      digits = v.toString();
    } else {
      const u = BigInt.asUintN(64, v);
      digits = conv === 'o' ? u.toString(8) : conv === 'x' ? u.toString(16) : conv === 'X' ? u.toString(16).toUpperCase() : u.toString();
    }
  }
  if (spec.prec >= 0) {
    if (spec.prec === 0 && digits === '0') digits = '';
    if (digits.length < spec.prec) digits = '0'.repeat(spec.prec - digits.length) + digits;
  }
  let prefix = '';
  if (spec.hash) {
    if (conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
    if ((conv === 'x' || conv === 'X') && nonZero) prefix = conv === 'x' ? '0x' : '0X';
  }
  const sign = conv === 'd' || conv === 'i' ? signOf(neg, spec) : '';
  return pad(digits, sign + prefix, spec, spec.zero && spec.prec < 0);
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * %.<d>f of a non-negative double without toFixed when a * 10^d is small (< 2^30, so the product is within
 * 2^-23 of the exact value) and not within 1e-6 of a tie: then rounding the product is rounding the exact
 * binary value, as printf does. Ties and larger values go to fixedString (C's round-half-even).
 */
function smallFixed(a: number, d: number): string {
  const scaled = a * (POW10[d] as number);
  if (!(scaled < 1073741824) || Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) return fixedString(a, d);
  const digits = String(Math.round(scaled));
  if (d === 0) return digits;
  const int = digits.length > d ? digits.slice(0, digits.length - d) : '0';
  const frac = digits.length >= d ? digits.slice(digits.length - d) : '0'.repeat(d - digits.length) + digits;
  return int + '.' + frac;
}

/** 2^53 - 1: integers up to here are exact doubles. */
const MAX_EXACT = 9007199254740991;

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
    return pad(body, x !== x ? '-'.slice(1) + sign : sign, spec, false);
  }
  const prec = spec.prec < 0 ? 6 : spec.prec;
  if (conv === 'f' || conv === 'F') {
    body = prec <= 9 ? smallFixed(a, prec) : fixedString(a, prec);
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
  return pad(body, signOf(neg, spec), spec, spec.zero);
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
    for (; i < n; i++) {
      const f = fmt.charCodeAt(i);
      if (f === 45) spec.minus = true; // -
      else if (f === 43) spec.plus = true; // +
      else if (f === 32) spec.space = true;
      else if (f === 35) spec.hash = true; // #
      else if (f === 48) spec.zero = true; // 0
      else break;
    }
    if (i - fstart >= 6) R.error('invalid format (repeated flags)');
    let digits = 0;
    let w = 0;
    for (let d = fmt.charCodeAt(i); d >= 48 && d <= 57; d = fmt.charCodeAt(++i)) {
      w = w * 10 + d - 48;
      digits++;
    }
    if (digits > 2) R.error('invalid format (width or precision too long)');
    spec.width = w;
    if (fmt.charCodeAt(i) === 46) {
      i++;
      let p = 0;
      digits = 0;
      for (let d = fmt.charCodeAt(i); d >= 48 && d <= 57; d = fmt.charCodeAt(++i)) {
        p = p * 10 + d - 48;
        digits++;
      }
      if (digits > 2) R.error('invalid format (width or precision too long)');
      spec.prec = p;
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
  // one flat string rather than a tree of concatenations: results are often kept (table values), and a
  // retained rope costs the garbage collector several objects per result
  if (out.length > 12) out.charCodeAt(0);
  return out;
}

function strArg(R: Runtime, v: unknown, n: number, nargs: number): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToString(v);
  if (n > nargs) argError(R, n, 'format', 'string expected, got no value');
  typeErrorArg(R, n, 'format', 'string', v, nargs);
}

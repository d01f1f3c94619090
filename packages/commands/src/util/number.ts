// Number parsing and formatting with Redis's exact acceptance rules (string2ll, strtold checks, %.17g).
// Every command that reads an integer or a float argument goes through here so error texts stay uniform.

export const INT64_MIN = -9223372036854775808n;
export const INT64_MAX = 9223372036854775807n;

/**
 * Redis's string2ll: optional '-', digits, no '+', no leading zeros (except "0"), no spaces, int64 range.
 * Returns a bigint, or null when the text is not such an integer.
 */
export function parseInt64(s: string): bigint | null {
  const n = s.length;
  if (n === 0 || n > 20) return null;
  let i = 0;
  const neg = s.charCodeAt(0) === 45;
  if (neg) {
    i = 1;
    if (n === 1) return null;
  }
  const first = s.charCodeAt(i);
  if (first === 48) return n === 1 ? 0n : null; // "0" only; "-0" and "01" rejected
  if (first < 49 || first > 57) return null;
  for (let j = i + 1; j < n; j++) {
    const ch = s.charCodeAt(j);
    if (ch < 48 || ch > 57) return null;
  }
  if (n - i <= 15) return BigInt(neg ? -Number(s.slice(i)) : Number(s.slice(i)));
  const v = BigInt(s);
  if (v < INT64_MIN || v > INT64_MAX) return null;
  return v;
}

/**
 * The same rules, answered as a JS number (exact when |v| <= 2^53; above that the nearest double).
 * Fast path for counts, indexes and offsets.
 */
export function parseIntNum(s: string): number | null {
  const n = s.length;
  if (n > 0 && n <= 15) {
    let i = 0;
    const neg = s.charCodeAt(0) === 45;
    if (neg) {
      if (n === 1) return null;
      i = 1;
    }
    const first = s.charCodeAt(i);
    if (first === 48) return n === 1 ? 0 : null;
    let v = 0;
    for (; i < n; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return null;
      v = v * 10 + d;
    }
    return neg ? -v : v;
  }
  const b = parseInt64(s);
  return b === null ? null : Number(b);
}

const FLOAT_RE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?)$/i;
const HEX_FLOAT_RE = /^[+-]?0x[0-9a-f]+$/i;

/**
 * Redis's string2ld/strtold acceptance: the whole string must be a number, no leading space,
 * "inf"/"-inf"/"infinity" accepted (any case), NaN rejected. Returns null on failure.
 */
export function parseFloatStrict(s: string): number | null {
  if (s.length === 0 || s.length > 5000) return null;
  if (FLOAT_RE.test(s)) {
    const c = s.charCodeAt(s[0] === '-' || s[0] === '+' ? 1 : 0);
    if (c === 105 || c === 73) return s[0] === '-' ? -Infinity : Infinity;
    const v = Number(s);
    return Number.isNaN(v) ? null : v;
  }
  if (HEX_FLOAT_RE.test(s)) {
    const neg = s[0] === '-';
    const v = parseInt(s.replace(/^[+-]?0x/i, ''), 16);
    return neg ? -v : v;
  }
  return null;
}

/** C's "%.17g". */
export function formatG17(d: number): string {
  return formatG(d, 17);
}

/** C's "%.<p>g" for finite numbers, "inf"/"-inf"/"nan" otherwise. */
export function formatG(d: number, precision: number): string {
  if (Number.isNaN(d)) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  // toExponential gives the exact decimal exponent after rounding to `precision` digits
  const e = d.toExponential(precision - 1);
  const ePos = e.indexOf('e');
  const x = Number(e.slice(ePos + 1));
  if (x < -4 || x >= precision) {
    let mant = e.slice(0, ePos);
    if (mant.includes('.')) mant = mant.replace(/\.?0+$/, '');
    const ax = Math.abs(x);
    return `${mant}e${x < 0 ? '-' : '+'}${ax < 10 ? '0' : ''}${ax}`;
  }
  let f = d.toFixed(Math.max(0, precision - 1 - x));
  if (f.includes('.')) f = f.replace(/\.?0+$/, '');
  return f;
}

/**
 * INCRBYFLOAT / HINCRBYFLOAT output: Redis prints with "%.17Lf"-style long double and trims trailing zeros
 * (ld2string humanfriendly mode). We compute in double precision and print the shortest text that reads back
 * to the same double, in plain (non-exponent) notation as Redis does.
 */
export function formatHumanFloat(d: number): string {
  if (!Number.isFinite(d)) return d > 0 ? 'inf' : d < 0 ? '-inf' : 'nan';
  if (d === 0) return '0';
  let s = String(d);
  if (s.includes('e')) {
    s = d.toFixed(Math.min(100, Math.max(0, 17 - Math.floor(Math.log10(Math.abs(d))))));
    if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}

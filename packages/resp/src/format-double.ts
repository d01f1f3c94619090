// formatDouble: the text Redis 7.0 sends for a double, i.e. C's printf("%.17g") (17 significant digits, trailing
// zeros dropped, exponent form below 1e-4 or from 1e17), with "inf", "-inf" and "nan". Ties at the 18th digit are
// rounded half-to-even as glibc does (JS's toExponential rounds them away from zero).

function digitsAndExponent(a: number): [string, number] {
  // a > 0 and finite. toExponential(16) -> "d.dddddddddddddddde+X"
  let s = a.toExponential(16);
  const wide = a.toExponential(17);
  if (wide.charCodeAt(18) === 53 /* '5' */) {
    // possible exact tie: the exact decimal value ends at the 18th significant digit with a 5
    const exact = a.toExponential(100);
    const ePos = exact.indexOf('e');
    let zeros = true;
    for (let i = 19; i < ePos; i++) {
      if (exact.charCodeAt(i) !== 48) {
        zeros = false;
        break;
      }
    }
    if (zeros && exact.slice(0, 19) === wide.slice(0, 19)) {
      const last = wide.charCodeAt(17) - 48;
      if (last % 2 === 0) s = wide.slice(0, 18) + wide.slice(wide.indexOf('e'));
    }
  }
  const e = s.indexOf('e');
  return [s[0]! + s.slice(2, e), Number(s.slice(e + 1))];
}

function stripZeros(frac: string): string {
  let n = frac.length;
  while (n > 0 && frac.charCodeAt(n - 1) === 48) n--;
  return frac.slice(0, n);
}

/** Redis 7.0's "%.17g" text for d. */
export function formatDouble(d: number): string {
  if (d !== d) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const sign = d < 0 ? '-' : '';
  const [digits, x] = digitsAndExponent(d < 0 ? -d : d);
  if (x < -4 || x >= 17) {
    const frac = stripZeros(digits.slice(1));
    const ex = x < 0 ? -x : x;
    return `${sign}${digits[0]}${frac === '' ? '' : '.' + frac}e${x < 0 ? '-' : '+'}${ex < 10 ? '0' : ''}${ex}`;
  }
  if (x >= 0) {
    const int = digits.slice(0, x + 1);
    const frac = stripZeros(digits.slice(x + 1));
    return `${sign}${int}${frac === '' ? '' : '.' + frac}`;
  }
  return `${sign}0.${'0'.repeat(-x - 1)}${stripZeros(digits)}`;
}

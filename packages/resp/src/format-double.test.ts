// formatDouble: Redis 7.0's "%.17g" text, checked against values printed by C's printf.
import { describe, expect, it } from 'vitest';
import { formatDouble } from './index.js';

describe('formatDouble', () => {
  it('matches printf("%.17g")', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '-0'],
      [1, '1'],
      [-2.5, '-2.5'],
      [0.1, '0.10000000000000001'],
      [1 / 3, '0.33333333333333331'],
      [3.14, '3.1400000000000001'],
      [100, '100'],
      [1e16, '10000000000000000'],
      [1e17, '1e+17'],
      [123456789012345680, '1.2345678901234568e+17'],
      [1e-4, '0.0001'],
      [1.5e-5, '1.5e-05'],
      [1e-5, '1.0000000000000001e-05'],
      [5e-324, '4.9406564584124654e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [1e300, '1.0000000000000001e+300'],
      // exact tie at the 18th digit: glibc rounds half to even
      [1000000000000000.25, '1000000000000000.2'],
      [1000000000000000.75, '1000000000000000.8'],
      [Infinity, 'inf'],
      [-Infinity, '-inf'],
      [NaN, 'nan'],
    ];
    for (const [d, s] of cases) expect(formatDouble(d), String(d)).toBe(s);
  });
});

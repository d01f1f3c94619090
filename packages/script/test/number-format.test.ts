// Property test against the reference interpreter: random doubles of every magnitude formatted with
// tostring (%.14g) and string.format's %.3f %e %g %.0f %5.1f %d %x must come out byte for byte as lua5.1's
// (C printf, ties to even). Skips loudly when lua5.1 is not installed.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LuaEngine } from '../src/index.js';

const hasLua = spawnSync('lua5.1', ['-v']).status === 0;
if (!hasLua) console.warn('lua5.1 not found: skipping the number formatting property test');

const FORMATS = ['%.14g', '%.3f', '%e', '%g', '%.0f', '%5.1f', '%.10g', '%#.3g', '%+.2e'];

function program(nums: number[]): string {
  const lines = nums.map((n) => {
    const lit = Object.is(n, -0) ? '-0.0' : n.toPrecision(17);
    const fmts = FORMATS.map((f) => `string.format('${f}', x)`).join(", '|', ");
    const ints = Math.abs(n) < 2 ** 53 ? ", '|', string.format('%d %x', x, math.abs(x))" : '';
    return `do local x = ${lit} print(tostring(x), '|', ${fmts}${ints}) end`;
  });
  return lines.join('\n');
}

describe('number formatting vs lua5.1', () => {
  it.skipIf(!hasLua)('matches C printf for random doubles', () => {
    const arb = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -1e9, max: 1e9 }).map((i) => i / 8),
      fc.integer({ min: -100000, max: 100000 }).map((i) => i / 1000),
      fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
      fc.constantFrom(0.5, 1.5, 2.5, 0.125, 0.375, 1e15, 1e16, 123456789012345, 1e-5, 5e-324, 1.7976931348623157e308),
    );
    const nums = fc.sample(arb, { numRuns: 400, seed: 42 });
    const src = program(nums);
    let ours = '';
    const e = new LuaEngine({ print: (l) => (ours += l + '\n') });
    const f = e.compile(src, '=stdin');
    if (typeof f !== 'function') throw new Error(f.error);
    e.call(f, []);
    const ref = spawnSync('lua5.1', ['-'], { input: src }).stdout.toString('latin1');
    const a = ours.split('\n');
    const b = ref.split('\n');
    expect(b.length).toBe(nums.length + 1);
    for (let i = 0; i < b.length; i++) expect(a[i], `number ${String(nums[i])}`).toBe(b[i]);
  });
});

// Property test against the reference interpreter: random subjects against a set of Lua patterns through
// string.find, string.match, string.gsub and string.gmatch must give lua5.1's results exactly.
// Skips loudly when lua5.1 is not installed.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LuaEngine } from '../src/index.js';

const hasLua = spawnSync('lua5.1', ['-v']).status === 0;
if (!hasLua) console.warn('lua5.1 not found: skipping the pattern property test');

const PATTERNS = [
  'a', 'a*', 'a+', 'a-', 'a?b', '^a', 'a$', '^$', '.', '.-b', '(a)(b)', '()a()', '%a+', '%d+', '%s*', '%w-%d',
  '[ab]+', '[^ab]+', '[a-c]', '[%d%.]+', '%bab', '%f[%w]%w+', '(a*(.)%w(%s*))', '(%a)%1', 'b%-?', '[]a]', '[a-]',
  '%p', '%x%x', '%u%l', '%S+', '(.-)%s*$', '^(%d+)-(%d+)', 'a.-a', '%z', '[%a_][%w_]*', '(h)(e)(l)', '..?',
];

function program(cases: [string, number][]): string {
  const q = (s: string): string => '"' + s.replace(/[\\"\n\r\0]/g, (c) => '\\' + String(c.charCodeAt(0)).padStart(3, '0')) + '"';
  const lines = cases.map(([s, i]) => {
    const p = q(PATTERNS[i % PATTERNS.length] as string);
    return `do local s, p = ${q(s)}, ${p}
  print(string.find(s, p)) print(string.find(s, p, 3)) print(string.match(s, p))
  print(string.gsub(s, p, "<%0>")) print(string.gsub(s, p, "x", 2))
  local t = {} for a, b in string.gmatch(s, p) do t[#t + 1] = tostring(a) .. ":" .. tostring(b) if #t > 20 then break end end print(table.concat(t, ","))
end`;
  });
  return lines.join('\n');
}

describe('patterns vs lua5.1', () => {
  it.skipIf(!hasLua)('find/match/gsub/gmatch agree on random subjects', () => {
    const subject = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', '2', ' ', '.', '-', 'h', 'e', 'l', 'A', '_', ']'), maxLength: 12 });
    const cases = fc.sample(fc.tuple(subject, fc.nat()), { numRuns: 600, seed: 7 });
    const src = program(cases);
    let ours = '';
    const e = new LuaEngine({ print: (l) => (ours += l + '\n') });
    const f = e.compile(src, '=stdin');
    if (typeof f !== 'function') throw new Error(f.error);
    e.call(f, []);
    const ref = spawnSync('lua5.1', ['-'], { input: Buffer.from(src, 'latin1') });
    expect(ref.stderr.toString()).toBe('');
    const a = ours.split('\n');
    const b = ref.stdout.toString('latin1').split('\n');
    expect(b.length).toBe(cases.length * 6 + 1);
    for (let i = 0; i < b.length - 1; i++) {
      const c = cases[Math.floor(i / 6)] as [string, number];
      expect(a[i], `subject ${JSON.stringify(c[0])} pattern ${PATTERNS[c[1] % PATTERNS.length]}`).toBe(b[i]);
    }
  });
});

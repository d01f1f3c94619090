// Differential test: every Lua program in test/snippets/ runs through the reference interpreter `lua5.1` and
// through LuaEngine; their outputs (stdout, and the error line if the chunk fails) must match exactly.
// Each program also runs in the resumable (generator) form, paused at every few budget checks, as a busy
// script is run by the server: pauses must not change what a program does. Skips loudly without lua5.1.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LuaEngine, LuaError } from '../src/index.js';

const dir = join(import.meta.dirname, 'snippets');
const files = readdirSync(dir).filter((f) => f.endsWith('.lua')).sort();
const hasLua = spawnSync('lua5.1', ['-v']).status === 0;
if (!hasLua) console.warn('lua5.1 not found: skipping the differential Lua tests (apt-get install lua5.1)');

function runOurs(src: string): string {
  let out = '';
  const engine = new LuaEngine({ print: (l) => (out += l + '\n') });
  const f = engine.compile(src, '=stdin');
  if (typeof f !== 'function') return out + `lua5.1: ${f.error}\n`;
  try {
    engine.call(f, []);
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    out += `lua5.1: ${e.message}\n`;
  }
  return out;
}

/** The resumable form, paused very often (every 7 back-edges/calls), run to the end. */
function runResumable(src: string): string {
  let out = '';
  const engine = new LuaEngine({ print: (l) => (out += l + '\n'), budget: { checkEvery: 7, onBudget: () => 'yield' } });
  const f = engine.compile(src, '=stdin', { resumable: true });
  if (typeof f !== 'function') return out + `lua5.1: ${f.error}\n`;
  try {
    const run = engine.startResumable(f, []);
    let slices = 0;
    while (!run.step().done) slices++;
    if (slices === 0) out += 'never paused\n';
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    out += `lua5.1: ${e.message}\n`;
  }
  return out;
}

function runLua(src: string): string {
  const r = spawnSync('lua5.1', ['-'], { input: Buffer.from(src, 'latin1') });
  const err = r.stderr.toString('latin1');
  // keep only the first line of lua's error report (drop the traceback)
  const first = err === '' ? '' : (err.split('\n')[0] as string) + '\n';
  return r.stdout.toString('latin1') + first;
}

describe('Lua 5.1 differential', () => {
  for (const f of files) {
    it.skipIf(!hasLua)(f, () => {
      const src = readFileSync(join(dir, f), 'latin1');
      // addresses of tables and functions differ by nature
      const norm = (s: string): string => s.replace(/0x[0-9a-f]{6,}/g, '0xADDR');
      expect(norm(runOurs(src))).toBe(norm(runLua(src)));
    });
    it.skipIf(!hasLua)(`${f} (resumable, paused every few steps)`, () => {
      // generator frames use more JS stack: resumable runs nest about 4,000 Lua calls, not 5,000 (README)
      const src = readFileSync(join(dir, f), 'latin1').replace('deep(5000)', 'deep(3000)');
      const norm = (s: string): string => s.replace(/0x[0-9a-f]{6,}/g, '0xADDR');
      expect(norm(runResumable(src))).toBe(norm(runLua(src)));
    });
  }
});

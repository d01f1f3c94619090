import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CommandTable, legacyRange } from './table.js';

describe('command table', () => {
  it('the generated table matches spec/*.json and every spec has its handler (and every handler a spec)', () => {
    const script = fileURLToPath(new URL('../scripts/gen-table.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('resolves subcommands and derives legacy key ranges like Redis', () => {
    const t = new CommandTable();
    expect(t.get('GET')?.firstKey).toBe(1);
    expect(t.get('mset')?.lastKey).toBe(-1);
    expect(t.get('mset')?.keyStep).toBe(2);
    expect(t.byFullName('config|get')?.arity).toBe(-3);
    expect(t.lookup(['CONFIG', 'get', '*'])?.name).toBe('config|get');
  });

  it('flags a command with non-range key specs as movablekeys', () => {
    const r = legacyRange({
      name: 'x',
      group: 'generic',
      since: '1',
      arity: -2,
      key_specs: [{ flags: [], begin_search: { keyword: { keyword: 'STREAMS', startfrom: 1 } }, find_keys: { range: { lastkey: -1, step: 1, limit: 2 } } }],
    });
    expect(r.movable).toBe(true);
    expect(r.first).toBe(0);
  });
});

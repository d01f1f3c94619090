// Differential test of the command table's projections: for every command Redwing implements (COMMAND LIST),
// COMMAND INFO and COMMAND DOCS must equal a real redis-server's answers (subcommand order normalised: Redis
// prints them in hash order). Skips loudly when redis-server is not installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveRedisServer, ReplyClient, start, startRealRedis, type Started } from './helpers.js';

const HAVE = haveRedisServer();
if (!HAVE) console.warn('redis-server not installed: skipping COMMAND INFO/DOCS differential tests');

type Reply = unknown;

/** COMMAND INFO entry with subcommands sorted by name. */
function normInfo(entry: Reply): Reply {
  if (!Array.isArray(entry)) return entry;
  const out = [...entry];
  const subs = out[9];
  if (Array.isArray(subs)) out[9] = subs.map(normInfo).sort((a, b) => String((a as Reply[])[0]).localeCompare(String((b as Reply[])[0])));
  return out;
}

/** A RESP2 flat map [k, v, k, v] into an object, recursively for the known map-valued fields of COMMAND DOCS. */
function docsObject(flat: Reply): Record<string, Reply> {
  const o: Record<string, Reply> = {};
  if (!Array.isArray(flat)) return o;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const k = String(flat[i]);
    let v = flat[i + 1];
    if (k === 'subcommands') v = docsObjectOfMaps(v);
    else if (k === 'arguments') v = (v as Reply[]).map(argObject);
    o[k] = v;
  }
  return o;
}
function argObject(flat: Reply): Record<string, Reply> {
  const o: Record<string, Reply> = {};
  const a = flat as Reply[];
  for (let i = 0; i + 1 < a.length; i += 2) {
    const k = String(a[i]);
    o[k] = k === 'arguments' ? (a[i + 1] as Reply[]).map(argObject) : a[i + 1];
  }
  return o;
}
function docsObjectOfMaps(flat: Reply): Record<string, Reply> {
  const o: Record<string, Reply> = {};
  const a = flat as Reply[];
  for (let i = 0; i + 1 < a.length; i += 2) o[String(a[i])] = docsObject(a[i + 1]);
  return o;
}

describe.skipIf(!HAVE)('COMMAND INFO / DOCS against redis-server', () => {
  let srv: Started;
  let real: Awaited<ReturnType<typeof startRealRedis>>;
  let ours: ReplyClient;
  let theirs: ReplyClient;
  let names: string[] = [];

  beforeAll(async () => {
    srv = await start();
    real = await startRealRedis();
    ours = await ReplyClient.connect(srv.port);
    theirs = await ReplyClient.connect(real.port);
    names = ((await ours.call('COMMAND', 'LIST')) as string[]).filter((n) => !n.includes('|'));
  });
  afterAll(async () => {
    ours.close();
    theirs.close();
    await real.close();
    await srv.close();
  });

  it('implements a meaningful number of commands', () => {
    expect(names.length).toBeGreaterThan(20);
  });

  it('COMMAND INFO matches for every implemented command', async () => {
    const mismatches: string[] = [];
    for (const name of names) {
      const a = normInfo(((await ours.call('COMMAND', 'INFO', name)) as Reply[])[0]);
      const b = normInfo(((await theirs.call('COMMAND', 'INFO', name)) as Reply[])[0]);
      // Redwing may implement only some subcommands of a container: compare those it has.
      if (Array.isArray(a) && Array.isArray(b) && Array.isArray(a[9]) && Array.isArray(b[9])) {
        const have = new Set((a[9] as Reply[][]).map((s) => s[0]));
        b[9] = (b[9] as Reply[][]).filter((s) => have.has(s[0]));
      }
      try {
        expect(a).toEqual(b);
      } catch {
        mismatches.push(`${name}: ours ${JSON.stringify(a)} theirs ${JSON.stringify(b)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('COMMAND DOCS matches for every implemented command', async () => {
    const mismatches: string[] = [];
    for (const name of names) {
      const a = docsObject(((await ours.call('COMMAND', 'DOCS', name)) as Reply[])[1]);
      const b = docsObject(((await theirs.call('COMMAND', 'DOCS', name)) as Reply[])[1]);
      if (a.subcommands && b.subcommands) {
        const have = new Set(Object.keys(a.subcommands));
        for (const k of Object.keys(b.subcommands)) if (!have.has(k)) delete (b.subcommands as Record<string, Reply>)[k];
      }
      try {
        expect(a).toEqual(b);
      } catch {
        mismatches.push(`${name}: ours ${JSON.stringify(a)} theirs ${JSON.stringify(b)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('COMMAND GETKEYS / GETKEYSANDFLAGS agree on representative commands', async () => {
    const cases: string[][] = [
      ['GETKEYS', 'SET', 'k', 'v'],
      ['GETKEYS', 'MSET', 'a', '1', 'b', '2'],
      ['GETKEYS', 'LMOVE', 'src', 'dst', 'LEFT', 'RIGHT'],
      ['GETKEYS', 'BLMPOP', '0', '2', 'a', 'b', 'LEFT'],
      ['GETKEYS', 'LMPOP', '0', 'a', 'LEFT'],
      ['GETKEYS', 'GET'],
      ['GETKEYS', 'PING'],
      ['GETKEYS', 'NOSUCHCMD', 'x'],
      ['GETKEYS', 'CLIENT', 'LIST'],
      ['GETKEYS', 'OBJECT', 'ENCODING', 'k'],
      ['GETKEYSANDFLAGS', 'SET', 'k', 'v'],
      ['GETKEYSANDFLAGS', 'LMOVE', 'src', 'dst', 'LEFT', 'RIGHT'],
      ['GETKEYSANDFLAGS', 'DEL', 'a', 'b'],
      ['GETKEYSANDFLAGS', 'RENAME', 'a', 'b'],
    ];
    for (const cmd of cases) {
      const a = await ours.call('COMMAND', ...cmd);
      const b = await theirs.call('COMMAND', ...cmd);
      expect([cmd.join(' '), a]).toEqual([cmd.join(' '), b]);
    }
  });

  it('COMMAND COUNT, LIST filters, HELP and errors', async () => {
    const count = (await ours.call('COMMAND', 'COUNT')) as number;
    expect(count).toBe(names.length);
    const all = (await ours.call('COMMAND')) as Reply[];
    expect(all.length).toBe(count);
    const byPattern = (await ours.call('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'client|*')) as string[];
    expect(byPattern.length).toBeGreaterThan(5);
    expect(byPattern.every((n) => n.startsWith('client|'))).toBe(true);
    const byCat = (await ours.call('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'keyspace')) as string[];
    expect(byCat).toContain('del');
    expect(byCat).not.toContain('get');
    expect(await ours.call('COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'x')).toEqual([]);
    for (const cmd of [
      ['COMMAND', 'LIST', 'FILTERBY', 'FOO', 'x'],
      ['COMMAND', 'LIST', 'BAR'],
      ['COMMAND', 'HELP'],
      ['COMMAND', 'INFO', 'get', 'nosuch', 'client|list'],
      ['COMMAND', 'DOCS', 'nosuch'],
      ['COMMAND', 'FOO'],
    ]) {
      expect([cmd.join(' '), await ours.call(...cmd)]).toEqual([cmd.join(' '), await theirs.call(...cmd)]);
    }
  });
});

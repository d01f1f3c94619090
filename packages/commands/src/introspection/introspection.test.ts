// Engine-level tests of the introspection family: pause state rules, COMMAND GETKEYS through key specs,
// DEBUG's enable-debug-command gate, CLIENT LIST for clients without a connection.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { pauseState } from './pause-state.js';
import { keysFromSpecs } from './command-generic.js';

describe('CLIENT PAUSE state', () => {
  it('WRITE postpones write and may-replicate commands and EXEC of queued writes; ALL postpones everything', () => {
    const e = createEngine();
    const c = e.createClient();
    expect(e.run(c, ['CLIENT', 'PAUSE', 100000, 'WRITE']).toString()).toBe('+OK\r\n');
    const ps = pauseState(e);
    const get = e.table.get('get')!;
    const set = e.table.get('set')!;
    const publish = e.table.get('publish')!;
    const exec = e.table.get('exec')!;
    expect(ps.mustPostpone(c, get)).toBe(false);
    expect(ps.mustPostpone(c, set)).toBe(true);
    expect(ps.mustPostpone(c, publish)).toBe(true);
    expect(ps.mustPostpone(c, exec)).toBe(false);
    c.multiQueue.push({ cmd: set, argv: ['SET', 'a', 'b'] });
    expect(ps.mustPostpone(c, exec)).toBe(true);
    c.multiQueue.length = 0;
    e.run(c, ['CLIENT', 'PAUSE', 10, 'ALL']);
    expect(ps.type).toBe('all'); // the stricter type wins
    expect(ps.mustPostpone(c, get)).toBe(true);
    let released = 0;
    ps.onRelease.add(() => released++);
    // Under PAUSE ALL every command waits, CLIENT UNPAUSE included (as in Redis 7.0): it runs on release.
    expect(e.run(c, ['CLIENT', 'UNPAUSE']).toString()).toBe('');
    expect(e.blocking.blockedCount + e.postponedCount).toBe(1);
    ps.unpause();
    expect(c.reply.take().toString()).toBe('+OK\r\n');
    expect(e.postponedCount).toBe(0);
    expect(ps.type).toBe('off');
    expect(released).toBe(1);
    expect(ps.mustPostpone(c, set)).toBe(false);
  });

  it('an expired pause lifts itself', async () => {
    const e = createEngine();
    const c = e.createClient();
    e.run(c, ['CLIENT', 'PAUSE', 5]);
    const ps = pauseState(e);
    expect(ps.isPaused()).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(ps.type).toBe('off');
  });
});

describe('key extraction from key specs', () => {
  const e = createEngine();
  const keys = (...argv: string[]): string[] | null => {
    const cmd = e.table.get(argv[0]!)!;
    const r = keysFromSpecs(cmd, argv);
    return r === null ? null : r.map((k) => argv[k.pos]!);
  };
  it('index + range, keynum, negative lastkey', () => {
    expect(keys('get', 'k')).toEqual(['k']);
    expect(keys('mset', 'a', '1', 'b', '2')).toEqual(['a', 'b']);
    expect(keys('del', 'a', 'b', 'c')).toEqual(['a', 'b', 'c']);
    expect(keys('lmpop', '2', 'a', 'b', 'LEFT')).toEqual(['a', 'b']);
    expect(keys('blpop', 'a', 'b', '0')).toEqual(['a', 'b']);
    expect(keys('lmpop', 'x', 'a', 'LEFT')).toBeNull();
  });
  it('GETKEYS errors', () => {
    const c = e.createClient();
    expect(e.run(c, ['COMMAND', 'GETKEYS', 'ping', 'x']).toString()).toBe('-ERR The command has no key arguments\r\n');
    expect(e.run(c, ['COMMAND', 'GETKEYS', 'nosuch', 'x']).toString()).toBe('-ERR Invalid command specified\r\n');
    expect(e.run(c, ['COMMAND', 'GETKEYS', 'get', 'a', 'b']).toString()).toBe('-ERR Invalid number of arguments specified for command\r\n');
    expect(e.run(c, ['COMMAND', 'GETKEYS', 'lmpop', 'x', 'a', 'LEFT']).toString()).toBe('-ERR Invalid arguments specified for command\r\n');
  });
});

describe('DEBUG gate and CLIENT LIST without a connection', () => {
  it('DEBUG is refused unless enable-debug-command allows it', () => {
    const e = createEngine();
    const c = e.createClient();
    expect(e.run(c, ['DEBUG', 'SLEEP', 0]).toString()).toMatch(/^-ERR DEBUG command not allowed/);
    const e2 = createEngine({ config: { 'enable-debug-command': 'yes' } });
    expect(e2.run(e2.createClient(), ['DEBUG', 'SLEEP', 0]).toString()).toBe('+OK\r\n');
  });
  it('CLIENT LIST works for engine-only clients', () => {
    const e = createEngine();
    const c = e.createClient();
    e.createClient();
    const out = e.run(c, ['CLIENT', 'LIST']).toString('latin1');
    expect(out.match(/id=\d+ addr= laddr= fd=-1 /g)).toHaveLength(2);
  });
});

describe('CLIENT PAUSE WRITE and scripts', () => {
  it('scripts and functions flagged no-writes are not postponed; others are', () => {
    const e = createEngine();
    const c = e.createClient();
    e.run(c, ['FUNCTION', 'LOAD', "#!lua name=lib\nredis.register_function{function_name='ro', callback=function() return 1 end, flags={'no-writes'}}"]);
    e.run(c, ['CLIENT', 'PAUSE', 100000, 'WRITE']);
    expect(e.run(c, ['EVAL', "#!lua flags=no-writes\nreturn 'x'", 0]).toString()).toBe('$1\r\nx\r\n');
    expect(e.run(c, ['FCALL', 'ro', 0]).toString()).toBe(':1\r\n');
    expect(e.run(c, ['EVAL', 'return 1', 0]).toString()).toBe('');
    expect(e.postponedCount).toBe(1);
    e.pause.unpause();
    expect(c.reply.take().toString()).toBe(':1\r\n');
  });
});

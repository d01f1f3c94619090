// Engine-level tests of the generic keyspace commands: replies, TTL rules, notifications, blocked-client wake-ups.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';

function setup() {
  let now = 1_000_000_000_000;
  const e = createEngine({ clock: () => now });
  const c = e.createClient();
  const run = (...argv: (string | number)[]): string => e.run(c, argv).toString('latin1');
  return { e, c, run, advance: (ms: number) => (now += ms), now: () => now };
}

describe('DEL / EXISTS / TYPE / UNLINK', () => {
  it('counts deleted and existing keys, repeats included', () => {
    const { run } = setup();
    run('SET', 'a', '1');
    run('RPUSH', 'l', 'x');
    expect(run('EXISTS', 'a', 'a', 'nope', 'l')).toBe(':3\r\n');
    expect(run('TYPE', 'l')).toBe('+list\r\n');
    expect(run('TYPE', 'nope')).toBe('+none\r\n');
    expect(run('DEL', 'a', 'nope', 'a')).toBe(':1\r\n');
    expect(run('UNLINK', 'l')).toBe(':1\r\n');
    expect(run('DBSIZE')).toBe(':0\r\n');
  });
});

describe('EXPIRE family', () => {
  it('sets, reads and removes TTLs', () => {
    const { run, advance, now } = setup();
    run('SET', 'k', 'v');
    expect(run('TTL', 'k')).toBe(':-1\r\n');
    expect(run('TTL', 'nope')).toBe(':-2\r\n');
    expect(run('EXPIRE', 'k', 100)).toBe(':1\r\n');
    expect(run('PTTL', 'k')).toBe(':100000\r\n');
    advance(400);
    expect(run('TTL', 'k')).toBe(':100\r\n'); // rounded as Redis does
    expect(run('EXPIRETIME', 'k')).toBe(`:${Math.floor((now() - 400 + 100_000 + 500) / 1000)}\r\n`);
    expect(run('PEXPIRETIME', 'k')).toBe(`:${now() - 400 + 100_000}\r\n`);
    expect(run('PERSIST', 'k')).toBe(':1\r\n');
    expect(run('PERSIST', 'k')).toBe(':0\r\n');
    expect(run('PEXPIREAT', 'k', now() + 5)).toBe(':1\r\n');
    advance(6);
    expect(run('EXISTS', 'k')).toBe(':0\r\n');
  });

  it('NX / XX / GT / LT and their incompatibilities', () => {
    const { run } = setup();
    run('SET', 'k', 'v');
    expect(run('EXPIRE', 'k', 100, 'XX')).toBe(':0\r\n');
    expect(run('EXPIRE', 'k', 100, 'NX')).toBe(':1\r\n');
    expect(run('EXPIRE', 'k', 200, 'NX')).toBe(':0\r\n');
    expect(run('EXPIRE', 'k', 50, 'GT')).toBe(':0\r\n');
    expect(run('EXPIRE', 'k', 150, 'GT')).toBe(':1\r\n');
    expect(run('EXPIRE', 'k', 160, 'LT')).toBe(':0\r\n');
    expect(run('EXPIRE', 'k', 10, 'LT')).toBe(':1\r\n');
    expect(run('EXPIRE', 'k', 10, 'NX', 'XX')).toBe('-ERR NX and XX, GT or LT options at the same time are not compatible\r\n');
    expect(run('EXPIRE', 'k', 10, 'GT', 'LT')).toBe('-ERR GT and LT options at the same time are not compatible\r\n');
    expect(run('EXPIRE', 'k', 10, 'foo')).toBe('-ERR Unsupported option foo\r\n');
    run('PERSIST', 'k');
    expect(run('EXPIRE', 'k', 10, 'GT')).toBe(':0\r\n');
    expect(run('EXPIRE', 'k', 10, 'LT')).toBe(':1\r\n');
  });

  it('non-positive times delete the key and fire del; overflow is an error', () => {
    const { e, run } = setup();
    const events: string[] = [];
    const hooks = e.keyspace.hooks;
    const prev = hooks.notify?.bind(hooks);
    hooks.notify = (cls, ev, key, db) => {
      events.push(`${cls}:${ev}:${key}`);
      prev?.(cls, ev, key, db);
    };
    run('SET', 'k', 'v');
    expect(run('EXPIRE', 'k', -1)).toBe(':1\r\n');
    expect(run('EXISTS', 'k')).toBe(':0\r\n');
    expect(events).toContain('g:del:k');
    run('SET', 'k', 'v');
    expect(run('EXPIRE', 'k', '9223372036854775807')).toBe("-ERR invalid expire time in 'expire' command\r\n");
    expect(run('PEXPIRE', 'k', '9223372036854775807')).toBe("-ERR invalid expire time in 'pexpire' command\r\n");
    expect(run('EXPIREAT', 'k', '-9223372036854775808')).toBe("-ERR invalid expire time in 'expireat' command\r\n");
    expect(run('EXPIRE', 'k', 'abc')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(run('EXPIRE', 'nope', 10)).toBe(':0\r\n');
  });
});

describe('KEYS / SCAN / RANDOMKEY', () => {
  it('KEYS matches globs and skips expired keys', () => {
    const { run, advance } = setup();
    for (const k of ['foo', 'fab', 'bar', 'f[x']) run('SET', k, 1);
    run('PEXPIRE', 'fab', 10);
    advance(20);
    const r = run('KEYS', 'f*');
    expect(r.startsWith('*2\r\n')).toBe(true);
    expect(r).toContain('foo');
    expect(r).toContain('f[x');
    expect(run('KEYS', 'f\\[x')).toBe('*1\r\n$3\r\nf[x\r\n');
  });

  it('SCAN visits every key once over a full iteration, with MATCH and TYPE filters', () => {
    const { run } = setup();
    for (let i = 0; i < 100; i++) run('SET', `k${i}`, i);
    for (let i = 0; i < 10; i++) run('RPUSH', `l${i}`, 'x');
    const seen = new Set<string>();
    let cursor = '0';
    let rounds = 0;
    do {
      const out = run('SCAN', cursor, 'COUNT', 7, 'TYPE', 'list', 'MATCH', 'l*');
      const lines = out.split('\r\n');
      cursor = lines[2]!;
      for (let i = 5; i < lines.length; i += 2) if (lines[i]) seen.add(lines[i]!);
      rounds++;
    } while (cursor !== '0' && rounds < 1000);
    expect([...seen].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `l${i}`).sort());
    expect(run('SCAN', 'x')).toBe('-ERR invalid cursor\r\n');
    expect(run('SCAN', 0, 'COUNT', 0)).toBe('-ERR syntax error\r\n');
    expect(run('SCAN', 0, 'COUNT', 'x')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(run('SCAN', 0, 'FOO')).toBe('-ERR syntax error\r\n');
  });

  it('RANDOMKEY', () => {
    const { run } = setup();
    expect(run('RANDOMKEY')).toBe('$-1\r\n');
    run('SET', 'only', 1);
    expect(run('RANDOMKEY')).toBe('$4\r\nonly\r\n');
  });
});

describe('RENAME / RENAMENX / MOVE / COPY / SWAPDB / TOUCH', () => {
  it('RENAME moves value and TTL', () => {
    const { run } = setup();
    expect(run('RENAME', 'a', 'b')).toBe('-ERR no such key\r\n');
    run('SET', 'a', 'v');
    run('EXPIRE', 'a', 100);
    run('SET', 'b', 'old');
    expect(run('RENAME', 'a', 'b')).toBe('+OK\r\n');
    expect(run('GET', 'b')).toBe('$1\r\nv\r\n');
    expect(run('TTL', 'b')).toBe(':100\r\n');
    expect(run('RENAME', 'b', 'b')).toBe('+OK\r\n');
    run('SET', 'c', 'x');
    expect(run('RENAMENX', 'b', 'c')).toBe(':0\r\n');
    expect(run('RENAMENX', 'b', 'd')).toBe(':1\r\n');
    expect(run('RENAMENX', 'd', 'd')).toBe(':0\r\n');
  });

  it('MOVE and COPY across dbs', () => {
    const { run } = setup();
    run('SET', 'k', 'v');
    expect(run('MOVE', 'k', 0)).toBe('-ERR source and destination objects are the same\r\n');
    expect(run('MOVE', 'k', 99)).toBe('-ERR DB index is out of range\r\n');
    expect(run('MOVE', 'k', 'x')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(run('MOVE', 'k', 1)).toBe(':1\r\n');
    expect(run('EXISTS', 'k')).toBe(':0\r\n');
    expect(run('COPY', 'k', 'k2')).toBe(':0\r\n');
    run('SELECT', 1);
    expect(run('COPY', 'k', 'k')).toBe('-ERR source and destination objects are the same\r\n');
    expect(run('COPY', 'k', 'k', 'DB', 0)).toBe(':1\r\n');
    expect(run('COPY', 'k', 'k', 'DB', 0)).toBe(':0\r\n');
    expect(run('COPY', 'k', 'k', 'DB', 0, 'REPLACE')).toBe(':1\r\n');
    expect(run('COPY', 'k', 'k', 'BAD')).toBe('-ERR syntax error\r\n');
    run('RPUSH', 'l', 'a', 'b');
    expect(run('COPY', 'l', 'l2')).toBe(':1\r\n');
    run('RPUSH', 'l2', 'c');
    expect(run('LLEN', 'l')).toBe(':2\r\n');
    expect(run('LLEN', 'l2')).toBe(':3\r\n');
  });

  it('SWAPDB swaps contents, dirties WATCH and wakes blocked clients', () => {
    const { e, c, run } = setup();
    run('SET', 'k', 'db0');
    run('SELECT', 1);
    run('RPUSH', 'l', 'x');
    const watcher = e.createClient();
    e.run(watcher, ['WATCH', 'k']);
    e.run(watcher, ['MULTI']);
    e.run(watcher, ['PING']);
    const blocked = e.createClient();
    e.run(blocked, ['BLPOP', 'l', 0]); // db 0 has no 'l': blocks
    expect(run('SWAPDB', 0, 1)).toBe('+OK\r\n');
    expect(blocked.reply.take().toString('latin1')).toBe('*2\r\n$1\r\nl\r\n$1\r\nx\r\n');
    expect(run('GET', 'k')).toBe('$3\r\ndb0\r\n');
    expect(e.run(watcher, ['EXEC']).toString('latin1')).toBe('*-1\r\n');
    expect(run('SWAPDB', 0, 16)).toBe('-ERR DB index is out of range\r\n');
    expect(run('SWAPDB', 'a', 1)).toBe('-ERR invalid first DB index\r\n');
    expect(run('SWAPDB', 1, 'b')).toBe('-ERR invalid second DB index\r\n');
    void c;
  });

  it('TOUCH counts existing keys', () => {
    const { run } = setup();
    run('SET', 'a', 1);
    expect(run('TOUCH', 'a', 'b', 'a')).toBe(':2\r\n');
  });

  it('RENAME onto a key a client is blocked on serves it', () => {
    const { e, run } = setup();
    run('RPUSH', 'src', 'v');
    const b = e.createClient();
    e.run(b, ['BLPOP', 'dst', 0]);
    run('RENAME', 'src', 'dst');
    expect(b.reply.take().toString('latin1')).toBe('*2\r\n$3\r\ndst\r\n$1\r\nv\r\n');
  });
});

describe('MOVE keeps the TTL', () => {
  it('the moved key has the same expire time in the target db', () => {
    const { e, run } = setup();
    run('SET', 'k', 'v', 'EX', 100);
    const at = e.db(0).getExpire('k');
    expect(run('MOVE', 'k', 3)).toBe(':1\r\n');
    expect(e.db(3).getExpire('k')).toBe(at);
  });
});

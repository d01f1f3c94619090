// RequestParser: every case is fed whole, one byte at a time, and split at every boundary where cheap.
import { describe, expect, it } from 'vitest';
import { ProtocolError, RequestParser, type RequestParserOptions } from './index.js';

interface Outcome {
  commands: string[][];
  error: string | null;
}

type Split = 'whole' | 'bytes';

function run(input: Buffer | string, split: Split, opts: Partial<RequestParserOptions> = {}): Outcome {
  const out: Outcome = { commands: [], error: null };
  const p = new RequestParser({
    onCommand: (args) => out.commands.push(args.map((a) => (typeof a === 'string' ? a : a.toString('latin1')))),
    onError: (e) => {
      expect(e).toBeInstanceOf(ProtocolError);
      expect(e.code).toBe('EPROTOCOL');
      expect(out.error).toBeNull();
      out.error = e.message;
    },
    ...opts,
  });
  const buf = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  if (split === 'whole') p.feed(buf);
  else for (let i = 0; i < buf.length; i++) p.feed(buf.subarray(i, i + 1));
  expect(p.failed).toBe(out.error !== null);
  return out;
}

/** Runs in both split modes and both arg types; all four must agree. */
function parse(input: Buffer | string, opts: Partial<RequestParserOptions> = {}): Outcome {
  const a = run(input, 'whole', opts);
  expect(run(input, 'bytes', opts)).toEqual(a);
  expect(run(input, 'whole', { ...opts, argType: 'latin1' })).toEqual(a);
  expect(run(input, 'bytes', { ...opts, argType: 'latin1' })).toEqual(a);
  return a;
}

describe('RequestParser multibulk', () => {
  it('parses one command and a pipeline', () => {
    expect(parse('*1\r\n$4\r\nPING\r\n')).toEqual({ commands: [['PING']], error: null });
    expect(parse('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n').commands).toEqual([
      ['SET', 'k', ''],
      ['GET', 'k'],
    ]);
  });

  it('is binary safe', () => {
    const v = Buffer.from([0, 13, 10, 255, 128, 36, 42]);
    const input = Buffer.concat([Buffer.from('*2\r\n$3\r\nSET\r\n$7\r\n'), v, Buffer.from('\r\n')]);
    const got: Buffer[][] = [];
    const p = new RequestParser({ onCommand: (a) => got.push(a as Buffer[]), onError: () => expect.fail() });
    p.feed(input);
    expect(got[0]![1]!.equals(v)).toBe(true);
  });

  it('skips *0 and *-1 (and any negative count), then keeps parsing', () => {
    expect(parse('*0\r\n*-1\r\n*-10\r\n*1\r\n$4\r\nPING\r\n')).toEqual({ commands: [['PING']], error: null });
  });

  it('rejects bad multibulk counts', () => {
    for (const s of ['*3000000000\r\n', '*abc\r\n', '*-0\r\n', '*+3\r\n', '* 3\r\n', '*03\r\n', '*\r\n']) {
      expect(parse(s), s).toEqual({ commands: [], error: 'invalid multibulk length' });
    }
    expect(parse('*1234567890123456789012345\r\n').error).toBe('invalid multibulk length');
    expect(parse('*-9223372036854775809\r\n').error).toBe('invalid multibulk length');
    expect(parse('*-9223372036854775808\r\n*1\r\n$1\r\nx\r\n').commands).toEqual([['x']]);
    expect(parse(`*${1024 * 1024 + 1}\r\n`).error).toBe('invalid multibulk length');
    expect(parse(`*5\r\n`, { maxMultibulkLength: 4 }).error).toBe('invalid multibulk length');
  });

  it("reports a bad bulk header byte as expected '$'", () => {
    expect(parse('*1\r\nfoo\r\n')).toEqual({ commands: [], error: "expected '$', got 'f'" });
    expect(parse('*2\r\n$1\r\na\r\n:1\r\n').error).toBe("expected '$', got ':'");
    // CR/LF would break the error line; Redis shows them as a space
    expect(parse('*1\r\n\r\n').error).toBe("expected '$', got ' '");
  });

  it('rejects bad bulk lengths', () => {
    for (const s of ['$-10', '$blabla', '$2000000000', '$03', '$+3', '$ 3', '$-0', '$3 ', '$', '$99999999999999999999999']) {
      expect(parse(`*1\r\n${s}\r\n`), s).toEqual({ commands: [], error: 'invalid bulk length' });
    }
    expect(parse('*1\r\n$11\r\n', { maxBulkLength: 10 }).error).toBe('invalid bulk length');
    expect(parse('*1\r\n$10\r\n0123456789\r\n', { maxBulkLength: 10 }).commands).toEqual([['0123456789']]);
  });

  it('follows a changed maxBulkLength', () => {
    let err = '';
    const p = new RequestParser({ onCommand: () => undefined, onError: (e) => (err = e.message) });
    p.maxBulkLength = 5;
    p.feed(Buffer.from('*1\r\n$6\r\n'));
    expect(err).toBe('invalid bulk length');
  });

  it('limits count lines to 64 KiB', () => {
    const digits = '1'.repeat(70 * 1024);
    expect(run(`*${digits}`, 'whole').error).toBe('too big mbulk count string');
    expect(run(`*1\r\n$${digits}`, 'whole').error).toBe('too big bulk count string');
    expect(run(`*${digits}`, 'bytes').error).toBe('too big mbulk count string');
    expect(run(`*1\r\n$${digits}`, 'bytes').error).toBe('too big bulk count string');
    // exactly at the limit: still waiting
    expect(run(`*${'1'.repeat(64 * 1024 - 1)}`, 'whole')).toEqual({ commands: [], error: null });
  });

  it('stops delivering after an error', () => {
    expect(parse('*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n*1\r\n$4\r\nPING\r\n')).toEqual({
      commands: [['PING']],
      error: 'invalid bulk length',
    });
    const p = new RequestParser({ onCommand: () => expect.fail(), onError: () => undefined });
    p.feed(Buffer.from('*x\r\n'));
    p.feed(Buffer.from('*1\r\n$4\r\nPING\r\n'));
    expect(p.failed).toBe(true);
    expect(p.bufferedBytes).toBe(0);
  });

  it('does not check the CRLF after a bulk (as Redis)', () => {
    expect(parse('*1\r\n$1\r\naXY*1\r\n$1\r\nb\r\n').commands).toEqual([['a'], ['b']]);
  });

  it('collects large bulks and reports buffered bytes', () => {
    const big = Buffer.alloc(100_000, 'x');
    const input = Buffer.concat([Buffer.from('*2\r\n$3\r\nSET\r\n$100000\r\n'), big, Buffer.from('\r\n*1\r\n$4\r\nPING\r\n')]);
    for (const argType of ['buffer', 'latin1'] as const) {
      const got: (Buffer | string)[][] = [];
      const p = new RequestParser({ onCommand: (a) => got.push(a), onError: () => expect.fail(), argType });
      let maxBuffered = 0;
      for (let i = 0; i < input.length; i += 1000) {
        p.feed(input.subarray(i, i + 1000));
        maxBuffered = Math.max(maxBuffered, p.bufferedBytes);
      }
      expect(got.length).toBe(2);
      expect(Buffer.from(got[0]![1]!).length).toBe(100_000);
      expect(got[0]![1]!.toString()).toBe(big.toString());
      expect(got[1]).toEqual([argType === 'buffer' ? Buffer.from('PING') : 'PING']);
      expect(maxBuffered).toBeGreaterThan(90_000);
      expect(maxBuffered).toBeLessThan(110_000);
      expect(p.bufferedBytes).toBe(0);
    }
  });

  it('enforces the unauthenticated limits until authenticated is set', () => {
    const eleven = `*11\r\n${'$1\r\na\r\n'.repeat(11)}`;
    expect(parse(eleven, { authenticated: false }).error).toBe('unauthenticated multibulk length');
    expect(parse(`*10\r\n${'$1\r\na\r\n'.repeat(10)}`, { authenticated: false }).commands.length).toBe(1);
    expect(parse('*1\r\n$16385\r\n', { authenticated: false }).error).toBe('unauthenticated bulk length');
    expect(parse(`*1\r\n$16384\r\n${'z'.repeat(16384)}\r\n`, { authenticated: false }).commands.length).toBe(1);
    expect(parse(eleven).commands.length).toBe(1);
    const got: unknown[] = [];
    const p = new RequestParser({ onCommand: (a) => got.push(a), onError: () => expect.fail(), authenticated: false });
    p.feed(Buffer.from('*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n'));
    p.authenticated = true;
    p.feed(Buffer.from(eleven));
    expect(got.length).toBe(2);
  });

  it('parses every valid request the same at every split point', () => {
    const input = Buffer.from('*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\nPING\r\n*1\r\n$4\r\nQUIT\r\n', 'latin1');
    const expected = [['SET', 'key', 'value'], ['PING'], ['QUIT']];
    for (let i = 0; i <= input.length; i++) {
      for (let j = i; j <= input.length; j++) {
        const got: string[][] = [];
        const p = new RequestParser({
          onCommand: (a) => got.push(a.map(String)),
          onError: () => expect.fail(),
        });
        p.feed(input.subarray(0, i));
        p.feed(input.subarray(i, j));
        p.feed(input.subarray(j));
        expect(got).toEqual(expected);
      }
    }
  });
});

describe('RequestParser inline', () => {
  it('splits on blanks, accepts \\n-only terminators, skips empty lines', () => {
    expect(parse('PING\r\n')).toEqual({ commands: [['PING']], error: null });
    expect(parse('set  a\tb \n\r\n\n   \r\nget a\n').commands).toEqual([['set', 'a', 'b'], ['get', 'a']]);
  });

  it('understands quotes and escapes as sdssplitargs', () => {
    expect(parse('set "a b" \'c d\'\r\n').commands).toEqual([['set', 'a b', 'c d']]);
    expect(parse('set "\\x41\\x4a\\xff\\n\\r\\t\\b\\a\\\\\\"\\q\\xZZ" v\r\n').commands).toEqual([
      ['set', 'AJ\xff\n\r\t\b\x07\\"qxZZ', 'v'],
    ]);
    expect(parse("set 'it\\'s \\n' v\r\n").commands).toEqual([['set', "it's \\n", 'v']]);
    expect(parse('set ab"cd"\r\n').commands).toEqual([['set', 'abcd']]);
    expect(parse('set "" \'\'\r\n').commands).toEqual([['set', '', '']]);
    expect(parse('a\x0bb\r\n').commands).toEqual([['a\x0bb']]);
  });

  it('rejects unbalanced quotes and runs nothing after', () => {
    for (const s of ['set """k""" v\r\nPING\r\n', 'set "abc\r\nPING\r\n', "set 'abc\r\nPING\r\n", 'set "a"b\r\n', "set 'a'b\r\n"]) {
      expect(parse(s), s).toEqual({ commands: [], error: 'unbalanced quotes in request' });
    }
  });

  it('limits inline requests to 64 KiB', () => {
    expect(run('a'.repeat(70 * 1024), 'whole').error).toBe('too big inline request');
    expect(run('a'.repeat(70 * 1024), 'bytes').error).toBe('too big inline request');
    expect(run(`${'a'.repeat(60 * 1024)}\r\n`, 'bytes').commands.length).toBe(1);
  });

  it('treats a NUL as the end of the searchable data, like C strchr, and stays bounded', () => {
    for (const prefix of ['\x00', '*\x00', '*1\r\n$\x00']) {
      const p = new RequestParser({ onCommand: () => expect.fail(), onError: () => undefined });
      const junk = Buffer.alloc(4096, 'a\r\n');
      p.feed(Buffer.from(prefix, 'latin1'));
      let n = 0;
      while (!p.failed && n++ < 100) {
        p.feed(junk);
        expect(p.bufferedBytes).toBeLessThan(80 * 1024);
      }
      expect(p.failed).toBe(true);
    }
  });

  it('mixes inline and multibulk in one pipeline', () => {
    expect(parse('PING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\nECHO "x y"\n*1\r\n$4\r\nPING\r\n').commands).toEqual([
      ['PING'],
      ['ECHO', 'hi'],
      ['ECHO', 'x y'],
      ['PING'],
    ]);
  });
});

describe('RequestParser pause/resume and re-entrancy', () => {
  it('delivers nothing while paused and everything on resume', () => {
    const got: string[] = [];
    const p = new RequestParser({
      onCommand: (a) => {
        got.push(String(a[0]));
        if (a[0] === 'BLPOP') p.pause();
      },
      onError: () => expect.fail(),
      argType: 'latin1',
    });
    p.feed(Buffer.from('GET\r\nBLPOP\r\nSET\r\n'));
    expect(got).toEqual(['GET', 'BLPOP']);
    p.feed(Buffer.from('*1\r\n$3\r\nDEL\r\n'));
    expect(got).toEqual(['GET', 'BLPOP']);
    expect(p.bufferedBytes).toBeGreaterThan(0);
    p.resume();
    expect(got).toEqual(['GET', 'BLPOP', 'SET', 'DEL']);
  });

  it('accepts feed() from inside onCommand, keeping order', () => {
    const got: string[] = [];
    const p = new RequestParser({
      onCommand: (a) => {
        got.push(String(a[0]));
        if (a[0] === 'A') p.feed(Buffer.from('C\r\n'));
      },
      onError: () => expect.fail(),
      argType: 'latin1',
    });
    p.feed(Buffer.from('A\r\nB\r\n'));
    expect(got).toEqual(['A', 'B', 'C']);
  });
});

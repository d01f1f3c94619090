// ReplyParser: every RESP2/RESP3 type, fed whole and one byte at a time; options; malformed streams.
import { describe, expect, it } from 'vitest';
import { ProtocolError, ReplyError, ReplyParser, type ReplyParserOptions } from './index.js';

type Opts = Omit<ReplyParserOptions, 'onReply'>;

function feedAll(input: string | Buffer, bytewise: boolean, opts: Opts = {}): { replies: unknown[]; error: string | null } {
  const replies: unknown[] = [];
  let error: string | null = null;
  const p = new ReplyParser({
    onReply: (v) => replies.push(v),
    onError: (e) => {
      expect(e).toBeInstanceOf(ProtocolError);
      error = e.message;
    },
    ...opts,
  });
  const buf = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  if (bytewise) for (let i = 0; i < buf.length; i++) p.feed(buf.subarray(i, i + 1));
  else p.feed(buf);
  return { replies, error };
}

/** Parses whole and byte by byte; both must agree. */
function parse(input: string | Buffer, opts: Opts = {}): unknown[] {
  const a = feedAll(input, false, opts);
  const b = feedAll(input, true, opts);
  expect(b).toEqual(a);
  expect(a.error).toBeNull();
  return a.replies;
}

function parseError(input: string, opts: Opts = {}): string | null {
  const a = feedAll(input, false, opts);
  expect(feedAll(input, true, opts)).toEqual(a);
  return a.error;
}

describe('ReplyParser RESP2', () => {
  it('parses simple strings, errors, integers, bulks and nulls', () => {
    const [ok, err, i1, i2, i3, bulk, empty, nb, na] = parse(
      '+OK\r\n-ERR bad thing\r\n:42\r\n:-7\r\n:9223372036854775807\r\n$5\r\nhello\r\n$0\r\n\r\n$-1\r\n*-1\r\n',
    );
    expect(ok).toBe('OK');
    expect(err).toBeInstanceOf(ReplyError);
    expect((err as ReplyError).message).toBe('ERR bad thing');
    expect([i1, i2, i3]).toEqual([42, -7, 9223372036854775807n]);
    expect([bulk, empty, nb, na]).toEqual(['hello', '', null, null]);
  });

  it('parses nested arrays', () => {
    expect(parse('*3\r\n$1\r\na\r\n*2\r\n:1\r\n*0\r\n$1\r\nb\r\n*0\r\n')).toEqual([['a', [1, []], 'b'], []]);
  });

  it('returns Buffers (binary safe) or strings as asked', () => {
    const input = Buffer.concat([Buffer.from('$4\r\n'), Buffer.from([0, 13, 10, 255]), Buffer.from('\r\n')]);
    expect(parse(input, { bulkAs: 'buffer' })).toEqual([Buffer.from([0, 13, 10, 255])]);
    expect(parse(input, { encoding: 'latin1' })).toEqual(['\x00\r\n\xff']);
    expect(parse('$2\r\n\xc3\xa9\r\n')).toEqual(['é']);
  });

  it('collects a large bulk split over many chunks', () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 'q');
    const input = Buffer.concat([Buffer.from(`$${big.length}\r\n`), big, Buffer.from('\r\n:1\r\n')]);
    for (const size of [1000, 16384, 1024 * 1024]) {
      const got: unknown[] = [];
      const p = new ReplyParser({ onReply: (v) => got.push(v), bulkAs: 'buffer' });
      for (let i = 0; i < input.length; i += size) p.feed(input.subarray(i, i + size));
      expect(got.length).toBe(2);
      expect((got[0] as Buffer).equals(big)).toBe(true);
      expect(got[1]).toBe(1);
      expect(p.bufferedBytes).toBe(0);
    }
  });
});

describe('ReplyParser across chunk boundaries', () => {
  // arrays of bulks, integers and null bulks (read in a plain loop while complete in one chunk), arrays holding other
  // types and nested arrays (handed to the general loop midway), top-level replies of every RESP2 kind
  const parts: string[] = [];
  for (let i = 0; i < 300; i++) {
    parts.push(`*4\r\n$${String(i).length + 2}\r\nv:${i}\r\n:${i * 7919 - 300000}\r\n$-1\r\n$0\r\n\r\n`);
    parts.push(`:${-i}\r\n`, `$5\r\nx${String(i).padStart(4, '0')}\r\n`);
    if (i % 7 === 0) parts.push(`*3\r\n+OK\r\n*2\r\n:${i}\r\n$1\r\nz\r\n-ERR e${i}\r\n`, '*0\r\n', '*-1\r\n');
    if (i % 50 === 0) parts.push(`*5000\r\n${':1\r\n'.repeat(5000)}`);
  }
  const input = Buffer.from(parts.join(''), 'latin1');

  function run(size: number, bulkAs: 'buffer' | 'string'): unknown[] {
    const got: unknown[] = [];
    const p = new ReplyParser({ onReply: (v) => got.push(v), bulkAs, onError: (e) => { throw e; } });
    for (let i = 0; i < input.length; i += size) p.feed(Buffer.from(input.subarray(i, i + size)));
    expect(p.bufferedBytes).toBe(0);
    return got;
  }

  it('gives the same replies whatever the chunk size, as strings and as Buffers', () => {
    for (const bulkAs of ['string', 'buffer'] as const) {
      const whole = run(input.length, bulkAs);
      expect(whole.length).toBe(300 * 3 + 43 * 3 + 6);
      expect(whole[0]).toEqual(bulkAs === 'string' ? ['v:0', -300000, null, ''] : [Buffer.from('v:0'), -300000, null, Buffer.alloc(0)]);
      for (const size of [3, 7, 64, 511, 2048, 2049, 5000, 16384]) expect(run(size, bulkAs)).toEqual(whole);
    }
  });

  it('hands out Buffers that keep their bytes while later chunks are fed and the fed chunks are dropped', () => {
    const got: unknown[] = [];
    const p = new ReplyParser({ onReply: (v) => got.push(v), bulkAs: 'buffer' });
    const one = Buffer.from('*2\r\n$3\r\nabc\r\n$3\r\ndef\r\n', 'latin1');
    // a reply cut after 5 bytes, completed by a large chunk (completed in a small internal buffer)
    const stream = Buffer.concat(Array.from({ length: 400 }, () => one));
    p.feed(stream.subarray(0, 5));
    p.feed(stream.subarray(5, 5000));
    p.feed(stream.subarray(5000));
    expect(got.length).toBe(400);
    for (const v of got) {
      expect(Buffer.isBuffer((v as Buffer[])[0])).toBe(true);
      expect(v).toEqual([Buffer.from('abc'), Buffer.from('def')]);
    }
  });

  it('forgets the rest of a chunk when reset() is called from onReply', () => {
    const got: unknown[] = [];
    const p = new ReplyParser({
      onReply: (v) => {
        got.push(v);
        if (v === 2) p.reset();
      },
    });
    p.feed(Buffer.from(':1\r\n:'));
    p.feed(Buffer.from(`2\r\n${':3\r\n'.repeat(1000)}`));
    p.feed(Buffer.from(':4\r\n'));
    expect(got).toEqual([1, 2, 4]);
  });
});

describe('ReplyParser large bulk strings in string mode', () => {
  it('decodes UTF-8 split across chunks, in latin1 too, and checks the CRLF', () => {
    const text = 'é€x'.repeat(20_000);
    const body = Buffer.from(text);
    const input = Buffer.concat([Buffer.from(`$${body.length}\r\n`), body, Buffer.from('\r\n+OK\r\n')]);
    for (const size of [3, 7, 1000, 16384]) {
      const got: unknown[] = [];
      const p = new ReplyParser({ onReply: (v) => got.push(v) });
      for (let i = 0; i < input.length; i += size) p.feed(input.subarray(i, i + size));
      expect(got).toEqual([text, 'OK']);
    }
    // ASCII first (decoded as latin1), then multi-byte characters split across chunks
    const mixed = 'a'.repeat(40_000) + '€é'.repeat(10_000);
    const mixedBody = Buffer.from(mixed);
    const mixedInput = Buffer.concat([Buffer.from(`$${mixedBody.length}\r\n`), mixedBody, Buffer.from('\r\n')]);
    for (const size of [16384, 4097, 5]) {
      const got: unknown[] = [];
      const p = new ReplyParser({ onReply: (v) => got.push(v) });
      for (let i = 0; i < mixedInput.length; i += size) p.feed(mixedInput.subarray(i, i + size));
      expect(got).toEqual([mixed]);
    }
    const latin: unknown[] = [];
    const p = new ReplyParser({ onReply: (v) => latin.push(v), encoding: 'latin1' });
    for (let i = 0; i < input.length; i += 999) p.feed(input.subarray(i, i + 999));
    expect(latin).toEqual([body.toString('latin1'), 'OK']);
    const bad = Buffer.concat([Buffer.from(`$${body.length}\r\n`), body, Buffer.from('XY')]);
    expect(feedAll(bad, false).error).toBe('expected CRLF after bulk');
    expect(feedAll(bad.subarray(0, bad.length - 1), false).error).toBe('expected CRLF after bulk');
  });
});

describe('ReplyParser RESP3', () => {
  it('parses maps, sets, doubles, booleans, big numbers, nulls, verbatim and blob errors', () => {
    const out = parse(
      '%2\r\n+a\r\n:1\r\n$1\r\nb\r\n~2\r\n:1\r\n:2\r\n' +
        ',1.5\r\n,inf\r\n,-inf\r\n,nan\r\n,-0\r\n,1e300\r\n#t\r\n#f\r\n(3492890328409238509324850943850943825024385\r\n_\r\n' +
        '=15\r\ntxt:Some string\r\n!21\r\nSYNTAX invalid syntax\r\n',
    );
    expect(out[0]).toEqual(new Map<unknown, unknown>([['a', 1], ['b', new Set([1, 2])]]));
    expect(out.slice(1, 7)).toEqual([1.5, Infinity, -Infinity, NaN, -0, 1e300]);
    expect(out.slice(7, 11)).toEqual([true, false, 3492890328409238509324850943850943825024385n, null]);
    expect(out[11]).toBe('Some string');
    expect(out[12]).toBeInstanceOf(ReplyError);
    expect((out[12] as ReplyError).message).toBe('SYNTAX invalid syntax');
  });

  it('maps as objects and sets as arrays on request', () => {
    expect(parse('%1\r\n$1\r\nk\r\n~1\r\n:1\r\n', { mapAs: 'object', setAs: 'array' })).toEqual([{ k: [1] }]);
  });

  it('parses streamed strings and streamed aggregates', () => {
    expect(parse('$?\r\n;4\r\nHell\r\n;5\r\no wor\r\n;1\r\nd\r\n;0\r\n')).toEqual(['Hello word']);
    expect(parse('*?\r\n:1\r\n*?\r\n.\r\n$?\r\n;1\r\nx\r\n;0\r\n.\r\n%?\r\n+a\r\n:1\r\n.\r\n~?\r\n.\r\n')).toEqual([
      [1, [], 'x'],
      new Map([['a', 1]]),
      new Set(),
    ]);
  });

  it('delivers push messages to onPush and attributes to onAttribute', () => {
    const pushes: unknown[] = [];
    const attrs: unknown[] = [];
    const input = '>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.1923\r\n*2\r\n:1\r\n|1\r\n+x\r\n:0\r\n:2\r\n';
    for (const bytewise of [false, true]) {
      pushes.length = attrs.length = 0;
      const { replies } = feedAll(input, bytewise, { onPush: (v) => pushes.push(v), onAttribute: (v) => attrs.push(v) });
      expect(pushes).toEqual([['message', 'ch', 'hi']]);
      expect(attrs).toEqual([new Map([['key-popularity', new Map([['a', 0.1923]])]]), new Map([['x', 0]])]);
      expect(replies).toEqual([[1, 2]]);
    }
    // without onPush a push is an ordinary reply; without onAttribute attributes are dropped
    expect(parse('>1\r\n+p\r\n|1\r\n+k\r\n+v\r\n:5\r\n')).toEqual([['p'], 5]);
  });
});

describe('ReplyParser malformed input', () => {
  it('reports a ProtocolError and refuses further input', () => {
    for (const s of ['?\r\n', ':abc\r\n', '$x\r\n', '$-2\r\n', '*-2\r\n', '#x\r\n', ',1.2.3\r\n', '(12a\r\n', '_x\r\n', '.\r\n', ';1\r\nx\r\n', '$?\r\n:1\r\n', '+a\rb', '$1\r\nabc\r\n', '=2\r\nab\r\n']) {
      expect(parseError(s), JSON.stringify(s)).not.toBeNull();
    }
    const got: unknown[] = [];
    const p = new ReplyParser({ onReply: (v) => got.push(v), onError: () => undefined });
    p.feed(Buffer.from('?\r\n+OK\r\n'));
    p.feed(Buffer.from('+OK\r\n'));
    expect(got).toEqual([]);
    expect(p.failed).toBe(true);
    p.reset();
    p.feed(Buffer.from('+OK\r\n'));
    expect(got).toEqual(['OK']);
  });

  it('throws from feed when no onError is given', () => {
    const p = new ReplyParser({ onReply: () => undefined });
    expect(() => p.feed(Buffer.from('?\r\n'))).toThrow(ProtocolError);
  });

  it('rejects an over-long numeric header at once instead of buffering it', () => {
    const p = new ReplyParser({ onReply: () => undefined, onError: () => undefined });
    p.feed(Buffer.from(`*${'9'.repeat(1000)}`));
    expect(p.failed).toBe(true);
  });
});

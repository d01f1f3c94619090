// ReplyWriter: exact bytes for every reply type in RESP2 and RESP3, deferred lengths, take()/reset().
import { describe, expect, it } from 'vitest';
import { ReplyWriter, type RespVersion } from './index.js';

function bytes(protocol: RespVersion, write: (w: ReplyWriter) => void): string {
  const w = new ReplyWriter({ protocol, initialSize: 64 });
  write(w);
  const n = w.length;
  const out = w.take().toString('latin1');
  expect(out.length).toBe(n);
  expect(w.length).toBe(0);
  return out;
}

describe('ReplyWriter', () => {
  it('writes the RESP2 types', () => {
    expect(bytes(2, (w) => w.simple('OK'))).toBe('+OK\r\n');
    expect(bytes(2, (w) => w.error('ERR syntax error'))).toBe('-ERR syntax error\r\n');
    expect(bytes(2, (w) => w.error('ERR a\r\nb'))).toBe('-ERR a  b\r\n');
    expect(bytes(2, (w) => [0, 7, -1, 42, 999, 1000, 123456789, -2147483648, 2 ** 53 - 1, -(2 ** 62)].forEach((n) => w.integer(n)))).toBe(
      ':0\r\n:7\r\n:-1\r\n:42\r\n:999\r\n:1000\r\n:123456789\r\n:-2147483648\r\n:9007199254740991\r\n:-4611686018427387904\r\n',
    );
    expect(bytes(2, (w) => w.integer(-9223372036854775808n))).toBe(':-9223372036854775808\r\n');
    expect(bytes(2, (w) => w.bulk('h\xe9llo'))).toBe('$5\r\nh\xe9llo\r\n');
    expect(bytes(2, (w) => w.bulk(Buffer.from([0, 255])))).toBe('$2\r\n\x00\xff\r\n');
    expect(bytes(2, (w) => w.bulk(''))).toBe('$0\r\n\r\n');
    expect(bytes(2, (w) => w.null())).toBe('$-1\r\n');
    expect(bytes(2, (w) => w.nullArray())).toBe('*-1\r\n');
  });

  it('downgrades RESP3 types for RESP2 as Redis does', () => {
    expect(bytes(2, (w) => w.mapHeader(2))).toBe('*4\r\n');
    expect(bytes(2, (w) => w.setHeader(3))).toBe('*3\r\n');
    expect(bytes(2, (w) => w.pushHeader(3))).toBe('*3\r\n');
    expect(bytes(2, (w) => w.attributeHeader(1))).toBe('');
    expect(bytes(2, (w) => w.double(1.5))).toBe('$3\r\n1.5\r\n');
    expect(bytes(2, (w) => w.double(Infinity))).toBe('$3\r\ninf\r\n');
    expect(bytes(2, (w) => w.double(-Infinity))).toBe('$4\r\n-inf\r\n');
    expect(bytes(2, (w) => w.double(0.1))).toBe('$19\r\n0.10000000000000001\r\n');
    expect(bytes(2, (w) => w.boolean(true))).toBe(':1\r\n');
    expect(bytes(2, (w) => w.boolean(false))).toBe(':0\r\n');
    expect(bytes(2, (w) => w.bigNumber('12345678901234567890'))).toBe('$20\r\n12345678901234567890\r\n');
    expect(bytes(2, (w) => w.verbatim('hello'))).toBe('$5\r\nhello\r\n');
  });

  it('writes the RESP3 types', () => {
    expect(bytes(3, (w) => w.null())).toBe('_\r\n');
    expect(bytes(3, (w) => w.nullArray())).toBe('_\r\n');
    expect(bytes(3, (w) => w.mapHeader(2))).toBe('%2\r\n');
    expect(bytes(3, (w) => w.setHeader(3))).toBe('~3\r\n');
    expect(bytes(3, (w) => w.pushHeader(3))).toBe('>3\r\n');
    expect(bytes(3, (w) => w.attributeHeader(1))).toBe('|1\r\n');
    expect(bytes(3, (w) => w.double(1.5))).toBe(',1.5\r\n');
    expect(bytes(3, (w) => w.double(-Infinity))).toBe(',-inf\r\n');
    expect(bytes(3, (w) => w.double(NaN))).toBe(',nan\r\n');
    expect(bytes(3, (w) => w.boolean(true))).toBe('#t\r\n');
    expect(bytes(3, (w) => w.bigNumber('-1'))).toBe('(-1\r\n');
    expect(bytes(3, (w) => w.verbatim('hello'))).toBe('=9\r\ntxt:hello\r\n');
    expect(bytes(3, (w) => w.verbatim('# x', 'mkd'))).toBe('=7\r\nmkd:# x\r\n');
  });

  it('fills in deferred lengths, nested and in any order', () => {
    for (const protocol of [2, 3] as const) {
      const out = bytes(protocol, (w) => {
        const outer = w.deferArray();
        w.bulk('a');
        const inner = w.deferMap();
        const innerSet = w.deferSet();
        w.integer(1);
        w.setDeferredSet(innerSet, 1);
        w.bulk('k');
        w.setDeferredMap(inner, 1);
        w.setDeferredArray(outer, 2);
      });
      expect(out).toBe(
        protocol === 3 ? '*2\r\n$1\r\na\r\n%1\r\n~1\r\n:1\r\n$1\r\nk\r\n' : '*2\r\n$1\r\na\r\n*2\r\n*1\r\n:1\r\n$1\r\nk\r\n',
      );
      expect(
        bytes(protocol, (w) => {
          const a = w.deferArray();
          const b = w.deferArray();
          w.setDeferredArray(a, 1);
          w.setDeferredArray(b, 0);
        }),
      ).toBe('*1\r\n*0\r\n');
    }
  });

  it('refuses take() with an unset deferred length', () => {
    const w = new ReplyWriter();
    w.deferArray();
    expect(() => w.take()).toThrow(/deferred/);
    w.reset();
    w.simple('OK');
    expect(w.take().toString()).toBe('+OK\r\n');
  });

  it('view() shows the bytes written so far without handing them over', () => {
    const w = new ReplyWriter();
    w.integer(42);
    expect(w.view().toString()).toBe(':42\r\n');
    w.bulk('ab');
    expect(w.view().toString()).toBe(':42\r\n$2\r\nab\r\n');
    w.reset();
    expect(w.view().length).toBe(0);
    w.deferArray();
    expect(() => w.view()).toThrow(/deferred/);
  });

  it('grows past its initial size and hands out buffers it never reuses', () => {
    const w = new ReplyWriter({ initialSize: 64 });
    const big = 'x'.repeat(10_000);
    w.bulk(big);
    const first = w.take();
    w.bulk('y'.repeat(10_000));
    expect(first.toString()).toBe(`$10000\r\n${big}\r\n`);
    w.simple('OK');
    const small = w.take();
    w.simple('NO');
    expect(small.toString().endsWith('+OK\r\n')).toBe(true);
  });
});

// Engine-level tests of the bitmap family: BITCOUNT/BITPOS against a naive bit-by-bit model over random strings and
// ranges (byte and bit units, negative indexes), BITFIELD against plain BigInt arithmetic, dirty counting and
// keyspace events as Redis fires them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEngine } from '../engine.js';

function setup() {
  const e = createEngine({});
  const events: string[] = [];
  const notify = e.keyspace.hooks.notify?.bind(e.keyspace.hooks);
  e.keyspace.hooks.notify = (cls, event, key, db) => {
    if (event !== 'keymiss') events.push(`${event}:${key}`);
    notify?.(cls, event, key, db);
  };
  const c = e.createClient();
  const run = (...argv: (string | number)[]): string => e.run(c, argv).toString('latin1');
  return { e, run, events };
}

const bitAt = (s: string, i: number): number => (s.charCodeAt(i >> 3) >> (7 - (i & 7))) & 1;

/** Redis's index normalisation, on plain numbers. */
function norm(start: number, end: number, totlen: number): [number, number] {
  if (start < 0) start += totlen;
  if (end < 0) end += totlen;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= totlen) end = totlen - 1;
  return [start, end];
}

function naiveCount(s: string, start: number, end: number, isBit: boolean): number {
  if (start < 0 && end < 0 && start > end) return 0;
  const [a, b] = norm(start, end, isBit ? s.length * 8 : s.length);
  if (a > b) return 0;
  const [sb, eb] = isBit ? [a, b] : [a * 8, b * 8 + 7];
  let n = 0;
  for (let i = sb; i <= eb; i++) n += bitAt(s, i);
  return n;
}

function naivePos(s: string, bit: number, start: number, end: number | undefined, isBit: boolean): number {
  const totlen = isBit ? s.length * 8 : s.length;
  const [a, b] = norm(start, end ?? totlen - 1, totlen);
  if (a > b) return -1;
  const [sb, eb] = isBit ? [a, b] : [a * 8, b * 8 + 7];
  for (let i = sb; i <= eb; i++) if (bitAt(s, i) === bit) return i;
  if (bit === 1 || end !== undefined) return -1;
  return eb + 1;
}

const bytes = fc.uint8Array({ maxLength: 24 }).map((a) => Buffer.from(a).toString('latin1'));
const index = fc.integer({ min: -220, max: 220 });

describe('BITCOUNT and BITPOS against a naive model', () => {
  it('BITCOUNT in bytes and bits', () => {
    const { run } = setup();
    fc.assert(
      fc.property(bytes, index, index, fc.boolean(), (s, start, end, isBit) => {
        run('SET', 'k', s);
        const got = run('BITCOUNT', 'k', start, end, isBit ? 'BIT' : 'BYTE');
        expect(got).toBe(`:${naiveCount(s, start, end, isBit)}\r\n`);
      }),
      { numRuns: 400 },
    );
  });

  it('BITPOS with and without an end, in bytes and bits', () => {
    const { run } = setup();
    fc.assert(
      fc.property(bytes, fc.integer({ min: 0, max: 1 }), index, fc.option(index, { nil: undefined }), fc.boolean(), (s, bit, start, end, isBit) => {
        run('SET', 'k', s);
        const unit = isBit ? 'BIT' : 'BYTE';
        const got = end === undefined ? run('BITPOS', 'k', bit, start) : run('BITPOS', 'k', bit, start, end, unit);
        expect(got).toBe(`:${naivePos(s, bit, start, end, end === undefined ? false : isBit)}\r\n`);
      }),
      { numRuns: 400 },
    );
  });

  it('strings of 0xff/0x00 runs longer than a word', () => {
    const { run } = setup();
    run('SET', 'k', '\xff'.repeat(40) + '\x7f');
    expect(run('BITPOS', 'k', 0)).toBe(':320\r\n');
    run('SET', 'k', '\x00'.repeat(40));
    expect(run('BITPOS', 'k', 1)).toBe(':-1\r\n');
    expect(run('BITPOS', 'k', 0, 39)).toBe(':312\r\n');
  });
});

describe('BITFIELD against BigInt arithmetic', () => {
  it('WRAP: a SET then INCRBY equals (value + incr) mod 2^bits, sign-adjusted', () => {
    const { run } = setup();
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 1, max: 64 }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.integer({ min: 0, max: 40 }), (signed, width, value, incr, offset) => {
        const bits = signed ? width : Math.min(width, 63);
        const t = `${signed ? 'i' : 'u'}${bits}`;
        run('DEL', 'bf');
        run('BITFIELD', 'bf', 'SET', t, offset, value.toString());
        const got = run('BITFIELD', 'bf', 'INCRBY', t, offset, incr.toString());
        const wrapped = signed ? BigInt.asIntN(bits, value + incr) : BigInt.asUintN(bits, value + incr);
        expect(got).toBe(`*1\r\n:${wrapped}\r\n`);
      }),
      { numRuns: 300 },
    );
  });

  it('SAT and FAIL bound the result within the type', () => {
    const { run } = setup();
    expect(run('BITFIELD', 'b', 'OVERFLOW', 'SAT', 'SET', 'i8', 0, 1000, 'GET', 'i8', 0)).toBe('*2\r\n:0\r\n:127\r\n');
    expect(run('BITFIELD', 'b', 'OVERFLOW', 'SAT', 'INCRBY', 'i8', 0, -1000)).toBe('*1\r\n:-128\r\n');
    expect(run('BITFIELD', 'b', 'OVERFLOW', 'FAIL', 'INCRBY', 'i8', 0, -1, 'GET', 'i8', 0)).toBe('*2\r\n$-1\r\n:-128\r\n');
    expect(run('BITFIELD', 'b', 'OVERFLOW', 'SAT', 'INCRBY', 'u63', 0, '9223372036854775807', 'INCRBY', 'u63', 0, 1)).toBe(
      '*2\r\n:9223372036854775807\r\n:9223372036854775807\r\n',
    );
  });
});

describe('dirty counting and keyspace events', () => {
  it('SETBIT and BITFIELD count only real changes; BITOP stores with set or deletes with del', () => {
    const { e, run, events } = setup();
    const d0 = e.dirty;
    run('SETBIT', 'a', 3, 0); // creates
    run('SETBIT', 'a', 3, 0); // no change
    run('SETBIT', 'a', 3, 1);
    run('BITFIELD', 'b', 'SET', 'u4', 0, 3, 'SET', 'u4', 4, 3); // creates: both count
    run('BITFIELD', 'b', 'SET', 'u4', 0, 3); // no change
    run('BITFIELD', 'b', 'INCRBY', 'u4', 0, 0); // INCRBY by 0 leaves the value as is: not counted
    expect(e.dirty - d0).toBe(4);
    run('BITOP', 'OR', 'c', 'a', 'b');
    run('BITOP', 'OR', 'c', 'nope');
    expect(e.dirty - d0).toBe(6);
    expect(events).toEqual(['new:a', 'setbit:a', 'setbit:a', 'new:b', 'setbit:b', 'new:c', 'set:c', 'del:c']);
  });

  it('SETBIT keeps the TTL; BITOP replaces the destination and its TTL', () => {
    const { run } = setup();
    run('SET', 'k', 'x', 'EX', 100);
    run('SETBIT', 'k', 20, 1);
    expect(Number(run('TTL', 'k').slice(1))).toBeGreaterThan(90);
    run('BITOP', 'NOT', 'k', 'k');
    expect(run('TTL', 'k')).toBe(':-1\r\n');
  });
});

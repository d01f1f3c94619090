// Unit tests of the sorted set type: order, ranks, score and lex ranges, range deletion, encodings, ZSCAN's
// guarantee under mutation, dup/memory ops; a randomized run against a naive sorted-array model.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dupObject, Encoding, objectMemory } from '../object.js';
import {
  createZsetObject,
  ZADD_GT,
  ZADD_INCR,
  ZADD_LT,
  ZADD_NX,
  ZADD_OUT_ADDED,
  ZADD_OUT_NAN,
  ZADD_OUT_NOP,
  ZADD_OUT_UPDATED,
  ZADD_XX,
  zsetAdd,
  zsetEncodingFor,
  ZSet,
  type LexRange,
  type ScoreRange,
} from './zset.js';

type Pair = [string, number];
const cmp = (a: Pair, b: Pair): number => (a[1] !== b[1] ? a[1] - b[1] : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function model(z: ZSet): Pair[] {
  return [...z].map((n) => [n.member, n.score] as Pair);
}

function checkInvariants(z: ZSet, m: Map<string, number>): void {
  const want = [...m.entries()].sort(cmp);
  expect(model(z)).toEqual(want);
  expect(z.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(z.rank(want[i]![0])).toBe(i);
    expect(z.byRank(i)?.member).toBe(want[i]![0]);
  }
  // backward links
  const back: string[] = [];
  for (let n = z.last(); n !== null; n = n.prev) back.push(n.member);
  expect(back.reverse()).toEqual(want.map((p) => p[0]));
}

const rng = (min: number, max: number, minex = false, maxex = false): ScoreRange => ({ min, max, minex, maxex });
const lex = (min: string, max: string): LexRange => {
  const b = (s: string) =>
    s === '-' ? { value: '', ex: true, inf: -1 as const } : s === '+' ? { value: '', ex: true, inf: 1 as const } : { value: s.slice(1), ex: s[0] === '(', inf: 0 as const };
  return { min: b(min), max: b(max) };
};

describe('ZSet skiplist', () => {
  it('orders by score then member bytes, ranks and byRank agree', () => {
    const z = new ZSet();
    const m = new Map<string, number>();
    for (const [k, s] of [['b', 1], ['a', 1], ['c', 0], ['\xff', 1], ['', 1], ['z', -Infinity], ['y', Infinity]] as Pair[]) {
      z.insert(k, s);
      m.set(k, s);
    }
    checkInvariants(z, m);
    expect(z.first()?.member).toBe('z');
    expect(z.last()?.member).toBe('y');
    expect(z.rank('nope')).toBe(-1);
    expect(z.byRank(7)).toBeNull();
  });

  it('matches a naive model under random inserts, updates and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: -5, max: 5 })), { maxLength: 300 }),
        (ops) => {
          const z = new ZSet();
          const m = new Map<string, number>();
          for (const [op, k, s] of ops) {
            const key = `m${k}`;
            if (op === 2) {
              expect(z.delete(key)).toBe(m.delete(key));
            } else {
              expect(z.set(key, s)).toBe(!m.has(key));
              m.set(key, s);
            }
          }
          checkInvariants(z, m);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('score ranges: first/last/count with open and closed ends', () => {
    const z = new ZSet();
    for (let i = 0; i < 100; i++) z.insert(`e${i}`, i);
    expect(z.countInRange(rng(10, 20))).toBe(11);
    expect(z.countInRange(rng(10, 20, true, true))).toBe(9);
    expect(z.countInRange(rng(-Infinity, Infinity))).toBe(100);
    expect(z.countInRange(rng(5, 5, true))).toBe(0);
    expect(z.countInRange(rng(50, 10))).toBe(0);
    expect(z.firstInRange(rng(10.5, 30))?.member).toBe('e11');
    expect(z.foundRank).toBe(11);
    expect(z.lastInRange(rng(10.5, 30, false, true))?.member).toBe('e29');
    expect(z.foundRank).toBe(29);
    expect(z.firstInRange(rng(200, 300))).toBeNull();
  });

  it('lex ranges with -, +, ( and [', () => {
    const z = new ZSet();
    for (const k of ['a', 'b', 'c', 'd', 'e']) z.insert(k, 0);
    expect(z.countInLexRange(lex('-', '+'))).toBe(5);
    expect(z.countInLexRange(lex('[b', '(d'))).toBe(2);
    expect(z.countInLexRange(lex('(b', '[d'))).toBe(2);
    expect(z.countInLexRange(lex('+', '-'))).toBe(0);
    expect(z.countInLexRange(lex('-', '-'))).toBe(0);
    expect(z.firstInLexRange(lex('(a', '+'))?.member).toBe('b');
    expect(z.lastInLexRange(lex('-', '(e'))?.member).toBe('d');
  });

  it('listpack-style linear lex lookups agree with the search when scores are equal', () => {
    const z = new ZSet();
    for (const k of ['a', 'b', 'c', 'd', 'e']) z.insert(k, 0);
    for (const [mn, mx] of [['-', '+'], ['[b', '(e'], ['(a', '[a'], ['+', '-'], ['[c', '+']] as const) {
      const r = lex(mn, mx);
      expect(z.firstInLexRangeLinear(r)?.member).toBe(z.firstInLexRange(r)?.member);
      expect(z.lastInLexRangeLinear(r)?.member).toBe(z.lastInLexRange(r)?.member);
      expect(z.countInLexRangeLinear(r)).toBe(z.countInLexRange(r));
    }
    // mixed scores: Redis's listpack walk (order b a d c)
    const m = new ZSet();
    [['b', 1], ['a', 2], ['d', 3], ['c', 4]].forEach(([k, s]) => m.insert(k as string, s as number));
    expect(m.firstInLexRangeLinear(lex('[a', '[c'))?.member).toBe('b');
    expect(m.lastInLexRangeLinear(lex('[a', '[c'))?.member).toBe('c');
    expect(m.deleteRangeByLexLinear(lex('[a', '[c'))).toBe(2);
    expect([...m].map((n) => n.member)).toEqual(['d', 'c']);
  });

  it('range deletions keep spans consistent', () => {
    const z = new ZSet();
    const m = new Map<string, number>();
    for (let i = 0; i < 500; i++) {
      z.insert(`k${i}`, i % 50);
      m.set(`k${i}`, i % 50);
    }
    expect(z.deleteRangeByRank(10, 19)).toBe(10);
    for (const [k] of [...m.entries()].sort(cmp).slice(10, 20)) m.delete(k);
    checkInvariants(z, m);
    expect(z.deleteRangeByScore(rng(10, 20, true))).toBe([...m.values()].filter((s) => s > 10 && s <= 20).length);
    for (const [k, s] of m) if (s > 10 && s <= 20) m.delete(k);
    checkInvariants(z, m);
    const y = new ZSet();
    for (const k of ['a', 'b', 'c', 'd']) y.insert(k, 0);
    expect(y.deleteRangeByLex(lex('[b', '[c'))).toBe(2);
    expect([...y].map((n) => n.member)).toEqual(['a', 'd']);
  });

  it('updateScore moves a node only when its order changes', () => {
    const z = new ZSet();
    z.insert('a', 1);
    z.insert('b', 2);
    z.insert('c', 3);
    const b = z.get('b')!;
    expect(z.updateScore(b, 2.5)).toBe(b);
    const moved = z.updateScore(z.get('a')!, 10);
    expect(z.get('a')).toBe(moved);
    expect(model(z)).toEqual([['b', 2.5], ['c', 3], ['a', 10]]);
  });
});

describe('zsetAdd flags and encodings', () => {
  const limits = { maxEntries: 3, maxValue: 5 };
  it('NX/XX/GT/LT/INCR outcomes', () => {
    const o = createZsetObject(limits);
    const out = { flags: 0, score: 0 };
    expect(zsetAdd(o, 1, 'a', 0, limits, out)).toBe(true);
    expect(out.flags).toBe(ZADD_OUT_ADDED);
    zsetAdd(o, 1, 'a', ZADD_NX, limits, out);
    expect(out.flags).toBe(ZADD_OUT_NOP);
    zsetAdd(o, 5, 'b', ZADD_XX, limits, out);
    expect(out.flags).toBe(ZADD_OUT_NOP);
    zsetAdd(o, 0, 'a', ZADD_GT, limits, out);
    expect(out.flags).toBe(ZADD_OUT_NOP);
    zsetAdd(o, 0, 'a', ZADD_LT, limits, out);
    expect(out.flags).toBe(ZADD_OUT_UPDATED);
    zsetAdd(o, 2.5, 'a', ZADD_INCR, limits, out);
    expect(out.score).toBe(2.5);
    zsetAdd(o, Infinity, 'a', 0, limits, out);
    expect(zsetAdd(o, -Infinity, 'a', ZADD_INCR, limits, out)).toBe(false);
    expect(out.flags).toBe(ZADD_OUT_NAN);
    expect(zsetAdd(o, NaN, 'x', 0, limits, out)).toBe(false);
  });

  it('converts listpack -> skiplist by count and member length', () => {
    const out = { flags: 0, score: 0 };
    const o = createZsetObject(limits);
    expect(o.encoding).toBe(Encoding.LISTPACK);
    for (const k of ['a', 'b', 'c']) zsetAdd(o, 1, k, 0, limits, out);
    expect(o.encoding).toBe(Encoding.LISTPACK);
    zsetAdd(o, 1, 'd', 0, limits, out);
    expect(o.encoding).toBe(Encoding.SKIPLIST);
    const p = createZsetObject(limits);
    zsetAdd(p, 1, 'abcdef', 0, limits, out);
    expect(p.encoding).toBe(Encoding.SKIPLIST);
    expect(createZsetObject(limits, 6).encoding).toBe(Encoding.SKIPLIST);
    expect(createZsetObject({ maxEntries: 0, maxValue: 64 }).encoding).toBe(Encoding.SKIPLIST);
    expect(zsetEncodingFor(o.ptr, limits)).toBe(Encoding.SKIPLIST);
    o.ptr.delete('d');
    expect(zsetEncodingFor(o.ptr, limits)).toBe(Encoding.LISTPACK);
  });

  it('dup is deep and keeps the encoding; memory grows with members', () => {
    const o = createZsetObject(limits);
    const out = { flags: 0, score: 0 };
    const m0 = objectMemory(o);
    zsetAdd(o, 1, 'a', 0, limits, out);
    expect(objectMemory(o)).toBeGreaterThan(m0);
    const d = dupObject(o) as typeof o;
    d.ptr.set('b', 2);
    expect(o.ptr.length).toBe(1);
    expect(d.ptr.length).toBe(2);
    expect(d.encoding).toBe(o.encoding);
  });
});

describe('ZSCAN order', () => {
  it('returns every member present for the whole scan, under adds and deletes', () => {
    const z = new ZSet();
    for (let i = 0; i < 2000; i++) z.insert(`k${i}`, i);
    const stable = new Set<string>();
    for (let i = 0; i < 2000; i += 2) stable.add(`k${i}`);
    const seen = new Set<string>();
    let cursor = 0n;
    let round = 0;
    do {
      cursor = z.scan(cursor, 50, (n) => seen.add(n.member));
      // churn: delete odd members (compaction happens), add new ones
      for (let j = 0; j < 40; j++) z.delete(`k${round * 40 + j * 2 + 1}`);
      for (let j = 0; j < 10; j++) z.insert(`new${round}-${j}`, Math.random() * 3000);
      round++;
    } while (cursor !== 0n && round < 10000);
    for (const k of stable) expect(seen.has(k)).toBe(true);
  });
});

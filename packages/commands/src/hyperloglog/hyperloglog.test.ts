// Unit tests of the HLL core: MurmurHash64A against a BigInt reference, register index/count derivation, sparse
// and dense representations agreeing register for register, the estimator, and the PF* commands at engine level
// (dirty counting, keyspace events, cache invalidation bit).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import {
  createHll,
  denseGet,
  estimate,
  HLL_DENSE,
  HLL_HDR_SIZE,
  HLL_REGISTERS,
  hllAdd,
  hllHistogram,
  hllPatLen,
  hllToString,
  murmurHash64A,
  rawHistogram,
  sparseToDense,
} from './hyperloglog-generic.js';

const MASK = (1n << 64n) - 1n;

/** Straightforward MurmurHash64A over BigInt, as a reference. */
function refMurmur(s: string, seed = 0xadc83b19n): bigint {
  const m = 0xc6a4a7935bd1e995n;
  const b = Buffer.from(s, 'latin1');
  const len = b.length;
  let h = (seed ^ (BigInt(len) * m)) & MASK;
  const nb = len - (len & 7);
  for (let i = 0; i < nb; i += 8) {
    let k = b.readBigUInt64LE(i);
    k = (k * m) & MASK;
    k ^= k >> 47n;
    k = (k * m) & MASK;
    h ^= k;
    h = (h * m) & MASK;
  }
  const rem = len & 7;
  for (let j = rem - 1; j >= 0; j--) h ^= BigInt(b[nb + j]!) << BigInt(8 * j);
  if (rem) h = (h * m) & MASK;
  h ^= h >> 47n;
  h = (h * m) & MASK;
  h ^= h >> 47n;
  return h;
}

function randomString(len: number, r: () => number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(Math.floor(r() * 256));
  return s;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('MurmurHash64A', () => {
  it('matches the BigInt reference for every length 0..40 and random bytes', () => {
    const r = rng(1);
    for (let len = 0; len <= 40; len++) {
      for (let k = 0; k < 30; k++) {
        const s = randomString(len, r);
        expect(murmurHash64A(s)).toBe(refMurmur(s));
      }
    }
    expect(murmurHash64A('\xff'.repeat(64))).toBe(refMurmur('\xff'.repeat(64)));
  });

  it('derives register index (low 14 bits) and pattern length (zeros above them + 1, at most 51)', () => {
    const r = rng(2);
    for (let k = 0; k < 2000; k++) {
      const s = randomString(1 + Math.floor(r() * 20), r);
      const h = refMurmur(s);
      const index = Number(h & 16383n);
      let rest = (h >> 14n) | (1n << 50n);
      let count = 1;
      while ((rest & 1n) === 0n) {
        count++;
        rest >>= 1n;
      }
      expect(hllPatLen(s)).toEqual([index, count]);
    }
  });
});

describe('representations', () => {
  it('a new HLL is the 18-byte sparse value Redis creates', () => {
    expect(Buffer.from(hllToString(createHll()), 'latin1').toString('hex')).toBe('48594c4c0100000000000000000000007fff');
  });

  it('sparse and dense agree register for register and in the estimate', () => {
    const r = rng(3);
    for (let round = 0; round < 8; round++) {
      const sparse = createHll();
      const dense = createHll();
      expect(sparseToDense(dense)).toBe(true);
      const n = Math.floor(r() * 400);
      for (let i = 0; i < n; i++) {
        const el = randomString(1 + Math.floor(r() * 12), r);
        expect(hllAdd(sparse, el, 100000)).toBe(hllAdd(dense, el, 100000));
      }
      expect(sparse.b[4]).not.toBe(HLL_DENSE);
      const copy = { b: sparse.b.slice(), len: sparse.len };
      expect(sparseToDense(copy)).toBe(true);
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < HLL_REGISTERS; i++) {
        a.push(denseGet(copy.b, HLL_HDR_SIZE, i));
        b.push(denseGet(dense.b, HLL_HDR_SIZE, i));
      }
      expect(a).toEqual(b);
      expect(estimate(hllHistogram(sparse)!)).toBe(estimate(hllHistogram(dense)!));
    }
  });

  it('the estimator: 0 for empty, close to the truth for large sets', () => {
    expect(estimate(rawHistogram(new Uint8Array(HLL_REGISTERS)))).toBe(0);
    const h = createHll();
    for (let i = 0; i < 100000; i++) hllAdd(h, `el-${i}`, 3000);
    expect(h.b[4]).toBe(HLL_DENSE);
    const est = estimate(hllHistogram(h)!);
    expect(Math.abs(est - 100000)).toBeLessThan(100000 * 0.03);
  });

  it('a sparse value that does not cover 16384 registers is corrupt', () => {
    const h = createHll();
    h.b[17] = 0xfe; // XZERO of 16383
    expect(hllHistogram(h)).toBeNull();
    expect(sparseToDense(h)).toBe(false);
    expect(hllAdd(h, 'x', 3000)).toBeGreaterThanOrEqual(-1);
  });
});

describe('PF* commands at engine level', () => {
  function setup() {
    const e = createEngine({});
    const events: string[] = [];
    const notify = e.keyspace.hooks.notify?.bind(e.keyspace.hooks);
    e.keyspace.hooks.notify = (cls, event, key, db) => {
      events.push(`${event}:${key}`);
      notify?.(cls, event, key, db);
    };
    const c = e.createClient();
    const run = (...argv: (string | number)[]): string => e.run(c, argv).toString('latin1');
    return { e, run, events };
  }

  it('PFADD counts changed registers as dirty and fires pfadd; PFCOUNT caches', () => {
    const { e, run, events } = setup();
    const d0 = e.dirty;
    expect(run('PFADD', 'h', 'a', 'b', 'c')).toBe(':1\r\n');
    expect(e.dirty - d0).toBe(4); // creation + three registers
    expect(events).toEqual(['new:h', 'pfadd:h']);
    expect(run('PFADD', 'h', 'a')).toBe(':0\r\n');
    expect(e.dirty - d0).toBe(4);
    expect(run('PFCOUNT', 'h')).toBe(':3\r\n');
    expect(e.dirty - d0).toBe(5); // the cache write
    expect(run('PFCOUNT', 'h')).toBe(':3\r\n');
    expect(e.dirty - d0).toBe(5);
    expect(run('GETRANGE', 'h', 15, 15)).toBe('$1\r\n\x00\r\n');
    expect(run('OBJECT', 'ENCODING', 'h')).toBe('$3\r\nraw\r\n');
  });

  it('PFADD keeps the TTL; PFMERGE fires pfadd on the destination', () => {
    const { run, events } = setup();
    run('PFADD', 'h', 'a');
    run('EXPIRE', 'h', 100);
    run('PFADD', 'h', 'b');
    expect(Number(run('TTL', 'h').slice(1))).toBeGreaterThan(90);
    events.length = 0;
    expect(run('PFMERGE', 'd', 'h')).toBe('+OK\r\n');
    expect(events).toEqual(['keymiss:d', 'new:d', 'pfadd:d']); // d is also read as a source, as in Redis
    expect(run('PFCOUNT', 'd')).toBe(':2\r\n');
  });

  it('PFDEBUG subcommands', () => {
    const { run } = setup();
    run('PFADD', 'h', 'a');
    expect(run('PFDEBUG', 'ENCODING', 'h')).toBe('+sparse\r\n');
    expect(run('PFDEBUG', 'DECODE', 'h')).toMatch(/^\$\d+\r\n(Z|z):\d+ v:\d+,1 (Z|z):\d+\r\n$/);
    expect(run('PFDEBUG', 'TODENSE', 'h')).toBe(':1\r\n');
    expect(run('PFDEBUG', 'TODENSE', 'h')).toBe(':0\r\n');
    expect(run('PFDEBUG', 'DECODE', 'h')).toBe('-ERR HLL encoding is not sparse\r\n');
    expect(run('STRLEN', 'h')).toBe(':12304\r\n');
    expect(run('PFCOUNT', 'h')).toBe(':1\r\n');
  });
});

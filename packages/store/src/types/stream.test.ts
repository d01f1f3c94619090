// StreamValue: ID parsing and formatting at the uint64 edges, ranges both ways against an array model, XDEL
// tombstones and the recorded first / max-deleted IDs, node-granular `~` trimming with Redis's counts, consumer
// groups (PEL shared with consumer PELs, lag / entries-read), IdMap ordering, and the registered dup/memory ops.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dupObject, objectMemory } from '../object.js';
import {
  createStreamObject,
  ENTRIES_READ_INVALID,
  formatStreamId,
  IdMap,
  parseStreamId,
  STREAM_ID_MAX,
  StreamNack,
  streamId,
  StreamValue,
  U64_MAX,
} from './stream.js';

const LIM = { nodeMaxEntries: 100, nodeMaxBytes: 4096 };

function fill(s: StreamValue, n: number, lim = LIM): void {
  for (let i = 1; i <= n; i++) s.append(streamId(BigInt(i), 0n), ['item', String(i)], lim);
}

describe('stream IDs', () => {
  it('parses ms-seq, bare ms, - and +, and keeps uint64 edges exact', () => {
    expect(parseStreamId('1-2', 0n, true)).toEqual({ id: streamId(1n, 2n), seqGiven: true });
    expect(parseStreamId('5', 7n, false)).toEqual({ id: streamId(5n, 7n), seqGiven: true });
    const max = parseStreamId('18446744073709551615-18446744073709551615', 0n, true)!;
    expect(max.id).toBe(STREAM_ID_MAX);
    expect(formatStreamId(max.id)).toBe('18446744073709551615-18446744073709551615');
    expect(parseStreamId('18446744073709551616', 0n, true)).toBeNull();
    expect(parseStreamId('-', 0n, false)!.id).toBe(0n);
    expect(parseStreamId('+', 0n, false)!.id).toBe(STREAM_ID_MAX);
    expect(parseStreamId('-', 0n, true)).toBeNull();
    expect(parseStreamId('-1', 0n, false)).toBeNull();
    expect(parseStreamId('abc', 0n, false)).toBeNull();
    expect(parseStreamId('1-x', 0n, false)).toBeNull();
    expect(parseStreamId('1-*', 0n, true, true)).toEqual({ id: streamId(1n, 0n), seqGiven: false });
    expect(parseStreamId('1-*', 0n, true)).toBeNull();
  });

  it('picks the next ID as XADD does, including seq and ms carry and exhaustion', () => {
    const s = new StreamValue();
    expect(s.nextId(undefined, true, 1000)).toBe(streamId(1000n, 0n));
    s.append(streamId(1000n, 0n), ['a', '1'], LIM);
    expect(s.nextId(undefined, true, 999)).toBe(streamId(1000n, 1n));
    expect(s.nextId(streamId(1000n, 0n), false, 0)).toBe(streamId(1000n, 1n));
    expect(s.nextId(streamId(2000n, 0n), false, 0)).toBe(streamId(2000n, 0n));
    expect(s.nextId(streamId(1000n, 0n), true, 0)).toBeNull();
    s.lastId = streamId(5n, U64_MAX);
    expect(s.nextId(undefined, true, 0)).toBe(streamId(6n, 0n));
    expect(s.nextId(streamId(5n, 0n), false, 0)).toBeNull();
  });
});

describe('StreamValue ranges and deletion', () => {
  it('matches an array model for random ranges both ways, with tombstones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 100 }),
        fc.integer({ min: 0, max: 410 }),
        fc.integer({ min: 0, max: 410 }),
        fc.integer({ min: 0, max: 20 }),
        (n, dels, a, b, count) => {
          const s = new StreamValue();
          fill(s, n, { nodeMaxEntries: 7, nodeMaxBytes: 4096 });
          const live = new Set<number>();
          for (let i = 1; i <= n; i++) live.add(i);
          for (const d of dels) expect(s.delete(streamId(BigInt(d), 0n))).toBe(live.delete(d));
          const model = [...live].sort((x, y) => x - y);
          expect(s.length).toBe(model.length);
          const lo = Math.min(a, b);
          const hi = Math.max(a, b);
          const want = model.filter((x) => x >= lo && x <= hi);
          const fwd = s.range(streamId(BigInt(lo), 0n), streamId(BigInt(hi), 0n), false, count).map((e) => Number(e.id >> 64n));
          const rev = s.range(streamId(BigInt(lo), 0n), streamId(BigInt(hi), 0n), true, count).map((e) => Number(e.id >> 64n));
          expect(fwd).toEqual(count ? want.slice(0, count) : want);
          const wrev = [...want].reverse();
          expect(rev).toEqual(count ? wrev.slice(0, count) : wrev);
          expect(s.firstId).toBe(model.length ? streamId(BigInt(model[0]!), 0n) : 0n);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('XDEL keeps last-generated-id, tracks max-deleted-entry-id and the recorded first entry', () => {
    const s = new StreamValue();
    fill(s, 5);
    expect(s.delete(streamId(1n, 0n))).toBe(true);
    expect(s.delete(streamId(1n, 0n))).toBe(false);
    expect(s.delete(streamId(3n, 0n))).toBe(true);
    expect(s.length).toBe(3);
    expect(s.firstId).toBe(streamId(2n, 0n));
    expect(s.maxDeletedId).toBe(streamId(3n, 0n));
    expect(s.lastId).toBe(streamId(5n, 0n));
    expect(s.entriesAdded).toBe(5);
    for (const i of [2n, 4n, 5n]) s.delete(streamId(i, 0n));
    expect(s.length).toBe(0);
    expect(s.firstId).toBe(0n);
    expect(s.nodeCount).toBe(0);
  });
});

describe('StreamValue trimming', () => {
  it('exact MAXLEN and MINID trim entry by entry', () => {
    const s = new StreamValue();
    fill(s, 250);
    expect(s.trim({ strategy: 'maxlen', maxlen: 10, minid: 0n, approx: false, limit: 0 })).toBe(240);
    expect(s.length).toBe(10);
    expect(s.firstId).toBe(streamId(241n, 0n));
    expect(s.trim({ strategy: 'minid', maxlen: 0, minid: streamId(245n, 0n), approx: false, limit: 0 })).toBe(4);
    expect(s.range(0n, STREAM_ID_MAX, false, 1)[0]!.id).toBe(streamId(245n, 0n));
  });

  it('approximate trimming removes whole nodes only, and LIMIT caps it (Redis counts)', () => {
    const s = new StreamValue();
    fill(s, 1000);
    // 10 nodes of 100: MAXLEN ~ 555 can drop 4 nodes (600 left), not a 5th
    expect(s.trim({ strategy: 'maxlen', maxlen: 555, minid: 0n, approx: true, limit: 10000 })).toBe(400);
    expect(s.length).toBe(600);
    expect(s.trim({ strategy: 'maxlen', maxlen: 0, minid: 0n, approx: true, limit: 250 })).toBe(200);
    expect(s.length).toBe(400);
    expect(s.trim({ strategy: 'minid', maxlen: 0, minid: streamId(750n, 0n), approx: true, limit: 10000 })).toBe(100);
    expect(s.length).toBe(300);
  });

  it('stream-node-max-bytes starts new nodes for big entries', () => {
    const s = new StreamValue();
    for (let i = 1; i <= 10; i++) s.append(streamId(BigInt(i), 0n), ['f', 'x'.repeat(1000)], LIM);
    expect(s.nodeCount).toBeGreaterThanOrEqual(3);
  });
});

describe('consumer groups', () => {
  it('ack, reassignment and consumer deletion keep the group and consumer PELs in step', () => {
    const s = new StreamValue();
    fill(s, 3);
    const g = s.createGroup('g', 0n, 0)!;
    expect(s.createGroup('g', 0n, 0)).toBeUndefined();
    const a = g.createConsumer('a', 1)!;
    const b = g.createConsumer('b', 1)!;
    for (const i of [1n, 2n, 3n]) {
      const id = streamId(i, 0n);
      s.advanceGroup(g, id);
      const n = new StreamNack(a, 1, 1);
      g.pel.set(id, n);
      a.pel.set(id, n);
    }
    expect(g.lastId).toBe(streamId(3n, 0n));
    expect(g.entriesRead).toBe(3);
    expect(s.groupLag(g)).toBe(0);
    g.assign(streamId(2n, 0n), g.pel.get(streamId(2n, 0n))!, b);
    expect([a.pel.size, b.pel.size]).toEqual([2, 1]);
    expect(g.ack(streamId(1n, 0n))).toBe(true);
    expect(g.ack(streamId(1n, 0n))).toBe(false);
    expect(g.deleteConsumer(b)).toBe(1);
    expect(g.pel.size).toBe(1);
    expect(g.sortedConsumers().map((c) => c.name)).toEqual(['a']);
  });

  it('lag is unknown when a tombstone lies after the last delivered ID', () => {
    const s = new StreamValue();
    fill(s, 5);
    const g = s.createGroup('g', streamId(2n, 0n), ENTRIES_READ_INVALID)!;
    expect(s.groupLag(g)).toBeNull();
    const h = s.createGroup('h', 0n, ENTRIES_READ_INVALID)!;
    expect(s.groupLag(h)).toBe(5);
    s.delete(streamId(4n, 0n));
    const k = s.createGroup('k', streamId(3n, 0n), 3)!;
    expect(s.groupLag(k)).toBeNull();
  });

  it('IdMap iterates in ID order with out-of-order inserts and deletions during the walk', () => {
    const m = new IdMap<number>();
    for (const i of [5, 1, 9, 3, 7]) m.set(BigInt(i), i);
    const seen: number[] = [];
    for (const [id, v] of m.from(2n)) {
      seen.push(v);
      m.delete(id);
    }
    expect(seen).toEqual([3, 5, 7, 9]);
    expect([...m.entries()].map(([, v]) => v)).toEqual([1]);
    for (let i = 100; i < 300; i++) m.set(BigInt(i), i);
    for (let i = 100; i < 290; i++) m.delete(BigInt(i));
    expect(m.first()).toBe(1n);
    expect(m.last()).toBe(299n);
    expect(m.size).toBe(11);
  });
});

describe('stream object ops', () => {
  it('dup is deep (groups, PELs and shared nacks) and memory grows with entries', () => {
    const o = createStreamObject();
    const s = o.ptr;
    fill(s, 10);
    const g = s.createGroup('g', 0n, 0)!;
    const a = g.createConsumer('a', 1)!;
    const n = new StreamNack(a, 1, 1);
    g.pel.set(streamId(1n, 0n), n);
    a.pel.set(streamId(1n, 0n), n);
    const m1 = objectMemory(o);
    const copy = dupObject(o).ptr as StreamValue;
    s.delete(streamId(1n, 0n));
    g.ack(streamId(1n, 0n));
    expect(copy.length).toBe(10);
    const cg = copy.getGroup('g')!;
    expect(cg.pel.size).toBe(1);
    expect(cg.pel.get(streamId(1n, 0n))).toBe(cg.consumers.get('a')!.pel.get(streamId(1n, 0n)));
    expect(m1).toBeGreaterThan(500);
    const big = createStreamObject();
    fill(big.ptr, 1000);
    expect(objectMemory(big)).toBeGreaterThan(m1 * 20);
  });
});

// Property tests: ReplyParser(ReplyWriter(x)) == x for random nested values in RESP2 and RESP3 (with deferred
// lengths and random chunking); RequestParser(encodeCommand(args)) == args; random bytes never throw out of feed,
// always finish, and never make a parser retain more than it was fed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCommand, formatDouble, ReplyError, ReplyParser, ReplyWriter, RequestParser, type RespVersion } from './index.js';

type Node =
  | { t: 'simple' | 'error' | 'verbatim'; s: string }
  | { t: 'int' | 'bignum'; n: bigint }
  | { t: 'bulk'; b: Uint8Array }
  | { t: 'null' | 'nullArray' }
  | { t: 'double'; d: number }
  | { t: 'bool'; b: boolean }
  | { t: 'array' | 'set' | 'push'; items: Node[]; deferred: boolean }
  | { t: 'map'; pairs: [Node, Node][]; deferred: boolean };

const line = fc.string({ unit: fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)), maxLength: 20 });
const leaf: fc.Arbitrary<Node> = fc.oneof(
  fc.record({ t: fc.constantFrom('simple' as const, 'error' as const, 'verbatim' as const), s: line }),
  fc.record({ t: fc.constant('int' as const), n: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) }),
  fc.record({ t: fc.constant('bignum' as const), n: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }) }),
  fc.record({ t: fc.constant('bulk' as const), b: fc.uint8Array({ maxLength: 40 }) }),
  fc.record({ t: fc.constantFrom('null' as const, 'nullArray' as const) }),
  fc.record({ t: fc.constant('double' as const), d: fc.double() }),
  fc.record({ t: fc.constant('bool' as const), b: fc.boolean() }),
);
const tree = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ t: fc.constantFrom('array' as const, 'set' as const), items: fc.array(tie('node'), { maxLength: 5 }), deferred: fc.boolean() }),
    fc.record({
      t: fc.constant('map' as const),
      // keys distinct as parsed values (a JS Map keeps one entry per primitive key)
      pairs: fc.uniqueArray(fc.tuple(tie('node'), tie('node')), { maxLength: 4, selector: (p) => JSON.stringify(normExpected(expected(p[0], 3))) }),
      deferred: fc.boolean(),
    }),
  ),
})).node;
const topLevel: fc.Arbitrary<Node> = fc.oneof(
  tree,
  fc.record({ t: fc.constant('push' as const), items: fc.array(tree, { minLength: 1, maxLength: 4 }), deferred: fc.constant(false) }),
);

function write(w: ReplyWriter, x: Node): void {
  switch (x.t) {
    case 'simple':
      return w.simple(x.s);
    case 'error':
      return w.error(x.s);
    case 'verbatim':
      return w.verbatim(x.s);
    case 'int':
      return w.integer(x.n);
    case 'bignum':
      return w.bigNumber(x.n.toString());
    case 'bulk':
      return w.bulk(Buffer.from(x.b));
    case 'null':
      return w.null();
    case 'nullArray':
      return w.nullArray();
    case 'double':
      return w.double(x.d);
    case 'bool':
      return w.boolean(x.b);
    case 'push':
      w.pushHeader(x.items.length);
      return x.items.forEach((i) => write(w, i));
    case 'array':
    case 'set': {
      if (x.deferred) {
        const h = x.t === 'array' ? w.deferArray() : w.deferSet();
        x.items.forEach((i) => write(w, i));
        if (x.t === 'array') w.setDeferredArray(h, x.items.length);
        else w.setDeferredSet(h, x.items.length);
        return;
      }
      if (x.t === 'array') w.arrayHeader(x.items.length);
      else w.setHeader(x.items.length);
      return x.items.forEach((i) => write(w, i));
    }
    case 'map': {
      const h = x.deferred ? w.deferMap() : -1;
      if (!x.deferred) w.mapHeader(x.pairs.length);
      for (const [k, v] of x.pairs) {
        write(w, k);
        write(w, v);
      }
      if (x.deferred) w.setDeferredMap(h, x.pairs.length);
    }
  }
}

/** The value a parser (bulkAs buffer, setAs array, mapAs map) must produce, normalised as by norm(). */
function expected(x: Node, proto: RespVersion): unknown {
  const bulk = (s: string): unknown => ({ buf: Buffer.from(s, 'latin1').toString('hex') });
  const int = (n: bigint): unknown => ({ int: n.toString() });
  switch (x.t) {
    case 'simple':
      return x.s;
    case 'error':
      return { err: x.s };
    case 'verbatim':
      return bulk(x.s);
    case 'int':
      return int(x.n);
    case 'bignum':
      return proto === 3 ? { big: x.n.toString() } : bulk(x.n.toString());
    case 'bulk':
      return { buf: Buffer.from(x.b).toString('hex') };
    case 'null':
    case 'nullArray':
      return null;
    case 'double':
      return proto === 3 ? { dbl: formatDouble(x.d) } : bulk(formatDouble(x.d));
    case 'bool':
      return proto === 3 ? x.b : int(x.b ? 1n : 0n);
    case 'push':
    case 'array':
    case 'set':
      return x.items.map((i) => expected(i, proto));
    case 'map':
      return proto === 3
        ? { map: x.pairs.map(([k, v]) => [expected(k, proto), expected(v, proto)]) }
        : x.pairs.flatMap(([k, v]) => [expected(k, proto), expected(v, proto)]);
  }
}

function norm(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return { buf: v.toString('hex') };
  if (v instanceof ReplyError) return { err: v.message };
  if (typeof v === 'bigint') return { int: v.toString() };
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) && Math.abs(v) < 2 ** 53 ? { int: String(v) } : { dbl: formatDouble(v) };
  if (Array.isArray(v)) return v.map(norm);
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [norm(k), norm(x)]) };
  return v;
}

/** Doubles that are integral come back as JS integers: normalise both sides the same way. */
function normExpected(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normExpected);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.dbl === 'string') return norm(Number(o.dbl === 'inf' ? Infinity : o.dbl === '-inf' ? -Infinity : o.dbl === 'nan' ? NaN : o.dbl));
    if (typeof o.big === 'string') return { int: o.big };
    if (Array.isArray(o.map)) return { map: o.map.map((p: unknown) => normExpected(p)) };
  }
  return v;
}

function chunks(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(buf.subarray(prev, p));
    prev = p;
  }
  out.push(buf.subarray(prev));
  return out;
}

describe('round trip ReplyParser(ReplyWriter(x)) == x', () => {
  for (const proto of [2, 3] as const) {
    it(`RESP${proto}`, () => {
      fc.assert(
        fc.property(fc.array(topLevel, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (xs, cuts, bytewise) => {
          const w = new ReplyWriter({ protocol: proto, initialSize: 64 });
          for (const x of xs) write(w, x);
          const bytes = w.take();
          const got: unknown[] = [];
          const p = new ReplyParser({ onReply: (v) => got.push(v), bulkAs: 'buffer', setAs: 'array', encoding: 'latin1', onError: (e) => expect.fail(e.message) });
          if (bytewise) for (let i = 0; i < bytes.length; i++) p.feed(bytes.subarray(i, i + 1));
          else for (const c of chunks(bytes, cuts)) p.feed(c);
          expect(got.map(norm)).toEqual(xs.map((x) => normExpected(expected(x, proto))));
          expect(p.bufferedBytes).toBe(0);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('round trip RequestParser(encodeCommand(args)) == args', () => {
  it('for random binary arguments and random chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.uint8Array({ maxLength: 50 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom('buffer' as const, 'latin1' as const),
        (cmds, cuts, argType) => {
          const bytes = Buffer.concat(cmds.map((c) => encodeCommand(c.map((a) => Buffer.from(a)))));
          const got: string[][] = [];
          const p = new RequestParser({ onCommand: (a) => got.push(a.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : x).toString('hex'))), onError: (e) => expect.fail(e.message), argType });
          for (const c of chunks(bytes, cuts)) p.feed(c);
          expect(got).toEqual(cmds.map((c) => c.map((a) => Buffer.from(a).toString('hex'))));
          expect(p.bufferedBytes).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// Random bytes biased towards RESP syntax so that the parsers get deep into their states.
const token = fc.oneof(
  fc.constantFrom('*', '$', ':', '+', '-', '%', '~', '>', '|', ',', '#', '_', '(', '!', '=', '.', ';', '?', '\r\n', '\r', '\n', '"', "'", '\\x', '\\', ' ', '\x00'),
  fc.integer({ min: -2, max: 40 }).map(String),
  fc.constantFrom('99999999999999999999', '2147483648', '-1', '0', '16385', '1048577'),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => Buffer.from(b).toString('latin1')),
);
const garbage = fc.array(token, { maxLength: 80 }).map((ts) => Buffer.from(ts.join(''), 'latin1'));

describe('random bytes', () => {
  it('never throw out of RequestParser.feed, finish, and stay bounded', () => {
    fc.assert(
      fc.property(garbage, fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), (bytes, cuts, authenticated) => {
        let errors = 0;
        const p = new RequestParser({ onCommand: (a) => expect(a.length).toBeGreaterThan(0), onError: () => errors++, authenticated, maxInlineSize: 64 });
        let fed = 0;
        for (const c of chunks(bytes, cuts)) {
          p.feed(c);
          fed += c.length;
          expect(p.bufferedBytes).toBeLessThanOrEqual(fed);
        }
        expect(errors).toBeLessThanOrEqual(1);
        expect(p.failed).toBe(errors === 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throw out of ReplyParser.feed, finish, and stay bounded', () => {
    fc.assert(
      fc.property(garbage, fc.array(fc.nat(), { maxLength: 8 }), fc.constantFrom('buffer' as const, 'string' as const), (bytes, cuts, bulkAs) => {
        let errors = 0;
        const p = new ReplyParser({ onReply: () => undefined, onError: () => errors++, bulkAs, onPush: () => undefined, onAttribute: () => undefined });
        let fed = 0;
        for (const c of chunks(bytes, cuts)) {
          p.feed(c);
          fed += c.length;
          expect(p.bufferedBytes).toBeLessThanOrEqual(fed);
        }
        expect(errors).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });
});

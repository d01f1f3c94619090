// ListValue against a plain-array model: every operation, wrap-around, growth and shrink, plus the object ops.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dupObject, Encoding, encodingName, objectMemory, ObjType } from '../object.js';
import { createListObject, listValue, ListValue } from './list.js';

describe('ListValue', () => {
  it('pushes and pops at both ends in order', () => {
    const l = new ListValue();
    l.pushTail('b');
    l.pushHead('a');
    l.pushTail('c');
    expect(l.toArray()).toEqual(['a', 'b', 'c']);
    expect(l.popHead()).toBe('a');
    expect(l.popTail()).toBe('c');
    expect(l.popTail()).toBe('b');
    expect(l.popTail()).toBeUndefined();
    expect(l.popHead()).toBeUndefined();
    expect(l.length).toBe(0);
  });

  it('index() accepts negative indexes and rejects out-of-range ones', () => {
    const l = ListValue.from(['x', 'y', 'z']);
    expect(l.index(0)).toBe('x');
    expect(l.index(-1)).toBe('z');
    expect(l.index(-3)).toBe('x');
    expect(l.index(-4)).toBeUndefined();
    expect(l.index(3)).toBeUndefined();
  });

  it('keeps order across growth while wrapped around', () => {
    const l = new ListValue();
    const model: string[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i % 3 === 0) {
        l.pushHead(`h${i}`);
        model.unshift(`h${i}`);
      } else {
        l.pushTail(`t${i}`);
        model.push(`t${i}`);
      }
    }
    expect(l.toArray()).toEqual(model);
    for (let i = 0; i < 990; i++) {
      expect(i % 2 === 0 ? l.popHead() : l.popTail()).toBe(i % 2 === 0 ? model.shift() : model.pop());
    }
    expect(l.toArray()).toEqual(model);
    expect(l.capacity).toBeLessThanOrEqual(64);
  });

  it('removeValue follows LREM count semantics', () => {
    const src = ['a', 'b', 'a', 'c', 'a', 'b'];
    let l = ListValue.from(src);
    expect(l.removeValue('a', 0)).toBe(3);
    expect(l.toArray()).toEqual(['b', 'c', 'b']);
    l = ListValue.from(src);
    expect(l.removeValue('a', 2)).toBe(2);
    expect(l.toArray()).toEqual(['b', 'c', 'a', 'b']);
    l = ListValue.from(src);
    expect(l.removeValue('a', -2)).toBe(2);
    expect(l.toArray()).toEqual(['a', 'b', 'c', 'b']);
    expect(l.removeValue('zz', 0)).toBe(0);
  });

  it('trim keeps the inclusive range and empties on an inverted one', () => {
    const l = ListValue.from(['0', '1', '2', '3', '4']);
    l.trim(1, 3);
    expect(l.toArray()).toEqual(['1', '2', '3']);
    l.trim(2, 1);
    expect(l.length).toBe(0);
    expect(l.byteLength).toBe(0);
  });

  it('behaves like an array under random operation sequences', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('pushHead' as const), v: fc.string({ maxLength: 3 }) }),
      fc.record({ k: fc.constant('pushTail' as const), v: fc.string({ maxLength: 3 }) }),
      fc.record({ k: fc.constant('popHead' as const) }),
      fc.record({ k: fc.constant('popTail' as const) }),
      fc.record({ k: fc.constant('insert' as const), i: fc.nat(), v: fc.string({ maxLength: 3 }) }),
      fc.record({ k: fc.constant('remove' as const), i: fc.nat() }),
      fc.record({ k: fc.constant('set' as const), i: fc.nat(), v: fc.string({ maxLength: 3 }) }),
      fc.record({ k: fc.constant('lrem' as const), v: fc.constantFrom('', 'a', 'b'), c: fc.integer({ min: -3, max: 3 }) }),
      fc.record({ k: fc.constant('trim' as const), a: fc.integer({ min: -2, max: 40 }), b: fc.integer({ min: -2, max: 40 }) }),
      fc.record({ k: fc.constant('bulk' as const), n: fc.integer({ min: 0, max: 200 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const l = new ListValue();
        const m: string[] = [];
        for (const o of ops) {
          switch (o.k) {
            case 'pushHead': l.pushHead(o.v); m.unshift(o.v); break;
            case 'pushTail': l.pushTail(o.v); m.push(o.v); break;
            case 'popHead': expect(l.popHead()).toBe(m.shift()); break;
            case 'popTail': expect(l.popTail()).toBe(m.pop()); break;
            case 'insert': {
              const i = o.i % (m.length + 1);
              l.insertAt(i, o.v);
              m.splice(i, 0, o.v);
              break;
            }
            case 'remove':
              if (m.length > 0) {
                const i = o.i % m.length;
                expect(l.removeAt(i)).toBe(m.splice(i, 1)[0]);
              }
              break;
            case 'set':
              if (m.length > 0) {
                const i = o.i % m.length;
                l.set(i, o.v);
                m[i] = o.v;
              }
              break;
            case 'lrem': {
              let removed = 0;
              if (o.c >= 0) {
                const lim = o.c === 0 ? Infinity : o.c;
                for (let i = 0; i < m.length && removed < lim; ) {
                  if (m[i] === o.v) { m.splice(i, 1); removed++; } else i++;
                }
              } else {
                for (let i = m.length - 1; i >= 0 && removed < -o.c; i--) {
                  if (m[i] === o.v) { m.splice(i, 1); removed++; }
                }
              }
              expect(l.removeValue(o.v, o.c)).toBe(removed);
              break;
            }
            case 'trim': {
              l.trim(o.a, o.b);
              const a = Math.max(0, o.a);
              const b = Math.min(m.length - 1, o.b);
              m.splice(0, m.length, ...(a > b ? [] : m.slice(a, b + 1)));
              break;
            }
            case 'bulk':
              for (let i = 0; i < o.n; i++) { l.pushTail('b'); m.push('b'); }
              for (let i = 0; i < o.n; i++) expect(l.popHead()).toBe(m.shift());
              break;
          }
          expect(l.length).toBe(m.length);
        }
        expect(l.toArray()).toEqual(m);
        expect([...l]).toEqual(m);
        expect(l.byteLength).toBe(m.reduce((s, x) => s + x.length, 0));
        for (let i = 0; i < m.length; i++) expect(l.at(i)).toBe(m[i]);
        if (m.length > 0) expect(l.indexOf(m[m.length - 1]!)).toBe(m.indexOf(m[m.length - 1]!));
      }),
      { numRuns: 300 },
    );
  });
});

describe('list objects', () => {
  it('report encoding quicklist as Redis 7.0 does', () => {
    const o = createListObject(['a']);
    expect(o.type).toBe(ObjType.LIST);
    expect(encodingName(o.encoding)).toBe('quicklist');
    expect(o.encoding).toBe(Encoding.QUICKLIST);
  });

  it('dup gives an independent copy', () => {
    const o = createListObject(['a', 'b']);
    const c = dupObject(o);
    listValue(c).pushTail('c');
    listValue(o).popHead();
    expect(listValue(o).toArray()).toEqual(['b']);
    expect(listValue(c).toArray()).toEqual(['a', 'b', 'c']);
    expect(c.refcount).toBe(1);
  });

  it('memory estimate grows with content', () => {
    const o = createListObject();
    const empty = objectMemory(o);
    for (let i = 0; i < 100; i++) listValue(o).pushTail('x'.repeat(100));
    expect(objectMemory(o)).toBeGreaterThan(empty + 100 * 100);
  });
});

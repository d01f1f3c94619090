// ZRANDMEMBER key [count [WITHSCORES]]: distinct members for a positive count, repeats allowed for a negative one.
// A negative count is capped (BAD-INPUT 15): more than ZRANDMEMBER_MAX_REPEATS repeats is refused with Redis's
// "value is out of range" text instead of building a reply of gigabytes.
import { ObjType, type ZNode, type ZSet } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';
import { parseInt64 } from '../util/number.js';
import { replyEntriesHeader, replyEntry } from './zset-generic.js';

/** Largest |count| served for a negative count (2^24 entries). */
export const ZRANDMEMBER_MAX_REPEATS = 16777216;
const LONG_MAX = 9223372036854775807n;
const SUB_STRATEGY_MUL = 3;

export const zrandmemberCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  if (argv.length >= 3) {
    const lb = parseInt64(argv[2]!);
    if (lb === null) {
      e.replyError(c, Err.NOT_INTEGER);
      return;
    }
    if (lb < -LONG_MAX) {
      e.replyError(c, `ERR value is out of range, value must between ${-LONG_MAX} and ${LONG_MAX}`);
      return;
    }
    let withscores = false;
    if (argv.length > 4 || (argv.length === 4 && argv[3]!.toLowerCase() !== 'withscores')) {
      e.replyError(c, Err.SYNTAX);
      return;
    } else if (argv.length === 4) {
      withscores = true;
      if (lb < -LONG_MAX / 2n || lb > LONG_MAX / 2n) {
        e.replyError(c, 'ERR value is out of range');
        return;
      }
    }
    withCount(c, e, lb, withscores);
    return;
  }
  const o = lookupRead<ZSet>(c, e, argv[1]!, ObjType.ZSET);
  if (o === null) return;
  if (o === undefined) {
    c.reply.null();
    return;
  }
  c.reply.bulk(o.ptr.randomNode()!.member);
};

function withCount(c: Parameters<CommandHandler>[0], e: Parameters<CommandHandler>[1], lb: bigint, withscores: boolean): void {
  const o = lookupRead<ZSet>(c, e, c.argv[1]!, ObjType.ZSET);
  if (o === null) return;
  if (o === undefined) {
    c.reply.arrayHeader(0);
    return;
  }
  const z = o.ptr;
  const size = z.length;
  const uniq = lb >= 0n;
  const big = uniq ? lb : -lb;
  if (big === 0n) {
    c.reply.arrayHeader(0);
    return;
  }
  if (!uniq || big === 1n) {
    if (big > BigInt(ZRANDMEMBER_MAX_REPEATS)) {
      e.replyError(c, 'ERR value is out of range');
      return;
    }
    const count = Number(big);
    replyEntriesHeader(c, count, withscores);
    for (let i = 0; i < count; i++) {
      const n = z.randomNode()!;
      replyEntry(c, n.member, n.score, withscores);
    }
    return;
  }
  const count = big >= BigInt(size) ? size : Number(big);
  replyEntriesHeader(c, count, withscores);
  // CASE 2: the whole set (listpack order for small sets, as Redis walks them from the tail).
  if (count >= size) {
    for (let n = z.last(); n !== null; n = n.prev) replyEntry(c, n.member, n.score, withscores);
    return;
  }
  // CASE 3: take all, remove random ones until `count` are left.
  if (count * SUB_STRATEGY_MUL > size) {
    const all: ZNode[] = [];
    for (let n = z.first(); n !== null; n = n.next) all.push(n);
    let len = all.length;
    while (len > count) {
      const i = Math.floor(Math.random() * len);
      all[i] = all[len - 1]!;
      len--;
    }
    for (let i = 0; i < count; i++) replyEntry(c, all[i]!.member, all[i]!.score, withscores);
    return;
  }
  // CASE 4: random picks, skipping repeats.
  const picked = new Set<ZNode>();
  while (picked.size < count) {
    const n = z.randomNode()!;
    if (picked.has(n)) continue;
    picked.add(n);
    replyEntry(c, n.member, n.score, withscores);
  }
}

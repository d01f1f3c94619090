// HRANDFIELD key [count [WITHVALUES]]: random fields. count > 0: distinct (whole hash when count >= size);
// count < 0: |count| picks with repetition, bounded by the reply-size cap (an error instead of a runaway reply).
// WITHVALUES: RESP3 pairs, RESP2 flat. Texts as Redis 7.0.
import { ObjType, type HashValue } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { RANDOM_COUNT_RANGE_ERROR, randomReplyTooLarge } from '../util/collection-scan.js';
import { lookupRead } from '../util/lookup.js';
import { parseInt64 } from '../util/number.js';

const LONG_MAX = 9223372036854775807n;

export const hrandfieldCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const rand = e.keyspace.random;
  if (argv.length >= 3) {
    const l = parseInt64(argv[2]!);
    if (l === null) {
      e.replyError(c, Err.NOT_INTEGER);
      return;
    }
    if (l < -LONG_MAX) {
      e.replyError(c, RANDOM_COUNT_RANGE_ERROR);
      return;
    }
    let withValues = false;
    if (argv.length > 4 || (argv.length === 4 && argv[3]!.toLowerCase() !== 'withvalues')) {
      e.replyError(c, Err.SYNTAX);
      return;
    } else if (argv.length === 4) {
      withValues = true;
      if (l < -LONG_MAX / 2n || l > LONG_MAX / 2n) {
        e.replyError(c, 'ERR value is out of range');
        return;
      }
    }
    const o = lookupRead<HashValue>(c, e, argv[1]!, ObjType.HASH);
    if (o === null) return;
    if (o === undefined || l === 0n) {
      c.reply.arrayHeader(0);
      return;
    }
    const h = o.ptr;
    const size = h.size;
    const r = c.reply;
    const pairs = withValues && c.resp > 2;
    const emit = (s: number): void => {
      if (pairs) r.arrayHeader(2);
      r.bulk(h.keyAt(s)!);
      if (withValues) r.bulk(h.valueAt(s));
    };
    if (l < 0n || l === 1n) {
      const count = Number(l < 0n ? -l : l);
      const avg = (h.keysByteLength + (withValues ? h.valuesByteLength : 0)) / size;
      if (randomReplyTooLarge(count * (withValues ? 2 : 1), avg)) {
        e.replyError(c, 'ERR value is out of range');
        return;
      }
      r.arrayHeader(withValues && c.resp === 2 ? count * 2 : count);
      for (let i = 0; i < count; i++) emit(h.randomSlot(rand));
      return;
    }
    const count = l >= BigInt(size) ? size : Number(l);
    r.arrayHeader(withValues && c.resp === 2 ? count * 2 : count);
    if (count === size) {
      h.forEach((f, v) => {
        if (pairs) r.arrayHeader(2);
        r.bulk(f);
        if (withValues) r.bulk(v);
      });
      return;
    }
    for (const s of h.distinctRandomSlots(count, rand)) emit(s);
    return;
  }
  const o = lookupRead<HashValue>(c, e, argv[1]!, ObjType.HASH);
  if (o === null) return;
  if (o === undefined) {
    c.reply.null();
    return;
  }
  c.reply.bulk(o.ptr.keyAt(o.ptr.randomSlot(rand))!);
};

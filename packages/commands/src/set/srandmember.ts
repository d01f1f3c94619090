// SRANDMEMBER key [count]: random members without removing them. count > 0: distinct (the whole set when
// count >= size); count < 0: |count| picks with repetition, bounded by the reply-size cap (an error instead
// of a runaway reply, see BAD-INPUT item 15). Texts as Redis 7.0.
import { ObjType, setMembersOrdered, type SetValue } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { RANDOM_COUNT_RANGE_ERROR, randomReplyTooLarge } from '../util/collection-scan.js';
import { lookupRead } from '../util/lookup.js';
import { parseInt64 } from '../util/number.js';

const LONG_MAX = 9223372036854775807n;

export const srandmemberCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const rand = e.keyspace.random;
  if (argv.length > 3) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  if (argv.length === 3) {
    const l = parseInt64(argv[2]!);
    if (l === null) {
      e.replyError(c, Err.NOT_INTEGER);
      return;
    }
    if (l < -LONG_MAX) {
      e.replyError(c, RANDOM_COUNT_RANGE_ERROR);
      return;
    }
    const o = lookupRead<SetValue>(c, e, argv[1]!, ObjType.SET);
    if (o === null) return;
    if (o === undefined || l === 0n) {
      c.reply.arrayHeader(0);
      return;
    }
    const s = o.ptr;
    const size = s.size;
    const r = c.reply;
    if (l < 0n || l === 1n) {
      const count = Number(l < 0n ? -l : l);
      if (randomReplyTooLarge(count, s.keysByteLength / size)) {
        e.replyError(c, 'ERR value is out of range');
        return;
      }
      r.arrayHeader(count);
      for (let i = 0; i < count; i++) r.bulk(s.memberAt(s.randomSlot(rand)));
      return;
    }
    if (l >= BigInt(size)) {
      const all = setMembersOrdered(o);
      r.arrayHeader(all.length);
      for (const m of all) r.bulk(m);
      return;
    }
    const count = Number(l);
    r.arrayHeader(count);
    for (const slot of s.distinctRandomSlots(count, rand)) r.bulk(s.memberAt(slot));
    return;
  }
  const o = lookupRead<SetValue>(c, e, argv[1]!, ObjType.SET);
  if (o === null) return;
  if (o === undefined) {
    c.reply.null();
    return;
  }
  c.reply.bulk(o.ptr.memberAt(o.ptr.randomSlot(rand)));
};

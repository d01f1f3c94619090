// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]: index(es) of matches as LINDEX counts them.
// Options are parsed (with Redis's texts) before the key is looked up.
import { ObjType, type ListValue } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';
import { parseLongOrReply, parseRangeLongOrReply } from './list-generic.js';

const RANK_ZERO =
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";

export const lposCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const ele = argv[2]!;
  let rank = 1;
  let count = -1;
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j]!.toLowerCase();
    const more = argv.length - 1 - j;
    if (opt === 'rank' && more > 0) {
      const v = parseLongOrReply(c, e, argv[++j]!);
      if (v === null) return;
      if (v === 0) {
        e.replyError(c, RANK_ZERO);
        return;
      }
      rank = v;
    } else if (opt === 'count' && more > 0) {
      const v = parseRangeLongOrReply(c, e, argv[++j]!, 0, "ERR COUNT can't be negative");
      if (v === null) return;
      count = v;
    } else if (opt === 'maxlen' && more > 0) {
      const v = parseRangeLongOrReply(c, e, argv[++j]!, 0, "ERR MAXLEN can't be negative");
      if (v === null) return;
      maxlen = v;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  const fromTail = rank < 0;
  // Redis negates a long: LONG_MIN stays negative there, so every match satisfies the rank (as rank 1)
  if (fromTail) rank = rank <= -9223372036854775808 ? 1 : -rank;
  const o = lookupRead<ListValue>(c, e, argv[1]!, ObjType.LIST);
  if (o === null) return;
  const r = c.reply;
  if (o === undefined) {
    if (count !== -1) r.arrayHeader(0);
    else r.null();
    return;
  }
  const l = o.ptr;
  const llen = l.length;
  const limit = maxlen === 0 ? llen : Math.min(maxlen, llen);
  let matches = 0;
  if (count === -1) {
    for (let index = 0; index < limit; index++) {
      const pos = fromTail ? llen - index - 1 : index;
      if (l.at(pos) === ele && ++matches >= rank) {
        r.integer(pos);
        return;
      }
    }
    r.null();
    return;
  }
  const found: number[] = [];
  for (let index = 0; index < limit; index++) {
    const pos = fromTail ? llen - index - 1 : index;
    if (l.at(pos) === ele && ++matches >= rank) {
      found.push(pos);
      if (count !== 0 && found.length >= count) break;
    }
  }
  r.arrayHeader(found.length);
  for (const p of found) r.integer(p);
};

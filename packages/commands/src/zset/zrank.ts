// ZRANK key member
import { ObjType, type ZSet } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const zrankCommand: CommandHandler = (c, e) => {
  const o = lookupRead<ZSet>(c, e, c.argv[1]!, ObjType.ZSET);
  if (o === null) return;
  if (o === undefined) {
    c.reply.null();
    return;
  }
  const r = o.ptr.rank(c.argv[2]!);
  if (r < 0) c.reply.null();
  else c.reply.integer(r);
};

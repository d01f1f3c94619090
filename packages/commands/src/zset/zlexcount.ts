// ZLEXCOUNT key min max
import { Encoding, ObjType, type ZSet } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';
import { ERR_MINMAX_LEX, parseLexRange } from './zset-generic.js';

export const zlexcountCommand: CommandHandler = (c, e) => {
  const r = parseLexRange(c.argv[2]!, c.argv[3]!);
  if (r === null) {
    e.replyError(c, ERR_MINMAX_LEX);
    return;
  }
  const o = lookupRead<ZSet>(c, e, c.argv[1]!, ObjType.ZSET);
  if (o === null) return;
  if (o === undefined) c.reply.integer(0);
  else c.reply.integer(o.encoding === Encoding.LISTPACK ? o.ptr.countInLexRangeLinear(r) : o.ptr.countInLexRange(r));
};

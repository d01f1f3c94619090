// ZCOUNT key min max
import { ObjType, type ZSet } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';
import { ERR_MINMAX_FLOAT, parseScoreRange } from './zset-generic.js';

export const zcountCommand: CommandHandler = (c, e) => {
  const r = parseScoreRange(c.argv[2]!, c.argv[3]!);
  if (r === null) {
    e.replyError(c, ERR_MINMAX_FLOAT);
    return;
  }
  const o = lookupRead<ZSet>(c, e, c.argv[1]!, ObjType.ZSET);
  if (o === null) return;
  c.reply.integer(o === undefined ? 0 : o.ptr.countInRange(r));
};

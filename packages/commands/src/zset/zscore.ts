// ZSCORE key member
import { ObjType, type ZSet } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const zscoreCommand: CommandHandler = (c, e) => {
  const o = lookupRead<ZSet>(c, e, c.argv[1]!, ObjType.ZSET);
  if (o === null) return;
  const s = o?.ptr.score(c.argv[2]!);
  if (s === undefined) c.reply.null();
  else c.reply.double(s);
};

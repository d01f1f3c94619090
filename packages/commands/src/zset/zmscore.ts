// ZMSCORE key member [member ...] (a missing key reads as an empty set)
import { ObjType, type ZSet } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const zmscoreCommand: CommandHandler = (c, e) => {
  const o = lookupRead<ZSet>(c, e, c.argv[1]!, ObjType.ZSET);
  if (o === null) return;
  const argv = c.argv;
  c.reply.arrayHeader(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const s = o?.ptr.score(argv[j]!);
    if (s === undefined) c.reply.null();
    else c.reply.double(s);
  }
};

// ZCARD key
import { ObjType, type ZSet } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const zcardCommand: CommandHandler = (c, e) => {
  const o = lookupRead<ZSet>(c, e, c.argv[1]!, ObjType.ZSET);
  if (o === null) return;
  c.reply.integer(o === undefined ? 0 : o.ptr.length);
};

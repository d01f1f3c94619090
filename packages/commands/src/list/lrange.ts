// LRANGE key start stop: the inclusive range, negative indexes from the tail; indexes are parsed before lookup.
import { ObjType, type ListValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';
import { listRangeReply, parseLongOrReply } from './list-generic.js';

export const lrangeCommand: CommandHandler = (c, e) => {
  const start = parseLongOrReply(c, e, c.argv[2]!);
  if (start === null) return;
  const end = parseLongOrReply(c, e, c.argv[3]!);
  if (end === null) return;
  const o = lookupRead<ListValue>(c, e, c.argv[1]!, ObjType.LIST);
  if (o === null) return;
  if (o === undefined) {
    c.reply.arrayHeader(0);
    return;
  }
  listRangeReply(c, o.ptr, start, end, false);
};

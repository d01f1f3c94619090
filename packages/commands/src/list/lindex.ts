// LINDEX key index: the element at index (negative counts from the tail), or null.
// As Redis: the key is looked up (WRONGTYPE, null) before the index is parsed.
import { ObjType, type ListValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';
import { parseLongOrReply } from './list-generic.js';

export const lindexCommand: CommandHandler = (c, e) => {
  const o = lookupRead<ListValue>(c, e, c.argv[1]!, ObjType.LIST);
  if (o === null) return;
  if (o === undefined) {
    c.reply.null();
    return;
  }
  const i = parseLongOrReply(c, e, c.argv[2]!);
  if (i === null) return;
  const v = o.ptr.index(i);
  if (v === undefined) c.reply.null();
  else c.reply.bulk(v);
};

// LLEN key: the list's length, 0 for a missing key.
import { ObjType, type ListValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const llenCommand: CommandHandler = (c, e) => {
  const o = lookupRead<ListValue>(c, e, c.argv[1]!, ObjType.LIST);
  if (o === null) return;
  c.reply.integer(o === undefined ? 0 : o.ptr.length);
};
